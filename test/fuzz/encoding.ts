/**
 * How fuzzed values travel: percent-encoded in a URL (lone surrogates included), as JSON text with raw
 * fragments (`1e400`, 5,000 levels of nesting) that no JavaScript value serialises to.
 */
import { RawJson } from './hostile-values.ts';

/** Percent-encodes like encodeURIComponent, but writes a lone surrogate as its WTF-8 bytes instead of throwing. */
export function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (/^[A-Za-z0-9\-_.~]$/.test(ch)) out += ch;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** JSON text of a value that may hold RawJson fragments. */
export function jsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `@@raw-${raws.length - 1}@@`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"@@raw-(\d+)@@"/g, (_m, i: string) => raws[Number(i)] ?? 'null');
}

/** A parameter value as it travels in a URL: lists comma-separated (style form, explode false). */
export function asParameterText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return value.map(asParameterText).join(',');
  if (value !== null && typeof value === 'object') return jsonText(value);
  return String(value);
}
