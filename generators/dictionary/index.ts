/**
 * The data dictionary: one Markdown page describing every level, field, rule and vocabulary of a
 * protocol, for administrators and data users. Also the worked example of docs/generators.md.
 */
import type {
  FieldKind,
  ResolvedField,
  ResolvedLevel,
  ResolvedProtocol,
  RuleOr,
} from '../../protocol-specs/index.ts';
import { banner } from '../core/banner.ts';
import type { Generator } from '../core/generated-file.ts';

/** How each kind reads in a dictionary; exhaustive, so a new kind must say how it is described. */
const KIND_NAMES = {
  text: 'text',
  long_text: 'long text',
  integer: 'integer',
  decimal: 'decimal',
  boolean: 'yes/no',
  date: 'date',
  time: 'time',
  datetime: 'date and time',
  choice: 'choice',
  vocabulary: 'vocabulary',
  taxon: 'taxon (TAXREF)',
  observers: 'observers',
  dataset: 'dataset',
  habitat: 'habitat',
  reference: 'record link',
  media: 'media',
  geometry: 'geometry',
  group: 'repeatable group',
  section: 'section',
} as const satisfies Record<FieldKind, string>;

export const dictionaryGenerator: Generator = {
  description: 'Markdown data dictionary of the protocol',
  generate(protocol, context) {
    const lines = [
      banner('markdown', protocol, context),
      `# ${protocol.label.fr} — dictionnaire de données`,
      '',
      `Protocole \`${protocol.code}\`, version ${protocol.version}.${protocol.description ? ` ${protocol.description.fr}` : ''}`,
      '',
      ...protocol.levels.flatMap((level) => levelSection(level)),
      ...vocabularySection(protocol),
    ];
    return [{ path: 'dictionary.md', contents: `${lines.join('\n').trimEnd()}\n` }];
  },
};

function levelSection(level: ResolvedLevel): string[] {
  const parents =
    level.parents.length > 0 ? ` Parents : ${level.parents.map((p) => `\`${p}\``).join(', ')}.` : '';
  const geometry =
    level.geometry.kind === 'none'
      ? ''
      : ` Géométrie : ${level.geometry.kind}${level.geometry.required ? ' (obligatoire)' : ''}.`;
  return [
    `## ${level.plural.fr} (\`${level.key}\`)`,
    '',
    `Niveau de type \`${level.type}\`.${parents}${geometry}`,
    '',
    '| clé | libellé | type | obligatoire | condition d’affichage | contraintes | aide |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...level.fields.flatMap((f) => fieldRows(f, '')),
    '',
  ];
}

function fieldRows(field: ResolvedField, prefix: string): string[] {
  if (field.kind === 'section')
    return [`| | **${cell(field.label.fr)}** | section | | ${cell(field.visibleIf?.source ?? '')} | | |`];
  const required =
    field.required === true ? 'oui' : field.required === false ? '' : `si \`${cell(field.required.source)}\``;
  const row = `| \`${prefix}${field.key}\` | ${cell(field.label.fr)} | ${KIND_NAMES[field.kind]} | ${required} | ${field.visibleIf ? `\`${cell(field.visibleIf.source)}\`` : ''} | ${cell(constraints(field).join('; '))} | ${cell(field.help?.fr ?? '')} |`;
  return field.kind === 'group'
    ? [row, ...field.fields.flatMap((f) => fieldRows(f, `${field.key}[].`))]
    : [row];
}

const bound = (b: RuleOr<number | string>) => ('literal' in b ? String(b.literal) : `\`${b.rule.source}\``);

function constraints(field: ResolvedField): string[] {
  const out: string[] = [];
  if ('min' in field && field.min) out.push(`≥ ${bound(field.min)}`);
  if ('max' in field && field.max) out.push(`≤ ${bound(field.max)}`);
  if ('unit' in field && field.unit) out.push(`unité ${field.unit}`);
  if ('maxLength' in field && field.maxLength) out.push(`${field.maxLength} caractères max.`);
  if ('pattern' in field && field.pattern) out.push(`motif \`${field.pattern}\``);
  if (field.kind === 'choice') out.push(`valeurs : ${field.choices.map((c) => c.value).join(', ')}`);
  if (field.kind === 'vocabulary')
    out.push(`vocabulaire ${field.vocabulary}${field.multiple ? ' (plusieurs)' : ''}`);
  if (field.kind === 'reference') out.push(`lien vers \`${field.level}\``);
  if (field.kind === 'geometry') out.push(field.geometry);
  if (field.computed) out.push(`calculé : \`${field.computed.source}\``);
  if (field.default?.kind === 'rule') out.push(`défaut : \`${field.default.rule.source}\``);
  else if (field.default?.kind === 'codes') out.push(`défaut : ${field.default.codes.join(', ')}`);
  else if (field.default) out.push(`défaut : ${String(field.default.value)}`);
  return out;
}

function vocabularySection(protocol: ResolvedProtocol): string[] {
  if (protocol.vocabularies.length === 0) return [];
  return [
    '## Vocabulaires',
    '',
    ...protocol.vocabularies.flatMap((v) => [
      `### ${v.code} — ${v.label.fr}${v.source === 'sinp' ? ' (nomenclature SINP)' : ''}`,
      '',
      '| code | libellé | parent |',
      '| --- | --- | --- |',
      ...v.values.map(
        (x) => `| \`${x.code}\` | ${cell(x.label.fr)} | ${x.broader ? `\`${x.broader}\`` : ''} |`,
      ),
      '',
    ]),
  ];
}

/** Table cells cannot hold pipes or line breaks. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
