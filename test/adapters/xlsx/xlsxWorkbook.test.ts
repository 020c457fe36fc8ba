import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { describeWorkbookPortContract } from "../contract/workbookPortContract";

let dir = "";
let files = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-xlsx-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describeWorkbookPortContract("xlsx", async () => {
  const wb = XlsxWorkbook.create();
  return {
    port: wb,
    reopen: async () => {
      const file = path.join(dir, `contract-${++files}.xlsx`);
      await wb.save(file);
      return XlsxWorkbook.open(file);
    },
  };
});
