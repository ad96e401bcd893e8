/**
 * Detecting how a CSV file is written, from its first bytes: the encoding (UTF-8 with or without a BOM
 * when the bytes decode as UTF-8, else Windows-1252, which covers Latin-1) and the delimiter (the
 * candidate found the same number of times, and most often, on the first lines, quotes ignored).
 */
import { open } from 'node:fs/promises';

export const SAMPLE_BYTES = 64 * 1024;
export const DELIMITERS = [',', ';', '\t', '|'] as const;

export async function readSample(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function detectEncoding(sample: Uint8Array): 'utf-8' | 'windows-1252' {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  // The sample may end inside a multi-byte character: drop up to 3 trailing bytes of an incomplete one.
  let end = sample.length;
  if (end === SAMPLE_BYTES) {
    let back = 0;
    while (back < 3 && end - back > 0 && ((sample[end - back - 1] ?? 0) & 0xc0) === 0x80) back++;
    if (end - back > 0 && ((sample[end - back - 1] ?? 0) & 0xc0) === 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Occurrences of `delimiter` outside double quotes on each of the first lines. */
function countsPerLine(text: string, delimiter: string, lines: number): number[] {
  const counts: number[] = [];
  let quoted = false;
  let n = 0;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) n++;
    else if (!quoted && c === '\n') {
      counts.push(n);
      n = 0;
      if (counts.length >= lines) return counts;
    }
  }
  if (n > 0) counts.push(n);
  return counts;
}

export function detectDelimiter(text: string): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = countsPerLine(text, delimiter, 20);
    if (counts.length === 0 || (counts[0] ?? 0) === 0) continue;
    const first = counts[0] ?? 0;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = first * consistent;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
