/**
 * Unit tests of src/taskpane/theme.ts: light/dark from the Office theme flag,
 * then the Office body background's luminance, then prefers-color-scheme,
 * then light.
 */
import { pickThemeMode, relativeLuminance } from "../../src/taskpane/theme";

describe("pickThemeMode", () => {
  test("Office's isDarkTheme wins over everything else", () => {
    expect(
      pickThemeMode({ officeTheme: { isDarkTheme: true, bodyBackgroundColor: "#ffffff" }, prefersDark: false }),
    ).toBe("dark");
    expect(
      pickThemeMode({ officeTheme: { isDarkTheme: false, bodyBackgroundColor: "#000000" }, prefersDark: true }),
    ).toBe("light");
  });

  test("without the flag, the Office body background decides (luminance < 0.5 is dark)", () => {
    expect(pickThemeMode({ officeTheme: { bodyBackgroundColor: "#262626" }, prefersDark: false })).toBe("dark");
    expect(pickThemeMode({ officeTheme: { bodyBackgroundColor: "#F3F2F1" }, prefersDark: true })).toBe("light");
    expect(pickThemeMode({ officeTheme: { bodyBackgroundColor: "rgb(30, 30, 30)" } })).toBe("dark");
  });

  test("an unreadable or transparent background falls through to prefers-color-scheme", () => {
    expect(pickThemeMode({ officeTheme: { bodyBackgroundColor: "" }, prefersDark: true })).toBe("dark");
    expect(pickThemeMode({ officeTheme: { bodyBackgroundColor: "chartreuse" }, prefersDark: true })).toBe("dark");
    expect(pickThemeMode({ officeTheme: { bodyBackgroundColor: "rgba(0, 0, 0, 0)" }, prefersDark: false })).toBe(
      "light",
    );
    expect(pickThemeMode({ officeTheme: { bodyBackgroundColor: "#00000000" }, prefersDark: true })).toBe("dark");
  });

  test("Excel on the web (no officeTheme) follows the browser", () => {
    expect(pickThemeMode({ officeTheme: undefined, prefersDark: true })).toBe("dark");
    expect(pickThemeMode({ officeTheme: null, prefersDark: false })).toBe("light");
  });

  test("with no signal at all, light", () => {
    expect(pickThemeMode({})).toBe("light");
    expect(pickThemeMode({ officeTheme: {} })).toBe("light");
  });
});

describe("relativeLuminance", () => {
  test("black is 0, white is 1, in every notation", () => {
    for (const black of ["#000", "#000000", "#000000ff", "rgb(0,0,0)", "rgba(0, 0, 0, 1)", " #000000 "]) {
      expect(relativeLuminance(black)).toBe(0);
    }
    for (const white of ["#fff", "#FFFFFF", "rgb(255, 255, 255)"]) {
      expect(relativeLuminance(white)).toBeCloseTo(1, 10);
    }
  });

  test("weights green over red over blue (WCAG)", () => {
    expect(relativeLuminance("#00ff00")).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance("#ff0000")).toBeCloseTo(0.2126, 4);
    expect(relativeLuminance("#0000ff")).toBeCloseTo(0.0722, 4);
    expect(relativeLuminance("#808080")).toBeCloseTo(0.2159, 3);
  });

  test("undefined for what it cannot read, or for full transparency", () => {
    for (const bad of [
      "",
      "red",
      "#12",
      "#12345",
      "rgb(1,2)",
      "rgb(300, 0, 0)",
      "hsl(0, 0%, 0%)",
      "rgba(10, 10, 10, 0)",
      "#ffffff00",
    ]) {
      expect(relativeLuminance(bad)).toBeUndefined();
    }
  });
});
