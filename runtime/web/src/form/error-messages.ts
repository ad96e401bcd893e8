/**
 * The form's messages in the reader's language, each naming its field by label:
 * « Nombre d'adultes : au plus 35 » / "Adults: at most 35". Schema errors are worded from the field's
 * label and the schema's bounds; a pattern is explained by the field's help when the spec gives one,
 * else by an example value (never the regular expression). Keywords without a wording of ours keep
 * Ajv's message, localised by ajv-i18n. The server's problems (422) are French sentences naming the
 * field; in English they are worded again here from their code, the field's label and bounds.
 */
import type { RJSFValidationError } from '@rjsf/utils';
import { WORDINGS } from '../../../records/validate/messages.ts';
import type { ApiProblem, Json, LevelForms } from '../api.ts';
import type { Lang } from '../i18n.tsx';
import { fieldLabel } from '../localise-forms.ts';
import type { FormProblem } from './form-checks.ts';
import { patternExample } from './pattern-example.ts';

type Words = Readonly<Record<Lang, (v: string) => string>>;

const w = (fr: (v: string) => string, en: (v: string) => string): Words => ({ fr, en });

/** What a schema keyword (or a server problem code) says, given its bound. */
const WORDS: Readonly<Record<string, Words>> = {
  required: w(
    () => 'obligatoire',
    () => 'required',
  ),
  minimum: w(
    (v) => `au moins ${v}`,
    (v) => `at least ${v}`,
  ),
  maximum: w(
    (v) => `au plus ${v}`,
    (v) => `at most ${v}`,
  ),
  exclusiveMinimum: w(
    (v) => `plus de ${v}`,
    (v) => `more than ${v}`,
  ),
  exclusiveMaximum: w(
    (v) => `moins de ${v}`,
    (v) => `less than ${v}`,
  ),
  minLength: w(
    (v) => `au moins ${v} caractère(s)`,
    (v) => `at least ${v} character(s)`,
  ),
  maxLength: w(
    (v) => `au plus ${v} caractères`,
    (v) => `at most ${v} characters`,
  ),
  minItems: w(
    (v) => `au moins ${v} élément(s)`,
    (v) => `at least ${v} item(s)`,
  ),
  maxItems: w(
    (v) => `au plus ${v} élément(s)`,
    (v) => `at most ${v} item(s)`,
  ),
  uniqueItems: w(
    () => 'une valeur est en double',
    () => 'a value appears twice',
  ),
  multipleOf: w(
    (v) => `par pas de ${v}`,
    (v) => `in steps of ${v}`,
  ),
  enum: w(
    () => 'choisissez une des valeurs proposées',
    () => 'choose one of the values offered',
  ),
  expected: w(
    (v) => `format attendu : ${v}`,
    (v) => `expected format: ${v}`,
  ),
  unexpected: w(
    () => 'ce n’est pas le format attendu',
    () => 'not in the expected format',
  ),
  integer: w(
    () => 'un nombre entier est attendu',
    () => 'a whole number is expected',
  ),
  number: w(
    () => 'un nombre est attendu',
    () => 'a number is expected',
  ),
  invalid: w(
    () => 'valeur refusée',
    () => 'value refused',
  ),
  decimals: w(
    (v) => `trop de décimales (au plus ${v})`,
    (v) => `too many decimals (at most ${v})`,
  ),
  taxon_unpicked: w(
    () => 'choisissez un taxon dans la liste',
    () => 'choose a taxon from the list',
  ),
};

const FORMATS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  date: { fr: 'une date (jj/mm/aaaa)', en: 'a date (yyyy-mm-dd)' },
  time: { fr: 'une heure (hh:mm)', en: 'a time (hh:mm)' },
  'date-time': { fr: 'une date et une heure', en: 'a date and a time' },
  uuid: { fr: 'un identifiant', en: 'an identifier' },
};

/** Server problem codes (runtime/records/validate/messages.ts) that read as a schema keyword. */
const PROBLEM_KEYWORD: Readonly<Record<string, string>> = {
  required: 'required',
  min: 'minimum',
  max: 'maximum',
  max_length: 'maxLength',
  pattern: 'pattern',
  format: 'format',
  choice: 'enum',
  min_items: 'minItems',
  max_items: 'maxItems',
  duplicate: 'uniqueItems',
  decimals: 'decimals',
};

/** Problems about the whole record, in English (the server's French sentence is the French one). */
const RECORD_PROBLEMS_EN: Readonly<Record<string, string>> = {
  stale_row_version: 'Someone changed this record since you opened it: reload the page to see their version.',
  has_children: 'Records are attached to this one: delete them first.',
  referenced: 'Other records refer to this one: it cannot be deleted.',
  duplicate_id: 'A record already has this identifier.',
  forbidden: 'You are not allowed to do this.',
  unauthorized: 'Your session has ended: log in again.',
};

const number = (v: unknown, lang: Lang) =>
  typeof v === 'number' ? v.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB') : String(v ?? '');

/** The schema of a field at `path` (`['strata_cover', '0', 'cover_pct']`). */
function propertyAt(schema: Json, path: readonly string[]): Json | undefined {
  let node: Json | undefined = schema;
  for (const part of path) {
    if (!node) return undefined;
    if (/^\d+$/.test(part)) node = node.items as Json | undefined;
    else node = (node.properties as Record<string, Json> | undefined)?.[part];
  }
  return node;
}

