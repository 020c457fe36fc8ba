/**
 * ChunkDecoder (xmlScan.ts): ASCII chunks read as latin1, the rest through the UTF-8 decoder. Every split of
 * texts holding 2-, 3- and 4-byte characters, between ASCII runs, decodes to what the whole buffer decodes to;
 * feedTokens cuts chunks larger than 64 KB into 64 KB slices, characters across the cuts kept whole.
 */
import { ChunkDecoder, feedTokens } from "../../../src/adapters/xlsx/xmlScan";

function decodeAll(chunks: Buffer[]): string {
  const d = new ChunkDecoder();
  return chunks.map((c) => d.write(c)).join("") + d.end();
}

const TEXTS = [
  '<c r="A1"><v>café</v></c>',
  "日本 ledger",
  "a😀b",
  "😀",
  "plain ascii only",
  "x".repeat(40) + "é" + "y".repeat(40) + "日本" + "z".repeat(10) + "😀" + "w",
];

test.each(TEXTS)("every split in two and three pieces of %j decodes as the whole", (text) => {
  const whole = Buffer.from(text, "utf8");
  for (let i = 0; i <= whole.length; i++) {
    expect(decodeAll([whole.subarray(0, i), whole.subarray(i)])).toBe(text);
    for (let j = i; j <= whole.length; j++)
      expect(decodeAll([whole.subarray(0, i), whole.subarray(i, j), whole.subarray(j)])).toBe(text);
  }
});

test("one byte at a time, ASCII chunks following a split character, decodes as the whole", () => {
  const text = "ab😀cd日e" + "f".repeat(5) + "é";
  const whole = Buffer.from(text, "utf8");
  const bytes = [...whole].map((b) => Buffer.from([b]));
  expect(decodeAll(bytes)).toBe(text);
});

test("a character cut short before ASCII decodes as Buffer.toString does (replacement characters)", () => {
  const broken = [Buffer.from([0x61, 0xe6, 0x97]), Buffer.from("bc"), Buffer.from([0xf0, 0x9f])];
  expect(decodeAll(broken)).toBe(Buffer.concat(broken).toString("utf8"));
  expect(decodeAll(broken)).toContain("\ufffd");
});

test("feedTokens: chunks of 200 KB, characters across each 64 KB cut, reach the sink as the whole text, in pieces of about 64 KB", async () => {
  for (const filler of ["x", "é", "日", "😀"]) {
    for (const shift of [0, 1, 2, 3]) {
      const text = "a".repeat(shift) + filler.repeat(Math.ceil(450_000 / Buffer.byteLength(filler)));
      const whole = Buffer.from(text, "utf8");
      async function* chunks(): AsyncGenerator<Buffer> {
        for (let at = 0; at < whole.length; at += 200_000) yield whole.subarray(at, at + 200_000);
      }
      const got: string[] = [];
      let ended = false;
      await feedTokens(
        chunks(),
        { write: (s) => got.push(s), end: () => (ended = true), failure: undefined },
        () => false,
      );
      expect(got.join("")).toBe(text);
      expect(ended).toBe(true);
      expect(Math.max(...got.map((s) => Buffer.byteLength(s, "utf8")))).toBeLessThanOrEqual(64 * 1024 + 3); // a slice and the rest of a character cut before it
      expect(got.length).toBeGreaterThanOrEqual(Math.ceil(whole.length / (64 * 1024)));
    }
  }
});
