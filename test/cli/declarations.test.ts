/**
 * Each CLI command is declared once (src/cli/commandTable.ts): the command
 * list of `closebook --help`, the flag parsing and each --help come from the
 * declarations, and they stay true to each other.
 */
import { COMMANDS } from "../../src/cli/commandTable";
import { cli } from "../support/cli";

/** the flags a help text's usage lines name: "Usage: …" and the lines continuing it (indented, or another "closebook NAME") */
function usageFlags(help: string): string[] {
  const lines = help.split("\n");
  const usage: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (i === 0 || (usage.length === i && /^\s+(closebook|\[|--)/.test(line))) usage.push(line);
  }
  return [...new Set(usage.join(" ").match(/--[a-z][a-z0-9-]*/g) ?? [])].map((f) => f.slice(2));
}

test("every command is declared once, with a usage line naming it", () => {
  const names = COMMANDS.map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
  for (const c of COMMANDS) expect(c.help.split("\n")[0]).toMatch(new RegExp(`^Usage: closebook ${c.name}\\b`));
});

test("the usage lines are read whole: a second line (publish) and a second form (rates)", () => {
  const help = (name: string) => COMMANDS.find((c) => c.name === name)!.help;
  expect(usageFlags(help("publish"))).toContain("formulas");
  expect(usageFlags(help("rates"))).toEqual(expect.arrayContaining(["check", "import", "url"]));
  expect(usageFlags(help("init"))).not.toContain("table"); // the text below mentions import's --table
});

test("--help stays true to the declarations: the usage names only declared flags, and every declared flag is explained", () => {
  for (const c of COMMANDS) {
    const declared = Object.keys(c.flags);
    expect({ command: c.name, undeclared: usageFlags(c.help).filter((f) => !declared.includes(f)) }).toEqual({
      command: c.name,
      undeclared: [],
    });
    expect({ command: c.name, unexplained: declared.filter((f) => !c.help.includes(`--${f}`)) }).toEqual({
      command: c.name,
      unexplained: [],
    });
  }
});

test("closebook --help lists every declared command with its summary, in order", async () => {
  const h = await cli("--help");
  expect(h.code).toBe(0);
  const listed = h.stdout
    .split("\n")
    .filter((l) => /^ {2}[a-z]/.test(l))
    .map((l) => l.trim().split(" ")[0]);
  expect(listed).toEqual(COMMANDS.map((c) => c.name));
  for (const c of COMMANDS) expect(h.stdout).toContain(c.summary);
});

test("an unknown flag is a usage error naming it (it was ignored: a typo ran the command without it)", async () => {
  // before: --perod was taken as an unknown option and ignored; the missing file then answered exit 1
  const r = await cli("tb", "nowhere.xlsx", "--period", "2026-03", "--perod", "2026-04");
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("--perod is not an option of closebook tb");
  expect(r.stderr).toContain("Usage: closebook tb");
});

test("an integer flag that is not a whole number is a usage error before anything is read", async () => {
  // before: audit --last abc printed the whole log (Number("abc") is NaN, not > 0); here the file is missing: exit 1
  const r = await cli("audit", "nowhere.xlsx", "--last", "abc");
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("--last must be a whole number");
});

test("a flag with declared values (--format) is checked once, before anything is read, for every command that prints a table", async () => {
  const withFormat = COMMANDS.filter((c) => "format" in c.flags).map((c) => c.name);
  expect(withFormat).toEqual(expect.arrayContaining(["tb", "lines", "journal-report", "checklist"]));
  for (const name of withFormat) {
    // the file is missing: a usage error (2) must come first, naming the allowed values
    const r = await cli(name, "nowhere.xlsx", "--format", "xml", "--period", "2026-03");
    expect({ name, code: r.code }).toEqual({ name, code: 2 });
    expect(r.stderr).toContain("--format must be table, csv or json");
  }
  expect((await cli("tb", "nowhere.xlsx", "--format", "csv", "--period", "2026-03")).code).toBe(1);
});

test("a switch of one command takes no value, while the same flag of another does", async () => {
  // year-end --reverse is a switch: the word after it stays a positional; settle --reverse takes the settlement id
  const yearEnd = COMMANDS.find((c) => c.name === "year-end")!;
  const settle = COMMANDS.find((c) => c.name === "settle")!;
  expect(yearEnd.flags.reverse).toBe("switch");
  expect(settle.flags.reverse).toBe("text");
  const r = await cli("settle", "nowhere.xlsx", "--date", "2026-03-31", "--user", "bob", "--reverse", "SET-000001");
  expect(r.code).toBe(1); // got past the usage checks (exactly one mode) to the missing file
  expect(r.stderr).toContain("does not exist");
});
