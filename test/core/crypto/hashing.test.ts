/**
 * The core's hashing interface (src/core/crypto/hashing.ts): the three SHA-256 implementations agree
 * (the pure-TS reference, node:crypto the CLI installs, Web Crypto the pane uses: Node 20 has crypto.subtle),
 * and withHashes gives a check the same answers as hashing inline.
 */
import fc from "fast-check";
import { installSha256, sha256Text, withHashes } from "../../../src/core/crypto/hashing";
import { sha256Hex } from "../../../src/core/crypto/sha256";
import { nodeSha256 } from "../../../src/cli/nodeSha256";
import { webSha256Many } from "../../../src/taskpane/shell/webSha256";

describe("SHA-256: reference, node:crypto and Web Crypto agree", () => {
  it("on a known answer", async () => {
    // FIPS 180-4 example "abc"
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(sha256Hex("abc")).toBe(abc);
    expect(nodeSha256("abc")).toBe(abc);
    expect(await webSha256Many(["abc"])).toEqual([abc]);
  });

  it("on random texts (unicode, empty, across block sizes)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 100 })), {
          maxLength: 8,
        }),
        async (texts) => {
          const web = await webSha256Many(texts);
          texts.forEach((t, i) => {
            expect(nodeSha256(t)).toBe(sha256Hex(t));
            expect(web[i]).toBe(sha256Hex(t));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("installSha256", () => {
  it("replaces the core's synchronous hash and hands back the one it replaced", () => {
    const seen: string[] = [];
    const before = installSha256((t) => {
      seen.push(t);
      return nodeSha256(t);
    });
    try {
      expect(sha256Text("abc")).toBe(sha256Hex("abc"));
      expect(seen).toEqual(["abc"]);
    } finally {
      installSha256(before);
    }
    expect(sha256Text("x")).toBe(sha256Hex("x"));
  });
});

describe("withHashes", () => {
  it("answers a chain-like check as hashing inline does, hashing each text once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }), async (rows) => {
        // each row's hash over the previous row's stored value: what verifySeals and verifyAuditChain do
        const check = (hash: (t: string) => string) => rows.map((r, i) => hash(`${rows[i - 1] ?? ""}|${r}`));
        let batches = 0;
        const got = await withHashes(check, async (texts) => {
          batches++;
          expect(new Set(texts).size).toBe(texts.length);
          return webSha256Many(texts);
        });
        expect(got).toEqual(check(sha256Hex));
        expect(batches).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});
