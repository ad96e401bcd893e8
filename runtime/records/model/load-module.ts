/**
 * A generated module folder → its plan: the resolved protocol (`ir/protocol.resolved.json`), the module
 * model (`model/model.json`) and the record schemas of its forms (`forms/<level>.schema.json`). The
 * runtime loads modules this way, never by re-reading or re-validating the authored spec.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IR_FILE, MODEL_PATH, type ModuleModel } from '../../../generators/model/index.ts';
import type { ResolvedProtocol } from '../../../protocol-specs/index.ts';
import { type ModulePlan, prepareModule } from './module-plan.ts';

const readJson = async (folder: string, path: string) =>
  JSON.parse(await readFile(join(folder, path), 'utf8')) as Record<string, unknown>;

export async function loadModulePlan(folder: string): Promise<ModulePlan> {
  const protocol = (await readJson(folder, `ir/${IR_FILE}`)).protocol as ResolvedProtocol | undefined;
  if (!protocol?.code || !Array.isArray(protocol.levels))
    throw new Error(`${folder}: ir/${IR_FILE} holds no resolved protocol`);
  const model = (await readJson(folder, MODEL_PATH)).model as ModuleModel | undefined;
  if (!model || !Array.isArray(model.levels))
    throw new Error(`${folder}: ${MODEL_PATH} holds no module model`);
  const schemas: Record<string, object> = {};
  for (const level of protocol.levels)
    schemas[level.key] = await readJson(folder, `forms/${level.key}.schema.json`);
  return prepareModule(protocol, model, schemas);
}
