/**
 * The group workbook's close step (CONSOLIDATION_STEPS in index.ts; an entity
 * workbook's CLOSE_STEPS do not apply to a group): the consolidation run of
 * src/core/consolidation. The packages and the group's rules arrive as plain
 * data in the parameters (the app reads the files and tables); the step itself
 * reads nothing.
 *
 * Example: params(2026-03) → { period: "2026-03" }; with inputs { packages: [US, UK], entities, … }
 *   propose → vouchers "Consolidation US 2026-03", "Consolidation UK 2026-03", "Eliminations 2026-03";
 *   a second post of 2026-03 is refused naming the first run (posting keys consolidation:UK:2026-03, …).
 */
import { consolidate, CONSOLIDATION_STEP } from "../../consolidation/consolidate";
import type {
  AccountMapRule,
  EliminationRule,
  EntityPackage,
  GroupEntity,
  TranslationRule,
} from "../../consolidation/model";
import { findings, type CloseStep } from "./closeStep";

export interface ConsolidationParams {
  readonly [k: string]: unknown;
  readonly period: string;
  readonly entities?: readonly GroupEntity[];
  readonly mapping?: readonly AccountMapRule[];
  readonly translation?: readonly TranslationRule[];
  readonly eliminations?: readonly EliminationRule[];
  readonly packages?: readonly EntityPackage[];
}

export const consolidationStep: CloseStep<ConsolidationParams> = {
  id: "consolidation",
  title: "Consolidation",
  kind: "posting",
  runStep: CONSOLIDATION_STEP,
  what: "Maps, translates (with CTA), eliminates and computes NCI for the entities' packages; posts the period's movement of the consolidated balances.",
  params: (p) => ({ period: p.id }),
  propose: (book, x) => {
    const period = book.setup.periods.find((p) => p.id === x.period && p.kind === "operating");
    if (!period) return findings(CONSOLIDATION_STEP, { period: x.period }, []);
    return consolidate({
      book,
      period,
      entities: x.entities ?? [],
      mapping: x.mapping ?? [],
      translation: x.translation ?? [],
      eliminations: x.eliminations ?? [],
      packages: x.packages ?? [],
    }).proposal;
  },
  owns: (run, p) => run.period === p.id,
};
