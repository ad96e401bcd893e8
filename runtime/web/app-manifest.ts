/**
 * The web app manifest and its icons, made at build time: the app installs on a phone's home screen
 * and opens standalone. The icons are drawn here (a green square with a white ring, Suivi's colours)
 * as PNG bytes, so the repository holds no binary files for them.
 */
import { crc32, deflateSync } from 'node:zlib';

export const THEME_COLOR = '#2f6b3a';
const GREEN = [0x2f, 0x6b, 0x3a] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A square RGB PNG: green, with a white ring centred (kept inside the maskable safe zone). */
export function iconPng(size: number): Buffer {
  const rows: Buffer[] = [];
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c) / size;
      const [r, g, b] = d > 0.17 && d < 0.27 ? WHITE : GREEN;
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [192, 512] as const;
export const iconPath = (size: number) => `icons/icon-${size}.png`;

export function webManifest(): string {
  return JSON.stringify(
    {
      name: 'Suivi — saisie des protocoles',
      short_name: 'Suivi',
      description: 'Saisie des suivis de biodiversité, sur le web et sur le terrain.',
      lang: 'fr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: THEME_COLOR,
      icons: ICON_SIZES.map((size) => ({
        src: `/${iconPath(size)}`,
        sizes: `${size}x${size}`,
        type: 'image/png',
        purpose: 'any maskable',
      })),
    },
    null,
    2,
  );
}
