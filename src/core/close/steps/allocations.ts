/**
 * Close step 5, posting: the active allocation rules (tblAllocationRules,
 * decoded by the app into `rules`) run over the period's balances; each rule
 * posts once per period (its posting key).
 *
 * Example: 2026-03, rule R1 60 % of ADMIN's rent to SALES, ADMIN 1,000.00 →
 *   one voucher ADMIN −600.00 / SALES +600.00, posting key allocation:R1:2026-03
 */
import { ALLOCATION_STEP, allocateRules } from "../allocations";
import type { AllocationRule } from "../allocationRules";
import type { CloseStep } from "./closeStep";
import { textOf } from "../../text/textOf";

export interface AllocationParams {
  readonly [k: string]: unknown;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly rules?: readonly AllocationRule[];
}

export const allocationsStep: CloseStep<AllocationParams> = {
  id: "allocations",
  title: "Allocations",
  kind: "posting",
  runStep: ALLOCATION_STEP,
  what: "Runs the active rules in tblAllocationRules over the period's balances.",
  params: (p) => ({ period: p.id, from: p.start, to: p.end }),
  propose: (book, x) =>
    allocateRules({
      setup: book.setup,
      ledger: book.ledger,
      rules: x.rules ?? [],
      from: x.from,
      to: x.to,
      periods: book.setup.periods,
    }),
  // an allocation run covers the period when its range ends (or its date is) the period end
  owns: (run, p) => [run.to, run.date].some((v) => textOf(v).split(", ").includes(p.end)),
};
