/**
 * GeoNature Monitoring protocol folder → Suivi spec. Pure over the folder's texts; stages:
 * read files → tree → vocabularies → levels (pass A: fields and keys; pass B: rules and display) →
 * site types → `suivi` extension keys (written by export-gn) → repair until validateSpec is clean.
 */
import type { ProtocolSpec } from '../../../protocol-specs/index.ts';
import type { ImportResult, ProtocolFolder } from '../model.ts';
import type { BuildContext } from './build-field.ts';
import { Collector } from './collector.ts';
import { applyExtensions, overlayLevelDraft } from './extensions.ts';
import { normaliseKey, reservedKeys, uniqueKey } from './keys.ts';
import { draftLevel, type LevelDraft } from './level-draft.ts';
import { finishLevel } from './level-finish.ts';
import { Provenance } from './provenance.ts';
import { extensionOf, isObject, type JsonObject, readFolder, registerRules } from './read-files.ts';
import { repairSpec, SPEC_FILE } from './repair.ts';
import { addSiteTypes, isSiteTypeFile } from './site-types.ts';
import { taxonomyOf } from './taxonomy.ts';
import { readTree, type TreeLevel } from './tree.ts';
import { readVocabularies } from './vocabularies.ts';

const PROTOCOL_FILES = new Set(['config.json', 'module.json', 'nomenclature.json']);

export function importGeoNatureFolder(folder: ProtocolFolder, folderName: string): ImportResult {
  const collector = new Collector();
  const provenance = new Provenance();
  const { files, moduleCode } = readFolder(folder, folderName, collector);
  if (!files.has('config.json')) collector.warn('config.json', '', "missing: GeoNature's defaults apply");
  const config = files.get('config.json') ?? {};
  const module = files.get('module.json') ?? {};
  const tree = readTree(config, files, collector);
  const active = new Set([
    ...PROTOCOL_FILES,
    ...tree.map((t) => `${t.object}.json`),
    ...[...files.keys()].filter(isSiteTypeFile),
  ]);
  for (const [path, value] of files) {
    if (active.has(path)) registerRules(path, value, collector);
    else if (!tree.some((t) => `${t.object}.json` === path))
      collector.warn(path, '', 'not a GeoNature protocol file: ignored');
  }
  const code = protocolCode(moduleCode);
  const vocabularies = readVocabularies(files.get('nomenclature.json'), code, collector);
  const levelKeys = new Map(tree.map((t) => [t.object, normaliseKey(t.object)]));
  const ctx: BuildContext = { moduleCode: code, levels: levelKeys, vocabularies, collector };
  const drafts = tree.map((t) => draftOf(t, files, levelKeys, ctx));
  const siteTypes = addSiteTypes(
    drafts.find((d) => d.object === 'site'),
    files,
    ctx,
  );
  moduleFields(module, collector);
  settleKeys(drafts, collector);
  const levels = drafts.map((d) =>
    finishLevel(d, drafts, { moduleCode: code, collector, provenance, vocabularies }),
  );
  const label =
    typeof module.module_label === 'string' && module.module_label.trim()
      ? module.module_label.trim()
      : moduleCode;
  const description =
    typeof module.module_desc === 'string' && module.module_desc.trim()
      ? module.module_desc.trim()
      : undefined;
  const allVocabularies = [...vocabularies.vocabularies, ...(siteTypes ? [siteTypes] : [])];
  const spec: ProtocolSpec = {
    code,
    version: 1,
    label,
    ...(description ? { description } : {}),
    taxonomy: taxonomyOf(config, module, collector),
    ...(allVocabularies.length > 0 ? { vocabularies: allVocabularies } : {}),
    levels,
  };
  const extended = applyExtensions(spec, files, drafts);
  for (const d of repairSpec(extended as unknown as Record<string, unknown>, provenance, collector)) {
    collector.warn(SPEC_FILE, d.path, `${d.severity === 'error' ? 'ERROR ' : ''}${d.rule}: ${d.message}`);
  }
  return { spec: extended, report: collector.report() };
}

function protocolCode(moduleCode: string): string {
  const code = normaliseKey(moduleCode, 40);
  return code.length >= 2 ? code : `${code}_protocol`;
}

function draftOf(
  t: TreeLevel,
  files: ReadonlyMap<string, JsonObject>,
  keys: ReadonlyMap<string, string>,
  ctx: BuildContext,
): LevelDraft {
  const file = `${t.object}.json`;
  const draft = draftLevel(t.object, file, files.get(file) ?? {}, ctx);
  draft.parents = t.parents.map((p) => keys.get(p) ?? normaliseKey(p));
  overlayLevelDraft(draft, extensionOf(files.get(file)));
  if (t.alsoRoot) {
    ctx.collector.warn(
      'config.json',
      '/tree',
      `${t.object} is also directly under the module: GeoNature lets it have no ${t.parents.join(' or ')}; Suivi requires ${t.parents.length > 1 ? 'one of its parents' : 'its parent'}`,
    );
  }
  return draft;
}

/** module.json `specific` configures the module (a module page), which a Suivi protocol does not have. */
function moduleFields(module: JsonObject, collector: Collector): void {
  if (!isObject(module.specific)) return;
  for (const key of Object.keys(module.specific)) {
    collector.warn(
      'module.json',
      `/specific/${key}`,
      'a module setting field: Suivi protocols have no module record, not imported',
    );
    for (const [slot, value] of Object.entries(module.specific[key] as JsonObject)) {
      const path = `/specific/${key}/${slot}`;
      if (typeof value === 'string' && collector.isRule('module.json', path)) {
        collector.untranslated('module.json', path, 'rule of a module setting field, which is not imported');
      }
    }
  }
}

/** Keys unique in each level, and none that Suivi reserves (asked of the validator). */
function settleKeys(drafts: LevelDraft[], collector: Collector): void {
  const levelTaken = new Set<string>();
  for (const d of drafts) d.key = uniqueKey(d.key, levelTaken);
  for (const d of drafts) {
    const taken = new Set<string>();
    for (const e of d.entries) {
      const wanted = e.key;
      e.key = uniqueKey(e.key, taken);
      if (e.key !== wanted)
        collector.warn(e.d.file, e.d.path, `key ${wanted} is taken in ${d.key}: renamed ${e.key}`);
    }
  }
  const reserved = reservedKeys(drafts.map((d) => ({ key: d.key, fields: d.entries.map((e) => e.key) })));
  for (const d of drafts) {
    const taken = new Set(d.entries.map((e) => e.key));
    for (const e of d.entries) {
      if (!reserved.fields.get(d.key)?.has(e.key)) continue;
      const renamed = uniqueKey(`${e.key.slice(0, 57)}_field`, taken);
      collector.warn(
        e.d.file,
        e.d.path,
        `${e.key} is a name Suivi reserves (SQL or generated columns): renamed ${renamed}`,
      );
      e.key = renamed;
    }
  }
  for (const d of drafts) {
    if (!reserved.levels.has(d.key)) continue;
    const renamed = uniqueKey(`${d.key.slice(0, 57)}_level`, levelTaken);
    for (const other of drafts) other.parents = other.parents.map((p) => (p === d.key ? renamed : p));
    collector.warn(d.file, '', `level key ${d.key} is a name Suivi reserves: renamed ${renamed}`);
    d.key = renamed;
  }
}
