/**
 * Through the file: the `closebook` CLI on a generated workbook (largeWorkbook.ts:
 * the demo company with N posted ledger lines and 1,000 draft lines), each command
 * a child process timed by /usr/bin/time when present (CPU seconds = user + system,
 * which load on the machine inflates less than wall time; peak RSS), printed beside
 * issue #14's target and the figure measured before it (exceljs document mode).
 *
 * Example: fileBench({ lines: 100_000 }) prints
 *   command          target (s)  CPU (s)  ratio  wall (s)  peak RSS  before (issue #14)  exit
 *   tb 2026-03              2.0     9.54   4.77     19.52    401 MB  21 s, 966 MB          0
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeLargeWorkbook } from "./largeWorkbook";

interface Command {
  readonly label: string;
  readonly args: (file: string) => string[];
  readonly target: number;
  readonly before: string;
}

const COMMANDS: readonly Command[] = [
  { label: "tb 2026-03", args: (f) => ["tb", f, "--period", "2026-03"], target: 2, before: "21 s, 966 MB" },
  { label: "verify", args: (f) => ["verify", f], target: 3, before: "—" },
  {
    label: "close 2026-03",
    args: (f) => ["close", f, "--period", "2026-03", "--user", "admin"],
    target: 5,
    before: "69 s, 2.6 GB",
  },
  {
    label: "post 1,000 lines",
    args: (f) => ["post", f, "--user", "admin", "--journal", "NEW-2026-12"],
    target: 3,
    before: "— (50,000 vouchers: 178 s, 3.4 GB)",
  },
];

interface Measured {
  readonly wall: number;
  readonly cpu: number | undefined;
  readonly rssMb: number | undefined;
  readonly status: number | null;
}

function run(cli: string, args: string[]): Measured {
  const time = "/usr/bin/time";
  const t0 = process.hrtime.bigint();
  if (existsSync(time)) {
    const r = spawnSync(time, ["-f", "@@time %U %S %M", process.execPath, "--max-old-space-size=4096", cli, ...args], {
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const m = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? "");
    return {
      wall,
      cpu: m ? Number(m[1]) + Number(m[2]) : undefined,
      rssMb: m ? Number(m[3]) / 1024 : undefined,
      status: r.status,
    };
  }
  const r = spawnSync(process.execPath, ["--max-old-space-size=4096", cli, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: undefined, rssMb: undefined, status: r.status };
}

export async function fileBench(options: { lines: number }): Promise<void> {
  const cli = join(__dirname, "closebook.js");
  console.log(
    `\nThrough the file: the closebook CLI on a workbook with ${options.lines.toLocaleString("en")} ledger lines (targets: issue #14, CPU seconds)`,
  );
  if (!existsSync(cli)) {
    console.log(`  skipped: ${cli} is missing (npm run build:cli)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "closebook-filebench-"));
  try {
    const file = join(dir, "bench.xlsx");
    const t0 = process.hrtime.bigint();
    await writeLargeWorkbook(file, options.lines, 1000);
    console.log(
      `generated in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s: ${(statSync(file).size / 2 ** 20).toFixed(1)} MB`,
    );
    console.log(
      "command             target (s)  CPU (s)  ratio  wall (s)  peak RSS  before (issue #14)                  exit",
    );
    for (const c of COMMANDS) {
      const m = run(cli, c.args(file));
      const cpu = m.cpu ?? m.wall;
      console.log(
        `${c.label.padEnd(19)} ${c.target.toFixed(1).padStart(10)}  ${(m.cpu === undefined ? "—" : m.cpu.toFixed(2)).padStart(7)}  ${(cpu / c.target).toFixed(2).padStart(5)}  ${m.wall.toFixed(2).padStart(8)}  ${(m.rssMb === undefined ? "—" : `${m.rssMb.toFixed(0)} MB`).padStart(8)}  ${c.before.padEnd(34)}  ${m.status}`,
      );
    }
    console.log("ratio = CPU seconds (wall without /usr/bin/time) / target; ≤ 1.00 meets the target.");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
