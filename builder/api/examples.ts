/** The example protocols a draft may start from: every `<examples root>/<name>/protocol.json`. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spec } from './drafts-store.ts';

export interface ExampleEntry {
  readonly name: string;
  readonly code: string;
  readonly label: unknown;
}

const specFile = (root: string, name: string) => join(root, name, 'protocol.json');

export function listExamples(root: string): ExampleEntry[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(specFile(root, e.name)))
    .map((e) => e.name)
    .sort()
    .flatMap((name) => {
      const spec = readExample(root, name);
      return spec && typeof spec.code === 'string'
        ? [{ name, code: spec.code, label: spec.label ?? null }]
        : [];
    });
}

/** The example's spec; undefined for a name that is not one (never a path: names are listed first). */
export function readExample(root: string, name: string): Spec | undefined {
  const known = existsSync(root) && readdirSync(root).includes(name) && !name.startsWith('.');
  if (!known || !existsSync(specFile(root, name))) return undefined;
  try {
    const value = JSON.parse(readFileSync(specFile(root, name), 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Spec) : undefined;
  } catch {
    return undefined;
  }
}
