/** Runs the CLI in-process with a fixed clock and captures what it prints. */
import { runCli } from "../../src/cli/commands";
import { fixedClock } from "../../src/ports/clock";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    argv,
    { log: (t) => (stdout += `${t}\n`), error: (t) => (stderr += `${t}\n`) },
    { clock: fixedClock("2026-12-01T08:00:00.000Z") },
  );
  return { code, stdout, stderr };
}
