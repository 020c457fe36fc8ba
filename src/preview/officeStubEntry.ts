/**
 * Entry of office-stub.js, which the preview's taskpane.html loads before the
 * pane's bundle instead of office.js: installs the stub Office and Excel
 * (officeStub.ts) over the preview page's fake Excel host in the parent window.
 *
 * Example: <script defer src="office-stub.js"></script><script defer src="taskpane.js"></script>
 */
import { installOfficeStub } from "./officeStub";
import { PREVIEW_HOST_KEY, type WindowWithPreviewHost } from "./previewHost";

installOfficeStub(window, () => {
  try {
    return (window.parent as unknown as WindowWithPreviewHost)[PREVIEW_HOST_KEY];
  } catch {
    return undefined; // another origin's parent: no host
  }
});