/** The field's help (the forms are localised: it is in the reader's language). */
function helpAt(forms: LevelForms, path: readonly string[]): string | undefined {
  const help = propertyAt(forms.schema, path)?.description;
  return typeof help === 'string' && help !== '' ? help : undefined;
}

const joined = (label: string, text: string, lang: Lang) =>
  lang === 'fr' ? `${label} : ${text}` : `${label}: ${text}`;

/** The words for one keyword on the field at `path`; undefined when we have none (Ajv's then). */
function worded(
  keyword: string,
  params: Json,
  forms: LevelForms,
  path: readonly string[],
  lang: Lang,
): string | undefined {
  const property = propertyAt(forms.schema, path);
  const say = (key: string, v = '') => WORDS[key]?.[lang](v);
  switch (keyword) {
    case 'required':
      return say('required');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return say(keyword, number(params.limit ?? property?.[keyword], lang));
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return say(keyword, number(params.limit ?? property?.[keyword], lang));
    case 'decimals': {
      const key = path.at(-1) ?? '';
      const options = (forms.ui[key] as Json | undefined)?.['ui:options'] as Json | undefined;
      return say(keyword, number(params.limit ?? options?.decimals, lang));
    }
    case 'taxon_unpicked':
      return say(keyword);
    case 'multipleOf':
      return say(keyword, number(params.multipleOf ?? property?.multipleOf, lang));
    case 'uniqueItems':
    case 'enum':
      return say(keyword);
    case 'pattern': {
      const help = helpAt(forms, path);
      if (help) return help;
      const pattern = params.pattern ?? property?.pattern;
      const example = typeof pattern === 'string' ? patternExample(pattern) : undefined;
      return example ? say('expected', example) : say('unexpected');
    }
    case 'format': {
      const format = String(params.format ?? property?.format ?? '');
      const described = FORMATS[format]?.[lang];
      return described ? say('expected', described) : say('unexpected');
    }
    case 'type':
      return params.type === 'integer'
        ? say('integer')
        : params.type === 'number'
          ? say('number')
          : undefined;
    default:
      return undefined;
  }
}

/** `.strata_cover.0.cover_pct` or `/strata_cover/0/cover_pct` → its parts. */
const partsOf = (property: string) => property.split(/[./]/).filter(Boolean);

/** RJSF's transformErrors: every schema error worded with its field's label, in `lang`. */
export function schemaErrorTransformer(forms: LevelForms, lang: Lang) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((error) => {
      const keyword = error.name ?? '';
      const params = (error.params ?? {}) as Json;
      const path =
        keyword === 'required' && typeof params.missingProperty === 'string'
          ? [
              ...partsOf(error.property ?? '').filter((p) => p !== params.missingProperty),
              params.missingProperty,
            ]
          : partsOf(error.property ?? '');
      const label = path.length > 0 ? fieldLabel(forms, path, lang) : '';
      const text = worded(keyword, params, forms, path, lang) ?? error.message ?? '';
      const message = label ? joined(label, text, lang) : text;
      return { ...error, message, stack: message };
    });
}

/** A server problem as a line naming its field, in `lang` (French: the server's own sentence). */
export function problemText(problem: ApiProblem, forms: LevelForms, lang: Lang): string {
  // A record check words itself, in both languages.
  if (problem.code === 'check') {
    const own = problem.messages ?? forms.rules.checks?.find((c) => c.id === problem.check_id)?.message;
    if (own) return lang === 'en' ? (own.en ?? own.fr) : own.fr;
  }
  if (lang === 'fr' && problem.message) return problem.message;
  const path = partsOf(problem.path);
  const sentence = RECORD_PROBLEMS_EN[problem.code];
  if (lang === 'en' && sentence && (path.length === 0 || path[0] === 'row_version')) return sentence;
  const keyword = PROBLEM_KEYWORD[problem.code];
  const text = (keyword && worded(keyword, {}, forms, path, lang)) ?? WORDS.invalid?.[lang]('') ?? '';
  return path.length > 0 ? joined(fieldLabel(forms, path, lang), text, lang) : problem.message || text;
}

/**
 * A problem the form found itself (form-checks.ts), worded as the server words the same code: in French
 * the server's very sentence, in English as its problems are worded here; the bound given.
 */
export function formProblemText(problem: FormProblem, forms: LevelForms, lang: Lang): string {
  if (problem.message) return lang === 'en' ? (problem.message.en ?? problem.message.fr) : problem.message.fr;
  const path = partsOf(problem.path);
  const label = fieldLabel(forms, path, lang);
  const server = WORDINGS[problem.code];
  if (lang === 'fr' && server)
    return server(`« ${label} »`, { path: problem.path, code: problem.code, expected: problem.expected });
  const keyword = PROBLEM_KEYWORD[problem.code] ?? problem.code;
  const limit = typeof problem.expected === 'number' ? problem.expected : undefined;
  const bound = typeof problem.expected === 'string' ? problem.expected : undefined;
  const text =
    (bound !== undefined && (keyword === 'minimum' || keyword === 'maximum')
      ? WORDS[keyword]?.[lang](bound)
      : worded(keyword, limit === undefined ? {} : { limit }, forms, path, lang)) ?? '';
  return joined(label, text, lang);
}
