import { computeSeal } from "../../src/core/seal/seal";
import { verifySeals } from "../../src/core/seal/verifySeals";
import { A } from "../support/fixtures";
const e = (n: number) => ({ row: n, entryNo: n, voucher: "V", date: "2026-01-02", period: "2026-01", account: "1000", dimensions: {}, currency: "USD", amount: A("1"), amountAccounting: A("1"), description: "", source: "", runId: "", settlementId: "", user: "", postedAt: "2026-01-02T00:00:00Z" });
test("dup", () => {
  const L = [e(1), e(2), e(3)];
  const s = computeSeal(L, { period: "2026-01", previousHash: "", user: "u", now: "", reason: "", runId: "R" });
  console.log(verifySeals([...L, { ...e(3), row: 4 }], [s.seal], s.rows));
  console.log(verifySeals(L, [{ ...s.seal, count: 2 }], s.rows));
});
