#!/usr/bin/env node
// Draws BranchBot's Teams icons: a speech bubble with a check mark (a report handed in) and a small
// leaf on its shoulder (the branch). color.png is 192x192 on the accent colour, outline.png is 32x32
// white on transparent, as Teams requires. Uses only Node's zlib so the icons can be redrawn anywhere:
//   node manifest/draw-icons.mjs [output-dir]      (default: the folder of this script)
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ACCENT = [0xc6, 0x28, 0x28]; // keep equal to accentColor in manifest.json
const ACCENT_DARK = [0x9e, 0x1b, 0x1b];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xf6, 0xc3, 0x4a];

// Shapes are signed distance functions in a unit square (0..1, y down): negative inside.
const roundedRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};

const segment = (ax, ay, bx, by) => (x, y) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const h = Math.min(Math.max((px * dx + py * dy) / (dx * dx + dy * dy), 0), 1);
  return Math.hypot(px - dx * h, py - dy * h);
};

const polyline = (points, halfWidth) => {
  const parts = points.slice(1).map((p, i) => segment(points[i][0], points[i][1], p[0], p[1]));
  return (x, y) => Math.min(...parts.map((d) => d(x, y))) - halfWidth;
};

const polygon = (points) => (x, y) => {
  let d = Infinity;
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    d = Math.min(d, segment(xj, yj, xi, yi)(x, y));
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? -d : d;
};

// A leaf: the intersection of two discs, rotated.
const leaf = (cx, cy, length, width, angle) => {
  const r = (length * length / 4 + width * width / 4) / width;
  const offset = r - width / 2;
  const cos = Math.cos(angle), sin = Math.sin(angle);
  return (x, y) => {
    const u = (x - cx) * cos + (y - cy) * sin;
    const v = -(x - cx) * sin + (y - cy) * cos;
    return Math.max(Math.hypot(u, v - offset) - r, Math.hypot(u, v + offset) - r);
  };
};

const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const subtract = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));
const stroke = (shape, halfWidth) => (x, y) => Math.abs(shape(x, y)) - halfWidth;

const bubble = union(
  roundedRect(0.5, 0.46, 0.3, 0.22, 0.1),
  polygon([[0.3, 0.6], [0.46, 0.6], [0.26, 0.82]]),
);
const check = polyline([[0.36, 0.46], [0.46, 0.56], [0.65, 0.36]], 0.045);
const sprig = leaf(0.79, 0.19, 0.3, 0.13, -Math.PI / 4);
const vein = polyline([[0.71, 0.27], [0.84, 0.14]], 0.008);

// Each layer paints `colour` where `shape` is inside; coverage comes from 8x8 supersampling.
function render(size, layers) {
  const samples = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour = null;
          for (const layer of layers) {
            if (layer.shape(x, y) <= 0) colour = typeof layer.colour === "function" ? layer.colour(x, y) : layer.colour;
          }
          if (colour) {
            r += colour[0]; g += colour[1]; b += colour[2]; a += 255;
          }
        }
      }
      const n = samples * samples;
      const o = (py * size + px) * 4;
      if (a > 0) {
        // Colours are averaged over covered samples only, so white stays exactly white at the edges.
        const covered = a / 255;
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
      }
      rgba[o + 3] = Math.round(a / n);
    }
  }
  return rgba;
}

const everywhere = () => -1;
const shade = (x, y) => ACCENT.map((c, i) => Math.round(c + (ACCENT_DARK[i] - c) * Math.min(1, (x + y) / 2)));

const colourIcon = render(192, [
  { shape: everywhere, colour: shade },
  { shape: bubble, colour: WHITE },
  { shape: check, colour: ACCENT },
  { shape: sprig, colour: GOLD },
  { shape: vein, colour: ACCENT },
]);

// At 32 px a filled bubble would swallow the check: draw the bubble as a line and the check inside.
const outlineIcon = render(32, [
  { shape: union(stroke(bubble, 0.035), check, subtract(sprig, roundedRect(0.5, 0.46, 0.34, 0.26, 0.12))), colour: WHITE },
]);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const paeth = (a, b, c) => {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

// Per row, the filter with the smallest sum of absolute differences (libpng's heuristic).
function filterRows(rgba, size) {
  const stride = size * 4;
  const out = [];
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < size; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    let best = null;
    for (let type = 0; type < 5; type++) {
      const filtered = Buffer.alloc(stride + 1);
      filtered[0] = type;
      for (let i = 0; i < stride; i++) {
        const left = i >= 4 ? row[i - 4] : 0;
        const up = previous[i];
        const upLeft = i >= 4 ? previous[i - 4] : 0;
        const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type];
        filtered[i + 1] = (row[i] - predictor) & 0xff;
      }
      const cost = filtered.subarray(1).reduce((sum, v) => sum + (v < 128 ? v : 256 - v), 0);
      if (!best || cost < best.cost) best = { cost, filtered };
    }
    out.push(best.filtered);
    previous = row;
  }
  return Buffer.concat(out);
}

function png(rgba, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(filterRows(rgba, size), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const outDir = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "color.png"), png(colourIcon, 192));
writeFileSync(join(outDir, "outline.png"), png(outlineIcon, 32));
console.log(`wrote ${join(outDir, "color.png")} and ${join(outDir, "outline.png")}`);
