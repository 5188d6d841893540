// A real PNG (RGB, 8 bit) drawn in memory: a background with a line across it, so a rendered panel is a valid
// image any decoder opens. Grafana without an image renderer answers /render with its own "renderer not
// installed" placeholder image (still HTTP 200); `placeholderPng` stands in for that picture.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

export function drawPng(
  width: number,
  height: number,
  background: [number, number, number],
  line: [number, number, number],
): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      // a rising line, as a time series would draw
      const onLine = Math.abs(height - 1 - y - Math.round((x / Math.max(1, width - 1)) * (height - 1))) <= 1;
      const [r, g, b] = onLine ? line : background;
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const placeholderPng = () => drawPng(64, 32, [40, 40, 40], [200, 60, 60]);
