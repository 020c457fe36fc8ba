/**
 * Task pane composition root: waits for Office.onReady (or renders at once in
 * a plain browser, where office.js may be missing), picks the light or dark
 * Fluent theme from the host (theme.ts), and renders <App/> with the workbook
 * tables declared in src/schema/tables.ts. This file and the Excel adapter are
 * the only task-pane code allowed to touch the Office globals.
 */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { ALL_TABLES } from "../schema/tables";
import { App } from "./App";
import { pickThemeMode, type ThemeMode, type ThemeSignals } from "./theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function readThemeSignals(): ThemeSignals {
  let officeTheme: Office.OfficeTheme | undefined;
  try {
    officeTheme = typeof Office === "undefined" ? undefined : Office.context?.officeTheme;
  } catch {
    officeTheme = undefined; // office.js loaded outside Office: no context
  }
  const prefersDark = typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY).matches : undefined;
  return { officeTheme, prefersDark };
}

function Root() {
  const [mode, setMode] = useState<ThemeMode>(() => pickThemeMode(readThemeSignals()));
  useEffect(() => {
    // Excel raises no theme-changed event (OfficeThemeChanged is Outlook-only):
    // re-check when the pane regains focus or visibility, or the OS scheme changes.
    const refresh = () => setMode(pickThemeMode(readThemeSignals()));
    const media = typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY) : undefined;
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", refresh);
    media?.addEventListener("change", refresh);
    return () => {
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", refresh);
      media?.removeEventListener("change", refresh);
    };
  }, []);
  return (
    <FluentProvider theme={mode === "dark" ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <App tables={ALL_TABLES} />
    </FluentProvider>
  );
}

function render(): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  createRoot(container).render(<Root />);
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady().then(
    () => render(),
    () => render(),
  );
} else {
  render();
}
