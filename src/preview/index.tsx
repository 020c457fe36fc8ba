/**
 * Entry of the browser preview page (preview.html, served by `closebook
 * preview`): renders PreviewPage in a Fluent theme that follows the browser's
 * light or dark preference.
 *
 * Example: npm run preview → open http://127.0.0.1:3001/ → the demo workbook's grid and the task pane beside it
 */
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { PreviewPage } from "./PreviewPage";

const DARK_QUERY = "(prefers-color-scheme: dark)";

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
      <PreviewPage />
    </FluentProvider>
  );
}

const container = document.getElementById("root");
if (!container) throw new Error("preview.html has no #root element");
createRoot(container).render(<Root />);
