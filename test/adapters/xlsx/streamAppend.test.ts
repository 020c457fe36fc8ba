/**
 * The pieces streamAppend.ts writes a large part with: deflate streams ended by a sync flush
 * laid end to end are one deflate stream, and the part's CRC-32 combined from its pieces' equals
 * the CRC-32 of the whole. The streamed book itself: test/app/demo/largeDemo.test.ts.
 */
import fc from "fast-check";
import * as zlib from "node:zlib";
import { crc32, crc32Combine } from "../../../src/adapters/xlsx/zipWriter";

test("crc32Combine: the CRC-32 of a‖b from the CRCs of a and b and b's length", () => {
  // CRC-32 (IEEE) of "abc" is 0x352441C2, the standard check value
  const [a, b] = [Buffer.from("ab"), Buffer.from("c")];
  expect(crc32Combine(crc32(a), crc32(b), 1)).toBe(0x352441c2);
  expect(crc32(b, crc32(a))).toBe(0x352441c2);
  expect(crc32Combine(crc32(a), 0, 0)).toBe(crc32(a));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 3000 }), (x, y) => {
      const [p, q] = [Buffer.from(x), Buffer.from(y)];
      expect(crc32Combine(crc32(p), crc32(q), q.length)).toBe(crc32(Buffer.concat([p, q])));
    }),
  );
});

test("deflate pieces ended by a sync flush, the last one finished, inflate to the pieces joined", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 2000 }), { minLength: 1, maxLength: 6 }), (texts) => {
      const pieces = texts.map((t, i) =>
        zlib.deflateRawSync(
          Buffer.from(t),
          i === texts.length - 1 ? { level: 1 } : { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH },
        ),
      );
      expect(zlib.inflateRawSync(Buffer.concat(pieces)).toString()).toBe(texts.join(""));
    }),
  );
});
