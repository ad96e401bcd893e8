/**
 * Modules as the runtime holds them in memory: built once at start from each generated folder (manifest,
 * resolved protocol, module model, forms), deeply frozen, and checked against what the database has installed. Request
 * handlers read these objects; nothing re-reads a spec or a file per request.
 */
import {
  type DashboardDescriptor,
  IR_FILE,
  MODEL_PATH,
  type ModuleModel,
} from '../../generators/model/index.ts';
import type { Labels, ResolvedLevel, ResolvedProtocol } from '../../protocol-specs/index.ts';
import { deepFreeze } from '../../protocol-specs/util/deep-freeze.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import { type Manifest, type ModuleFolder, readModuleFolder, sameModule } from './module-folder.ts';

export type JsonObject = { readonly [key: string]: unknown };

/** The three documents the forms generator writes per level. */
export interface LevelForms {
  /** JSON Schema (draft-07) of the record. */
  readonly schema: JsonObject;
  /** RJSF uiSchema. */
  readonly ui: JsonObject;
  /** Live rules (visibility, requirement, computed values) as the browser evaluates them. */
  readonly rules: JsonObject;
}

export interface LevelRuntime {
  readonly key: string;
  readonly label: Labels;
  readonly plural: Labels;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly geometry: ResolvedLevel['geometry'];
  /** The level as the resolved protocol has it (fields, list, sort…). */
  readonly level: ResolvedLevel;
  readonly forms: LevelForms;
}

export interface ModuleRuntime {
  readonly code: string;
  readonly version: number;
  readonly generatorVersion: string;
  readonly label: Labels;
  /** Absolute path of the generated folder. */
  readonly folder: string;
  readonly manifest: Manifest;
  readonly protocol: ResolvedProtocol;
  /** model/model.json: tables, links, record shapes, list queries and routes, as the generators derived them. */
  readonly model: ModuleModel;
  /** Parents before children. */
  readonly levels: readonly LevelRuntime[];
  /** forms/index.json: the widgets, fields and form props the web app registers. */
  readonly formsIndex: JsonObject;
  /** openapi/openapi.json as generated (served byte for byte), when the folder has one. */
  readonly openApiText?: string;
  /** dashboards/dashboards.json (runtime/dashboards), when the protocol has an occurrence level. */
  readonly dashboards?: DashboardDescriptor;
}

export const OPENAPI_FILE = 'openapi/openapi.json';
export const DASHBOARDS_FILE = 'dashboards/dashboards.json';

export class ModuleLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleLoadError';
  }
}

function json(module: ModuleFolder, path: string): JsonObject {
  const text = module.files.get(path);
  if (text === undefined) throw new ModuleLoadError(`${module.folder}: the manifest does not list ${path}`);
  return JSON.parse(text) as JsonObject;
}

interface FormsIndexLevel {
  readonly key: string;
  readonly files: { readonly schema: string; readonly ui: string; readonly rules: string };
}

/** Builds a module from a verified folder (no database involved). */
export function buildModuleRuntime(module: ModuleFolder): ModuleRuntime {
  const protocol = json(module, `ir/${IR_FILE}`).protocol as ResolvedProtocol;
  const { manifest } = module;
  if (protocol?.code !== manifest.protocol.code || protocol.version !== manifest.protocol.version) {
    throw new ModuleLoadError(`${module.folder}: ir/${IR_FILE} is not the protocol the manifest names`);
  }
  const model = json(module, MODEL_PATH).model as ModuleModel;
  if (model?.code !== protocol.code || model.version !== protocol.version) {
    throw new ModuleLoadError(`${module.folder}: ${MODEL_PATH} is not the model of the protocol`);
  }
  const formsIndex = json(module, 'forms/index.json');
  const formLevels = (formsIndex.levels ?? []) as readonly FormsIndexLevel[];
  const levels = protocol.levels.map((level): LevelRuntime => {
    const files = formLevels.find((l) => l.key === level.key)?.files;
    if (!files) throw new ModuleLoadError(`${module.folder}: forms/index.json has no level ${level.key}`);
    const links = model.levels.find((l) => l.key === level.key);
    if (!links) throw new ModuleLoadError(`${module.folder}: ${MODEL_PATH} has no level ${level.key}`);
    return {
      key: level.key,
      label: level.label,
      plural: level.plural,
      parents: level.parents,
      children: links.children.map((c) => c.key),
      geometry: level.geometry,
      level,
      forms: {
        schema: json(module, `forms/${files.schema}`),
        ui: json(module, `forms/${files.ui}`),
        rules: json(module, `forms/${files.rules}`),
      },
    };
  });
  const openApiText = module.files.get(OPENAPI_FILE);
  const dashboardsText = module.files.get(DASHBOARDS_FILE);
  return deepFreeze({
    code: protocol.code,
    version: protocol.version,
    generatorVersion: manifest.generatorVersion,
    label: protocol.label,
    folder: module.folder,
    manifest,
    protocol,
    model,
    levels,
    formsIndex,
    ...(openApiText === undefined ? {} : { openApiText }),
    ...(dashboardsText === undefined
      ? {}
      : { dashboards: JSON.parse(dashboardsText) as DashboardDescriptor }),
  });
}

/**
 * Loads the modules of `folders`, each of which must be installed in `db` with the same manifest (a
 * folder regenerated since its install would serve forms that disagree with the tables).
 */
export async function loadModules(
  db: Database,
  folders: readonly string[],
): Promise<readonly ModuleRuntime[]> {
  const rows = await coreDb(db).selectFrom('suivi.module').select(['code', 'manifest']).execute();
  // Written by installModule from a checked folder's manifest.
  const installed = new Map(rows.map((r) => [r.code, r.manifest as Manifest]));
  const modules: ModuleRuntime[] = [];
  for (const folder of folders) {
    const module = await readModuleFolder(folder);
    const code = module.manifest.protocol.code;
    const recorded = installed.get(code);
    if (!recorded)
      throw new ModuleLoadError(`module ${code} (${folder}) is not installed: npx suivi install ${folder}`);
    if (!sameModule(recorded, module.manifest)) {
      throw new ModuleLoadError(
        `module ${code} (${folder}) differs from the installed one (version ${recorded.protocol.version}): npx suivi install ${folder}`,
      );
    }
    if (modules.some((m) => m.code === code)) throw new ModuleLoadError(`module ${code} is listed twice`);
    modules.push(buildModuleRuntime(module));
  }
  return Object.freeze(modules);
}

/** A level of a module by key (own keys only: a key is user data). */
export const findLevel = (module: ModuleRuntime, key: string): LevelRuntime | undefined =>
  module.levels.find((l) => l.key === key);
