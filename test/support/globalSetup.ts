/** jest globalSetup: the demo fixtures' source version, worked out once for the whole run (see sourceKey.ts). */
import { computeSourceKey } from "./sourceKey";

export default function globalSetup(): void {
  process.env.CLOSEBOOK_DEMO_KEY = computeSourceKey();
}
