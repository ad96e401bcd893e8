/**
 * A template checked against the module before any row is read: its format, module and level, the
 * levels it maps forming a chain of parents down to `level` (each ancestor with its `match`), every
 * field key a field of its level, every column read a column of the file. All problems at once, each
 * with its path in the template, French and English.
 */
import type { ResolvedLevel } from '../../../protocol-specs/index.ts';
import type { ModulePlan } from '../../records/model/module-plan.ts';
import { mappingColumn } from '../convert/bodies.ts';
import { IMPORT_TEMPLATE_FORMAT, type ImportTemplate } from '../template.ts';

export interface TemplateProblem {
  readonly path: string;
  readonly code: string;
  readonly message: { readonly fr: string; readonly en: string };
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message.en}`).join('; '));
  }
}

/** The levels a template fills, top down, ending with its `level`. */
export function levelChain(module: ModulePlan, template: ImportTemplate): ResolvedLevel[] {
  const chain: ResolvedLevel[] = [];
  let level = module.protocol.levels.find((l) => l.key === template.level);
  while (level) {
    chain.unshift(level);
    const parent = level.parents.find((p) => Object.hasOwn(template.levels, p));
    level = parent ? module.protocol.levels.find((l) => l.key === parent) : undefined;
  }
  return chain;
}

export function checkTemplate(
  modules: ReadonlyMap<string, ModulePlan>,
  template: ImportTemplate,
  columns: readonly string[] | undefined,
): ResolvedLevel[] {
  const problems: TemplateProblem[] = [];
  const add = (path: string, code: string, fr: string, en: string) =>
    problems.push({ path, code, message: { fr, en } });
  if (template.suivi_import_template !== IMPORT_TEMPLATE_FORMAT)
    add(
      '/suivi_import_template',
      'format',
      `Format de modèle inconnu (attendu : ${IMPORT_TEMPLATE_FORMAT}).`,
      `Unknown template format (expected ${IMPORT_TEMPLATE_FORMAT}).`,
    );
  const module = modules.get(template.module);
  if (!module) {
    add(
      '/module',
      'unknown_module',
      `Module inconnu : ${template.module}.`,
      `Unknown module: ${template.module}.`,
    );
    throw new TemplateError(problems);
  }
  if (!module.levels.has(template.level)) {
    add(
      '/level',
      'unknown_level',
      `Niveau inconnu : ${template.level}.`,
      `Unknown level: ${template.level}.`,
    );
    throw new TemplateError(problems);
  }
  const chain = levelChain(module, template);
  const inChain = new Set(chain.map((l) => l.key));
  const known = columns ? new Set(columns) : undefined;
  for (const [key, mapping] of Object.entries(template.levels)) {
    const path = `/levels/${key}`;
    const level = chain.find((l) => l.key === key);
    if (!level) {
      add(
        path,
        inChain.has(key) ? 'level' : 'not_an_ancestor',
        `Le niveau ${key} n’est pas ${template.level} ni l’un de ses parents.`,
        `Level ${key} is neither ${template.level} nor one of its ancestors.`,
      );
      continue;
    }
    if (key !== template.level && !mapping.match)
      add(
        `${path}/match`,
        'required',
        `Le niveau parent ${key} doit dire comment retrouver ses enregistrements (match).`,
        `Ancestor level ${key} needs a match key.`,
      );
    if (mapping.match && 'fields' in mapping.match) {
      if (mapping.match.fields.length === 0)
        add(
          `${path}/match/fields`,
          'required',
          'La clé doit nommer au moins un champ.',
          'The key must name at least one field.',
        );
      for (const f of mapping.match.fields)
        if (!Object.hasOwn(mapping.fields, f))
          add(
            `${path}/match/fields`,
            'unmapped',
            `Le champ clé ${f} n’est pas importé.`,
            `Key field ${f} is not mapped.`,
          );
    }
    if (mapping.match && 'uuid_column' in mapping.match && known && !known.has(mapping.match.uuid_column))
      add(
        `${path}/match/uuid_column`,
        'unknown_column',
        `Colonne absente du fichier : ${mapping.match.uuid_column}.`,
        `Column not in the file: ${mapping.match.uuid_column}.`,
      );
    for (const [field, m] of Object.entries(mapping.fields)) {
      const fpath = `${path}/fields/${field}`;
      const isGeometry = field === 'geometry' && level.geometry.kind !== 'none';
      if (!isGeometry && !level.fields.some((f) => f.key === field))
        add(
          fpath,
          'unknown_field',
          `${field} n’est pas un champ de ${key}.`,
          `${field} is not a field of ${key}.`,
        );
      const read = [mappingColumn(m), 'y_column' in m ? m.y_column : undefined].filter(
        (c): c is string => c !== undefined,
      );
      for (const c of read)
        if (known && !known.has(c))
          add(fpath, 'unknown_column', `Colonne absente du fichier : ${c}.`, `Column not in the file: ${c}.`);
    }
  }
  if (!Object.hasOwn(template.levels, template.level))
    add(
      `/levels/${template.level}`,
      'required',
      `Le niveau ${template.level} n’est pas décrit.`,
      `Level ${template.level} is not mapped.`,
    );
  if (problems.length > 0) throw new TemplateError(problems);
  return chain;
}
