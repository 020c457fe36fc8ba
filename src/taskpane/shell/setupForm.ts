/**
 * The "Set up this workbook" form's fields checked into starterSetup options,
 * with one plain message per bad field.
 *
 * Example: parseSetupForm({ company: " Acme ", currency: "usd", year: "2026", startMonth: "7" })
 *   → { options: { company: "Acme", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 7 }, errors: {} }
 *   parseSetupForm({ …, currency: "US" }).errors.currency → "Use a three-letter currency code, such as USD."
 */
import type { StarterSetupOptions } from "../../app/demo/starterSetup";

export interface SetupForm {
  readonly company: string;
  readonly currency: string;
  readonly year: string;
  readonly startMonth: string;
}

export interface ParsedSetupForm {
  readonly options: StarterSetupOptions | undefined;
  readonly errors: Partial<Record<keyof SetupForm, string>>;
}

export function parseSetupForm(form: SetupForm): ParsedSetupForm {
  const errors: Partial<Record<keyof SetupForm, string>> = {};
  const company = form.company.trim();
  const currency = form.currency.trim().toUpperCase();
  const year = Number(form.year.trim());
  const month = Number(form.startMonth.trim());
  if (!company) errors.company = "Give the company's name.";
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = "Use a three-letter currency code, such as USD.";
  if (!/^\d{4}$/.test(form.year.trim()) || year < 1900 || year > 9998) errors.year = "Give a year such as 2026.";
  if (!/^\d{1,2}$/.test(form.startMonth.trim()) || month < 1 || month > 12)
    errors.startMonth = "Give a month from 1 (January) to 12 (December).";
  if (Object.keys(errors).length) return { options: undefined, errors };
  return { options: { company, accountingCurrency: currency, fiscalYearStart: year, startMonth: month }, errors };
}
