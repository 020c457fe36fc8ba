/**
 * Light or dark task pane: a pure decision over the signals the host offers,
 * so it can be unit-tested without Office or a DOM.
 *
 * Order (engineering/excel-addin.md §5):
 *   1. Office.context.officeTheme.isDarkTheme, when the host reports it;
 *   2. else the luminance of officeTheme.bodyBackgroundColor (< 0.5 → dark);
 *   3. else the browser's prefers-color-scheme;
 *   4. else light.
 * officeTheme is undefined in Excel on the web (OfficeDev/office-js#6134).
 *
 * Example: pickThemeMode({ officeTheme: { bodyBackgroundColor: "#262626" } }) → "dark"
 */

export type ThemeMode = "light" | "dark";

/** The subset of Office.OfficeTheme the decision reads. */
export interface OfficeThemeLike {
  readonly isDarkTheme?: boolean | undefined;
  readonly bodyBackgroundColor?: string | undefined;
}

export interface ThemeSignals {
  readonly officeTheme?: OfficeThemeLike | null | undefined;
  /** matchMedia("(prefers-color-scheme: dark)").matches, if the browser answered */
  readonly prefersDark?: boolean | undefined;
}

export function pickThemeMode(signals: ThemeSignals): ThemeMode {
  const office = signals.officeTheme;
  if (typeof office?.isDarkTheme === "boolean") return office.isDarkTheme ? "dark" : "light";
  const luminance =
    office?.bodyBackgroundColor === undefined ? undefined : relativeLuminance(office.bodyBackgroundColor);
  if (luminance !== undefined) return luminance < 0.5 ? "dark" : "light";
  if (typeof signals.prefersDark === "boolean") return signals.prefersDark ? "dark" : "light";
  return "light";
}

/**
 * WCAG relative luminance (0 = black, 1 = white) of a CSS colour written as
 * #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a). Returns
 * undefined for anything else, and for fully transparent colours, which say
 * nothing about the background behind them.
 */
export function relativeLuminance(color: string): number | undefined {
  const rgb = parseColor(color);
  if (!rgb) return undefined;
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function parseColor(color: string): [number, number, number] | undefined {
  const s = color.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((h) => h + h).join("") : hex;
    if (full.length === 8 && full.slice(6) === "00") return undefined;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+%?)\s*)?\)$/.exec(s);
  if (fn) {
    const alpha = fn[4];
    if (alpha !== undefined && parseFloat(alpha) === 0) return undefined;
    const channels = [fn[1], fn[2], fn[3]].map((v) => Number(v));
    if (channels.some((v) => !Number.isFinite(v) || v > 255)) return undefined;
    return channels as [number, number, number];
  }
  return undefined;
}
