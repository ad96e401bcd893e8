/**
 * A generated module folder → its plan: the resolved protocol (`ir/protocol.resolved.json`) and the
 * record schemas of its forms (`forms/<level>.schema.json`). The runtime loads modules this way, never
 * by re-reading or re-validating the authored spec.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedProtocol } from '../../../protocol-specs/index.ts';
import { type ModulePlan, prepareModule } from './module-plan.ts';

export async function loadModulePlan(folder: string): Promise<ModulePlan> {
  const ir = JSON.parse(await readFile(join(folder, 'ir', 'protocol.resolved.json'), 'utf8')) as {
    protocol?: ResolvedProtocol;
  };
  const protocol = ir.protocol;
  if (!protocol?.code || !Array.isArray(protocol.levels))
    throw new Error(`${folder}: ir/protocol.resolved.json holds no resolved protocol`);
  const schemas: Record<string, object> = {};
  for (const level of protocol.levels) {
    const text = await readFile(join(folder, 'forms', `${level.key}.schema.json`), 'utf8');
    schemas[level.key] = JSON.parse(text) as object;
  }
  return prepareModule(protocol, schemas);
}
