/**
 * Entry of the browser preview page (preview.html, served by `closebook
 * preview`): renders PreviewPage in a Fluent theme that follows the browser's
 * light or dark preference. The starting workbook's download and restore (in the restore worker, restoreClient.ts)
 * begin before the first render.
 *
 * Example: npm run preview → open http://127.0.0.1:3001/ → the demo workbook's grid and the task pane beside it
 */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { PreviewPage } from "./PreviewPage";
import { openWorkbook, STARTING } from "./restoreClient";

const DARK_QUERY = "(prefers-color-scheme: dark)";

// the starting workbook is asked for now, while React renders the page (#16 point 1: the pane is usable sooner)
const starting = openWorkbook(STARTING);
starting.catch(() => undefined); // a failure is shown when the page opens it (PreviewPage's open)

function Root() {
  const [dark, setDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const refresh = () => setDark(media.matches);
    media.addEventListener("change", refresh);
    return () => media.removeEventListener("change", refresh);
  }, []);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <PreviewPage starting={starting} />
    </FluentProvider>
  );
}

const container = document.getElementById("root");
if (!container) throw new Error("preview.html has no #root element");
createRoot(container).render(<Root />);
