// Generates the add-in icons in assets/ (icon-16/32/64/80/128.png): a white
// ledger book with a check mark on a rounded teal square. Pure Node: shapes are
// signed-distance functions, supersampled 4x4 per pixel, and the PNG chunks
// (IHDR, IDAT, IEND, each with its CRC32) are written by hand; node:zlib only
// deflates the scanlines.
//
// Usage: node scripts/make-icons.mjs   (rewrites assets/icon-*.png)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");

const BRAND = [0x0e, 0x6e, 0x5c]; // deep teal
const PAGE = [0xff, 0xff, 0xff];
const SPINE = [0xc4, 0xe0, 0xd8];
const RULE = [0x9c, 0xc4, 0xb9];
const CHECK = [0x0e, 0x6e, 0x5c];

// ---- PNG encoding --------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** rgba: Uint8Array of width*height*4, non-premultiplied. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

// ---- Shapes (unit square, y down) ----------------------------------------

function roundedRect(px, py, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(px - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(py - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(px, py, ax, ay, bx, by) {
  const abx = bx - ax;
  const aby = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * abx + (py - ay) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(px - (ax + t * abx), py - (ay + t * aby));
}

/** Layers, bottom to top: [colour, inside(x, y) → boolean]. Detail depends on the pixel size. */
function layers(size) {
  const small = size <= 16;
  const checkWidth = small ? 0.085 : 0.06;
  const bookX0 = small ? 0.2 : 0.23;
  const bookX1 = small ? 0.8 : 0.77;
  const list = [
    [BRAND, (x, y) => roundedRect(x, y, 0, 0, 1, 1, 0.2) <= 0],
    [PAGE, (x, y) => roundedRect(x, y, bookX0, 0.16, bookX1, 0.84, 0.05) <= 0],
    [SPINE, (x, y) => x <= bookX0 + (small ? 0.12 : 0.1) && roundedRect(x, y, bookX0, 0.16, bookX1, 0.84, 0.05) <= 0],
  ];
  if (!small) {
    for (const ry of [0.3, 0.41]) {
      list.push([RULE, (x, y) => segment(x, y, 0.42, ry, 0.67, ry) <= 0.022]);
    }
  }
  const [ax, ay, bx, by, cx, cy] = small ? [0.38, 0.56, 0.5, 0.68, 0.7, 0.42] : [0.42, 0.6, 0.51, 0.69, 0.68, 0.5];
  list.push([CHECK, (x, y) => Math.min(segment(x, y, ax, ay, bx, by), segment(x, y, bx, by, cx, cy)) <= checkWidth]);
  return list;
}

function render(size) {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  const shapes = layers(size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour;
          for (const [c, inside] of shapes) if (inside(x, y)) colour = c;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return rgba;
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT_DIR, `icon-${size}.png`);
  const png = encodePng(size, size, render(size));
  writeFileSync(file, png);
  console.log(`${file} ${size}x${size} ${png.length} bytes`);
}
