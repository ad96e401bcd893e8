/** The example protocols, compiled once per test file. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { compileProtocol, type ResolvedProtocol } from '../../protocol-specs/index.ts';

const root = new URL('../../examples/', import.meta.url);

export const EXAMPLE_CODES: readonly string[] = readdirSync(root, { withFileTypes: true })
  // A protocol folder holds protocol.json (demo-data and extension-demo hold none at their root).
  .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/protocol.json`, root)))
  .map((e) => e.name)
  .sort();

export function exampleSpec(code: string): unknown {
  return JSON.parse(readFileSync(new URL(`${code}/protocol.json`, root), 'utf8'));
}

export function exampleProtocol(code: string): ResolvedProtocol {
  const result = compileProtocol(exampleSpec(code));
  if (!result.ok) throw new Error(`example ${code} does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.protocol;
}

export const exampleSpecPath = (code: string) => `examples/${code}/protocol.json`;
