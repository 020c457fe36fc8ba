import { createHash } from "node:crypto";
import fc from "fast-check";
import { fingerprint } from "../../../src/core/crypto/fingerprint";
import { sha256, sha256Hex, toHex } from "../../../src/core/crypto/sha256";

const node = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const nodeBytes = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

describe("sha256Hex: FIPS 180-4 / NIST known-answer vectors", () => {
  it("empty string", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it('"abc" (one block)', () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("448-bit message (two blocks: 56 bytes leave no room for the length)", () => {
    const m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    expect(m.length).toBe(56);
    expect(sha256Hex(m)).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("896-bit message", () => {
    const m =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    expect(m.length).toBe(112);
    expect(sha256Hex(m)).toBe("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  });

  it('one million × "a"', () => {
    expect(sha256Hex("a".repeat(1_000_000))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("hashes UTF-8 bytes, not UTF-16 code units", () => {
    // "é" is C3 A9 in UTF-8; SHA-256 of those two bytes
    expect(sha256Hex("é")).toBe(nodeBytes(new Uint8Array([0xc3, 0xa9])));
    expect(sha256Hex("€")).toBe(node("€"));
    expect(sha256Hex("😀")).toBe(nodeBytes(new Uint8Array([0xf0, 0x9f, 0x98, 0x80])));
  });

  it("sha256 on bytes returns 32 bytes and toHex renders lowercase, zero-padded", () => {
    const out = sha256(new Uint8Array([0x61, 0x62, 0x63]));
    expect(out).toHaveLength(32);
    expect(toHex(out)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(new Uint8Array([0, 1, 0x0f, 0xab, 0xff]))).toBe("00010fabff");
  });

  it("is repeatable (no state leaks between calls)", () => {
    const a = sha256Hex("x".repeat(200));
    sha256Hex("something else entirely");
    expect(sha256Hex("x".repeat(200))).toBe(a);
  });
});

describe("sha256Hex agrees with node:crypto", () => {
  it("every length 0..200 of ASCII (covers the 55/56/63/64/119/120/127/128-byte padding boundaries)", () => {
    for (let n = 0; n <= 200; n++) {
      const s = "q".repeat(n);
      expect([n, sha256Hex(s)]).toEqual([n, node(s)]);
    }
  });

  it("property: arbitrary unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(node(s));
      }),
      { numRuns: 500 },
    );
  });

  it("property: byte arrays around the padding boundaries", () => {
    const boundary = fc.constantFrom(54, 55, 56, 57, 62, 63, 64, 65, 118, 119, 120, 121, 127, 128, 129);
    fc.assert(
      fc.property(
        boundary,
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (len, fill, seed) => {
          const bytes = new Uint8Array(len);
          let x = seed | 1;
          for (let i = 0; i < len; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            bytes[i] = (x ^ fill) & 0xff;
          }
          expect(toHex(sha256(bytes))).toBe(nodeBytes(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: unicode strings whose UTF-8 length sits near 55/56/63/64 bytes", () => {
    const arb = fc
      .tuple(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom(55, 56, 63, 64, 119, 120))
      .map(([u, target]) => {
        const used = Buffer.byteLength(u, "utf8");
        return used >= target ? u : u + "z".repeat(target - used);
      });
    fc.assert(
      fc.property(arb, (s) => {
        expect(sha256Hex(s)).toBe(node(s));
      }),
      { numRuns: 300 },
    );
  });
});

describe("fingerprint", () => {
  it("is 4 lowercase hex digits", () => {
    for (const s of ["", "a", "123.45", "Amount (accounting)", "😀", "x".repeat(1000)])
      expect(fingerprint(s)).toMatch(/^[0-9a-f]{4}$/);
  });

  it("works the documented example by hand: FNV-1a 32-bit folded to 16 bits", () => {
    // FNV-1a of "" is the offset basis 0x811c9dc5; folded: (0x811c9dc5 ^ 0x811c) & 0xffff = 0x9dc5 ^ 0x811c = 0x1cd9
    expect(fingerprint("")).toBe("1cd9");
    expect(fingerprint("123.45")).toBe("c9d3");
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(fingerprint(s)).toBe(fingerprint(s));
        expect(fingerprint(s)).toMatch(/^[0-9a-f]{4}$/);
      }),
    );
  });

  it('differs for "123.45" and "123.46"', () => {
    expect(fingerprint("123.45")).not.toBe(fingerprint("123.46"));
  });
});
