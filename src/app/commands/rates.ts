/**
 * Commands of the rate table: review it, check it before a close, import
 * rates from the ECB or a CSV text (the provider given as plain data).
 *
 * Example: send("import-rates", { source: { kind: "csv", text, name: "rates.csv" }, from: "2026-03-01", user: "bob" })
 */
import type { IsoDate } from "../../core/ledger/types";
import { importRates, type ImportRatesRequest } from "../rates/importRates";
import { CsvProvider, EcbProvider, type EcbProviderOptions, type RateProvider } from "../rates/rateProvider";
import { rateIssuesBeforeRun } from "../rates/rateRows";
import { reviewRates, type RateReviewOptions } from "../rates/reviewRates";
import type { RateCheckOptions } from "../../core/rates/rateChecks";
import type { HandlerEnv } from "./env";

/** where imported rates come from */
export type RateSource =
  | ({ readonly kind: "ecb" } & EcbProviderOptions)
  | { readonly kind: "csv"; readonly text: string; readonly name: string };

export function rateProvider(source: RateSource): RateProvider {
  if (source.kind === "csv") return new CsvProvider(source.text, source.name);
  const { kind: _kind, ...options } = source;
  return new EcbProvider(options);
}

export const rateHandlers = {
  "review-rates": (args: RateReviewOptions, env: HandlerEnv) => reviewRates(env.port, args),
  "check-rates": async (args: RateCheckOptions & { readonly asOf?: IsoDate }, env: HandlerEnv) =>
    rateIssuesBeforeRun((await env.session()).loaded, args),
  "import-rates": (
    { source, user, ...request }: ImportRatesRequest & { source: RateSource; user: string },
    env: HandlerEnv,
  ) => {
    const provider = rateProvider(source);
    return importRates(env.port, provider, request, { user, clock: env.clock }).then((r) => ({
      ...r,
      provider: provider.name,
    }));
  },
};
