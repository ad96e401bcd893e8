/**
 * Suivi spec → GeoNature Monitoring protocol folder: config.json (the tree), module.json, one file per
 * level, nomenclature.json (protocol vocabularies, site types) and type_site/<code>.json. Rules are
 * rendered as JavaScript arrow functions; whatever GeoNature cannot express travels in `suivi` keys it
 * ignores, so that import-gn gives the spec back.
 */
import {
  compileProtocol,
  type ResolvedLevel,
  type ResolvedProtocol,
  STANDARD_FIELDS,
  toAuthored,
} from '../../../protocol-specs/index.ts';
import { SITE_TYPE_VOCABULARY } from '../import/site-types.ts';
import type { ExportResult } from '../model.ts';
import type { ExportFieldContext } from './export-field.ts';
import { exportLevel, type SiteTypeFile, siteTypeValues } from './export-level.ts';
import { nomenclatureFile } from './export-nomenclature.ts';

type Def = Record<string, unknown>;

export class ExportError extends Error {}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function exportGeoNatureProtocol(spec: unknown): ExportResult {
  const compiled = compileProtocol(spec);
  if (!compiled.ok) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    throw new ExportError(`the spec is not valid: ${errors.map((d) => `${d.path} ${d.message}`).join('; ')}`);
  }
  const protocol = compiled.protocol;
  const authored = toAuthored(protocol);
  const warnings: string[] = [];
  const objects = objectNames(protocol.levels);
  const folder: Record<string, string> = {};
  const siteTypes: SiteTypeFile[] = [];
  let usesSiteTypes = false;
  for (const level of protocol.levels) {
    const object = objects.get(level.key) as string;
    if (!STANDARD_FIELDS[object as keyof typeof STANDARD_FIELDS] || object === 'custom') {
      warnings.push(`level ${level.key}: GeoNature has no such object type; written for the round trip only`);
    }
    const authoredLevel = authored.levels.find((l) => l.key === level.key);
    const authoredFields = [
      ...(authoredLevel?.fields ?? []),
      ...(authoredLevel?.fieldSets ?? []).flatMap((s) => s.fields),
    ];
    const ctx: ExportFieldContext = {
      objects,
      ...(level.parents.length === 1 ? { parent: level.parents[0] } : {}),
      referenceable: new Set(['site', 'sites_group'].filter((k) => objects.get(k) === k)),
      allCodes: (code) => protocol.vocabularies.find((v) => v.code === code)?.values.map((v) => v.code) ?? [],
      authored: (key) => authoredFields.find((f) => f.key === key) as Def | undefined,
    };
    const types = siteTypeValues(level, protocol.vocabularies);
    if (types) usesSiteTypes = true;
    const exported = exportLevel(level, object, ctx, warnings, types);
    folder[`${object}.json`] = json(exported.content);
    for (const t of exported.siteTypes) {
      siteTypes.push(t);
      folder[`type_site/${t.code}.json`] = json(t.content);
    }
    for (const f of level.fields)
      if ('filter' in f && f.filter)
        warnings.push(`${level.key}.${f.key}: GeoNature has no choice filter; kept for the round trip only`);
  }
  folder['config.json'] = json({
    tree: { module: treeOf(protocol.levels, objects) },
    ...taxonomyData(protocol),
  });
  folder['module.json'] = json(moduleFile(protocol, authored));
  const vocabularies = protocol.vocabularies.filter(
    (v) => v.source === 'protocol' && !(usesSiteTypes && v.code === SITE_TYPE_VOCABULARY),
  );
  const nomenclature = nomenclatureFile(vocabularies, siteTypes);
  if (nomenclature) folder['nomenclature.json'] = json(nomenclature);
  return {
    folder: Object.fromEntries(Object.entries(folder).sort(([a], [b]) => (a < b ? -1 : 1))),
    warnings,
  };
}

/** GeoNature names an object by its type (site.json); a second level of a type, or a custom one, by its key. */
function objectNames(levels: readonly ResolvedLevel[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  const keys = new Set(levels.map((l) => l.key));
  for (const level of levels) {
    const byType =
      level.type !== 'custom' && !used.has(level.type) && (level.key === level.type || !keys.has(level.type));
    const name = byType ? level.type : level.key;
    used.add(name);
    out.set(level.key, name);
  }
  return out;
}

function treeOf(levels: readonly ResolvedLevel[], objects: ReadonlyMap<string, string>): Def | null {
  const children = (parent: string | undefined): Def | null => {
    const under = levels.filter((l) =>
      parent === undefined ? l.parents.length === 0 : l.parents.includes(parent),
    );
    if (under.length === 0) return null;
    return Object.fromEntries(under.map((l) => [objects.get(l.key) as string, children(l.key)]));
  };
  return children(undefined);
}

function taxonomyData(protocol: ResolvedProtocol): Def {
  const t = protocol.taxonomy;
  return t.scope === 'list' ? { data: { taxonomy: { cd_noms: [...t.taxa] } } } : {};
}

function moduleFile(protocol: ResolvedProtocol, authored: ReturnType<typeof toAuthored>): Def {
  const t = protocol.taxonomy;
  const suivi: Def = { version: protocol.version };
  if (protocol.label.en !== undefined) suivi.label = protocol.label;
  if (protocol.description?.en !== undefined) suivi.description = protocol.description;
  if (t.scope === 'group') suivi.taxonomy = { ...t };
  if (protocol.datasets.length > 0) suivi.datasets = [...protocol.datasets];
  if (authored.occurrence) suivi.occurrence = authored.occurrence;
  const vocabularies = Object.fromEntries(
    protocol.vocabularies
      .filter((v) => v.source === 'protocol')
      .map((v) => [
        v.code,
        {
          id: v.id,
          ...(v.label.en ? { label: v.label } : {}),
          ...(v.description?.en ? { description: v.description } : {}),
        },
      ]),
  );
  if (Object.keys(vocabularies).length > 0) suivi.vocabularies = vocabularies;
  return {
    module_code: protocol.code,
    module_label: protocol.label.fr,
    ...(protocol.description ? { module_desc: protocol.description.fr } : {}),
    ...(t.scope === 'species' ? { cd_nom: t.taxon } : {}),
    suivi,
  };
}
