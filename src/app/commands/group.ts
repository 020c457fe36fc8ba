/**
 * Commands of consolidation: set up a group workbook, build an entity's
 * package from its workbook, consolidate packages into the group workbook.
 *
 * Example: send("consolidate", { period: "2026-03", mode: "preview", packages, user: "gina" })
 */
import type { SetupData } from "../setupWorkbook";
import { consolidateGroup, type ConsolidateRequest } from "../consolidation/consolidateGroup";
import { setupGroupWorkbook } from "../consolidation/groupSetup";
import { packageOfWorkbook, type PackageOptions } from "../consolidation/packageIO";
import { GROUP_VIEW_TABLES, groupView } from "../paneViews";
import type { HandlerEnv } from "./env";

export const groupHandlers = {
  /** the pane's Group tab: group or entity, currency, company, operating periods (the setup only) */
  "group-view": async (_args: Record<string, never>, env: HandlerEnv) => {
    const { book, raw } = (await env.session(GROUP_VIEW_TABLES)).loaded;
    return groupView(book, raw);
  },
  "setup-group-workbook": (args: { data: SetupData }, env: HandlerEnv) => setupGroupWorkbook(env.port, args.data),
  "package-of-workbook": (args: PackageOptions, env: HandlerEnv) => packageOfWorkbook(env.port, args),
  consolidate: ({ user, ...req }: ConsolidateRequest & { user: string }, env: HandlerEnv) =>
    consolidateGroup(env.port, req, { user, clock: env.clock }),
};
