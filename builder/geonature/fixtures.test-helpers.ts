/**
 * Test helpers: small GeoNature folders built in memory, and the corpus location. The corpus is read at
 * run time from ../shared/corpus (relative to the repository root), never copied into the repository;
 * without it the corpus tests skip with a reason, except on CI (CI=true), where they must fail.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importGeoNatureFolder } from './import/import-protocol.ts';
import type { ImportResult, ProtocolFolder } from './model.ts';

export const REPO_ROOT = new URL('../../', import.meta.url);
export const CORPUS_URL = new URL('../shared/corpus/', REPO_ROOT);
export const CORPUS_PROTOCOLS = fileURLToPath(new URL('gn-monitoring/', CORPUS_URL));

export const corpusPresent = (): boolean => existsSync(CORPUS_PROTOCOLS);

/** Why the corpus tests do not run, or undefined when they do. Throws on CI: there the corpus must be present. */
export function corpusSkipReason(): string | undefined {
  if (corpusPresent()) return undefined;
  const reason = `GeoNature corpus not found at ${CORPUS_PROTOCOLS}: corpus tests skipped`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: the corpus is required)`);
  console.warn(reason);
  return reason;
}

export const corpusNames = (): string[] =>
  corpusPresent()
    ? readdirSync(CORPUS_PROTOCOLS)
        .filter((n) => statSync(`${CORPUS_PROTOCOLS}${n}`).isDirectory())
        .sort()
    : [];

/** The tree most tests use: module > site > visit > observation. */
export const BASE_TREE = { module: { site: { visit: { observation: null } } } };

/** A protocol folder from JSON values (strings are taken as file text, for oddities JSON.stringify cannot write). */
export function folderOf(files: Readonly<Record<string, unknown>>): ProtocolFolder {
  const all: Record<string, unknown> = {
    'config.json': { tree: BASE_TREE },
    'module.json': { module_label: 'Test', module_desc: 'Protocole de test' },
    ...files,
  };
  return Object.fromEntries(
    Object.entries(all).flatMap(([path, v]) =>
      v === undefined ? [] : [[path, typeof v === 'string' ? v : JSON.stringify(v, null, 2)]],
    ),
  );
}

export const importFiles = (files: Readonly<Record<string, unknown>>, name = 'test_protocol'): ImportResult =>
  importGeoNatureFolder(folderOf(files), name);
