/**
 * One sentence per change kind, in French and English, built from the change itself. An exhaustive
 * table: a new kind does not compile until it says how it reads.
 */
import type { ChangeKind } from './change-kinds.ts';
import type { ChangeDraft, ChangeMessage } from './diff-types.ts';
import { stableJson } from './stable-json.ts';

type Lang = 'fr' | 'en';
type Sentence = (c: ChangeDraft, lang: Lang) => string;

const isLabels = (v: unknown): v is { fr: string; en?: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { fr?: unknown }).fr === 'string';

/** A value as a reader wants it: labels in the reader's language, the rest as compact JSON. */
export function show(value: unknown, lang: Lang): string {
  if (value === undefined) return lang === 'fr' ? '(aucun)' : '(none)';
  if (isLabels(value)) return JSON.stringify(lang === 'en' ? (value.en ?? value.fr) : value.fr);
  // Keys sorted: a protocol read back from the database has them in another order, and says the same.
  return stableJson(value);
}

const q = (text: string | undefined, lang: Lang) => (lang === 'fr' ? `« ${text} »` : `"${text}"`);

const checkId = (side: unknown): string | undefined => {
  const id = (side as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

function level(c: ChangeDraft, lang: Lang): string {
  return lang === 'fr' ? `niveau ${q(c.level?.key, lang)}` : `level ${q(c.level?.key, lang)}`;
}

function field(c: ChangeDraft, lang: Lang): string {
  const where = c.group
    ? lang === 'fr'
      ? ` du groupe ${q(c.group.key, lang)}`
      : ` of group ${q(c.group.key, lang)}`
    : '';
  return lang === 'fr'
    ? `champ ${q(c.field?.key, lang)}${where} (${level(c, lang)})`
    : `field ${q(c.field?.key, lang)}${where} (${level(c, lang)})`;
}

const vocabulary = (c: ChangeDraft, lang: Lang) =>
  `${lang === 'fr' ? 'vocabulaire' : 'vocabulary'} ${q(c.vocabulary?.code, lang)}`;
const value = (c: ChangeDraft, lang: Lang) => `${lang === 'fr' ? 'valeur' : 'value'} ${q(c.value, lang)}`;
/**
 * Before → after. Two lists show what left and what came (a list of twenty codes with one more reads
 * badly whole); a label whose text in this language did not change shows both languages.
 */
function fromTo(c: ChangeDraft, lang: Lang): string {
  const [before, after] = [c.before, c.after];
  if (isList(before) && isList(after)) {
    const gone = before.filter((x) => !after.includes(x)).map((x) => `− ${JSON.stringify(x)}`);
    const come = after.filter((x) => !before.includes(x)).map((x) => `+ ${JSON.stringify(x)}`);
    if (gone.length + come.length > 0) return [...gone, ...come].join(', ');
  }
  if (isLabels(before) && isLabels(after) && show(before, lang) === show(after, lang))
    return `${bothLanguages(before)} → ${bothLanguages(after)}`;
  return `${show(before, lang)} → ${show(after, lang)}`;
}

const bothLanguages = (l: { fr: string; en?: string }) => JSON.stringify({ fr: l.fr, en: l.en });

const isList = (v: unknown): v is readonly (string | number)[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number');
const prop = (c: ChangeDraft) => c.property ?? '';

/** `fr` and `en` sentences of one kind, from the same pieces. */
const both =
  (fr: (c: ChangeDraft) => string, en: (c: ChangeDraft) => string): Sentence =>
  (c, lang) =>
    lang === 'fr' ? fr(c) : en(c);

const SENTENCES = {
  protocol_version_changed: both(
    (c) => `version du protocole : ${fromTo(c, 'fr')}`,
    (c) => `protocol version: ${fromTo(c, 'en')}`,
  ),
  protocol_label_changed: both(
    (c) => `${prop(c)} du protocole modifié : ${fromTo(c, 'fr')}`,
    (c) => `protocol ${prop(c)} changed: ${fromTo(c, 'en')}`,
  ),
  protocol_datasets_changed: both(
    (c) => `jeux de données du protocole : ${fromTo(c, 'fr')}`,
    (c) => `protocol datasets: ${fromTo(c, 'en')}`,
  ),
  taxonomy_widened: both(
    (c) => `périmètre taxonomique élargi : ${fromTo(c, 'fr')}`,
    (c) => `taxonomic scope widened: ${fromTo(c, 'en')}`,
  ),
  taxonomy_narrowed: both(
    (c) =>
      `périmètre taxonomique restreint ou changé (les taxons hors périmètre sont à traiter) : ${fromTo(c, 'fr')}`,
    (c) => `taxonomic scope narrowed or changed (taxa outside it must be dealt with): ${fromTo(c, 'en')}`,
  ),
  occurrence_mapping_changed: both(
    (c) => `correspondance SINP ${q(prop(c), 'fr')} modifiée (vues régénérées) : ${fromTo(c, 'fr')}`,
    (c) => `SINP mapping of ${q(prop(c), 'en')} changed (views regenerated): ${fromTo(c, 'en')}`,
  ),
  vocabulary_added: both(
    (c) => `${vocabulary(c, 'fr')} ajouté`,
    (c) => `${vocabulary(c, 'en')} added`,
  ),
  vocabulary_removed: both(
    (c) => `${vocabulary(c, 'fr')} n'est plus utilisé (ses valeurs restent dans ref.vocabulary)`,
    (c) => `${vocabulary(c, 'en')} no longer used (its values stay in ref.vocabulary)`,
  ),
  vocabulary_renamed: both(
    (c) => `${vocabulary(c, 'fr')} renommé (code précédent ${q(c.vocabulary?.previousCode, 'fr')})`,
    (c) => `${vocabulary(c, 'en')} renamed from ${q(c.vocabulary?.previousCode, 'en')}`,
  ),
  vocabulary_label_changed: both(
    (c) => `${prop(c)} du ${vocabulary(c, 'fr')} modifié : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${vocabulary(c, 'en')} changed: ${fromTo(c, 'en')}`,
  ),
  vocabulary_value_added: both(
    (c) => `${value(c, 'fr')} ajoutée au ${vocabulary(c, 'fr')}`,
    (c) => `${value(c, 'en')} added to ${vocabulary(c, 'en')}`,
  ),
  vocabulary_value_removed: both(
    (c) => `${value(c, 'fr')} retirée du ${vocabulary(c, 'fr')} (les données qui la portent sont à traiter)`,
    (c) => `${value(c, 'en')} removed from ${vocabulary(c, 'en')} (records holding it must be dealt with)`,
  ),
  vocabulary_value_label_changed: both(
    (c) => `${prop(c)} de la ${value(c, 'fr')} du ${vocabulary(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${value(c, 'en')} of ${vocabulary(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  vocabulary_value_broader_changed: both(
    (c) => `parent de la ${value(c, 'fr')} du ${vocabulary(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `broader value of ${value(c, 'en')} of ${vocabulary(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  vocabulary_values_reordered: both(
    (c) => `ordre des valeurs du ${vocabulary(c, 'fr')} modifié`,
    (c) => `values of ${vocabulary(c, 'en')} reordered`,
  ),
  level_added: both(
    (c) => `${level(c, 'fr')} ajouté`,
    (c) => `${level(c, 'en')} added`,
  ),
  level_removed: both(
    (c) => `${level(c, 'fr')} supprimé (ses données vont aux archives)`,
    (c) => `${level(c, 'en')} removed (its data goes to the archive)`,
  ),
  level_renamed: both(
    (c) => `${level(c, 'fr')} renommé (clé précédente ${q(c.level?.previousKey, 'fr')})`,
    (c) => `${level(c, 'en')} renamed from ${q(c.level?.previousKey, 'en')}`,
  ),
  level_label_changed: both(
    (c) => `${prop(c)} du ${level(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${level(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  level_display_changed: both(
    (c) => `${prop(c)} du ${level(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${level(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  level_field_sets_changed: both(
    (c) => `ensembles de champs du ${level(c, 'fr')} modifiés`,
    (c) => `field sets of ${level(c, 'en')} changed`,
  ),
  level_check_added: both(
    (c) => `contrôle ajouté au ${level(c, 'fr')} : ${q(checkId(c.after), 'fr')}`,
    (c) => `check added to ${level(c, 'en')}: ${q(checkId(c.after), 'en')}`,
  ),
  level_check_removed: both(
    (c) => `contrôle retiré du ${level(c, 'fr')} : ${q(checkId(c.before), 'fr')}`,
    (c) => `check removed from ${level(c, 'en')}: ${q(checkId(c.before), 'en')}`,
  ),
  level_check_changed: both(
    (c) => `règle d’un contrôle du ${level(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `rule of a check of ${level(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  level_check_message_changed: both(
    (c) => `message ou champs d’un contrôle du ${level(c, 'fr')} modifiés`,
    (c) => `message or fields of a check of ${level(c, 'en')} changed`,
  ),
  level_type_changed: both(
    (c) => `type du ${level(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `type of ${level(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  level_parents_changed: both(
    (c) => `parents du ${level(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `parents of ${level(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  level_parents_required: both(
    (c) => `le ${level(c, 'fr')} exige maintenant tous ses parents`,
    (c) => `${level(c, 'en')} now requires every parent`,
  ),
  level_parents_relaxed: both(
    (c) => `le ${level(c, 'fr')} n'exige plus qu'un de ses parents`,
    (c) => `${level(c, 'en')} now requires only one of its parents`,
  ),
  level_geometry_added: both(
    (c) => `géométrie ajoutée au ${level(c, 'fr')} : ${show(c.after, 'fr')}`,
    (c) => `geometry added to ${level(c, 'en')}: ${show(c.after, 'en')}`,
  ),
  level_geometry_removed: both(
    (c) => `géométrie du ${level(c, 'fr')} supprimée (elle va aux archives)`,
    (c) => `geometry of ${level(c, 'en')} removed (it goes to the archive)`,
  ),
  level_geometry_widened: both(
    (c) => `géométrie du ${level(c, 'fr')} élargie : ${fromTo(c, 'fr')}`,
    (c) => `geometry of ${level(c, 'en')} widened: ${fromTo(c, 'en')}`,
  ),
  level_geometry_kind_changed: both(
    (c) => `type de géométrie du ${level(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `geometry kind of ${level(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  level_geometry_required: both(
    (c) => `géométrie du ${level(c, 'fr')} maintenant obligatoire`,
    (c) => `geometry of ${level(c, 'en')} now required`,
  ),
  level_geometry_relaxed: both(
    (c) => `géométrie du ${level(c, 'fr')} maintenant facultative`,
    (c) => `geometry of ${level(c, 'en')} now optional`,
  ),
  field_added: both(
    (c) => `${field(c, 'fr')} ajouté`,
    (c) => `${field(c, 'en')} added`,
  ),
  field_added_required: both(
    (c) => `${field(c, 'fr')} ajouté, obligatoire (les données existantes n'en ont pas)`,
    (c) => `${field(c, 'en')} added, required (existing records have no value)`,
  ),
  field_removed: both(
    (c) => `${field(c, 'fr')} supprimé (ses valeurs vont aux archives)`,
    (c) => `${field(c, 'en')} removed (its values go to the archive)`,
  ),
  section_added: both(
    (c) => `section ${q(c.field?.key, 'fr')} ajoutée (${level(c, 'fr')})`,
    (c) => `section ${q(c.field?.key, 'en')} added (${level(c, 'en')})`,
  ),
  section_removed: both(
    (c) => `section ${q(c.field?.key, 'fr')} supprimée (${level(c, 'fr')})`,
    (c) => `section ${q(c.field?.key, 'en')} removed (${level(c, 'en')})`,
  ),
  field_renamed: both(
    (c) => `${field(c, 'fr')} renommé (clé précédente ${q(c.field?.previousKey, 'fr')})`,
    (c) => `${field(c, 'en')} renamed from ${q(c.field?.previousKey, 'en')}`,
  ),
  field_label_changed: both(
    (c) => `${prop(c)} du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  field_order_changed: both(
    (c) => `${field(c, 'fr')} déplacé dans le formulaire`,
    (c) => `${field(c, 'en')} moved in the form`,
  ),
  field_presentation_changed: both(
    (c) => `${prop(c)} du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  field_computed_changed: both(
    (c) => `calcul du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `computation of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  field_default_changed: both(
    (c) => `valeur par défaut du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `default of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  field_kind_widened: both(
    (c) => `type du ${field(c, 'fr')} élargi : ${fromTo(c, 'fr')}`,
    (c) => `kind of ${field(c, 'en')} widened: ${fromTo(c, 'en')}`,
  ),
  field_kind_cast: both(
    (c) =>
      `type du ${field(c, 'fr')} converti (les valeurs qui ne se convertissent pas sont à traiter) : ${fromTo(c, 'fr')}`,
    (c) =>
      `kind of ${field(c, 'en')} cast (values that do not convert must be dealt with): ${fromTo(c, 'en')}`,
  ),
  field_multiple_changed: both(
    (c) => `valeurs multiples du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `multiple values of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  field_target_changed: both(
    (c) => `${prop(c)} du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  field_constraint_tightened: both(
    (c) => `${prop(c)} du ${field(c, 'fr')} resserré : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${field(c, 'en')} tightened: ${fromTo(c, 'en')}`,
  ),
  field_constraint_relaxed: both(
    (c) => `${prop(c)} du ${field(c, 'fr')} assoupli : ${fromTo(c, 'fr')}`,
    (c) => `${prop(c)} of ${field(c, 'en')} relaxed: ${fromTo(c, 'en')}`,
  ),
  field_rule_changed: both(
    (c) => `règle ${prop(c)} du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `rule ${prop(c)} of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  choice_value_added: both(
    (c) => `choix ${q(c.value, 'fr')} ajouté au ${field(c, 'fr')}`,
    (c) => `choice ${q(c.value, 'en')} added to ${field(c, 'en')}`,
  ),
  choice_value_removed: both(
    (c) =>
      `choix ${q(c.value, 'fr')} retiré du ${field(c, 'fr')} (les données qui le portent sont à traiter)`,
    (c) =>
      `choice ${q(c.value, 'en')} removed from ${field(c, 'en')} (records holding it must be dealt with)`,
  ),
  choice_label_changed: both(
    (c) => `libellé du choix ${q(c.value, 'fr')} du ${field(c, 'fr')} : ${fromTo(c, 'fr')}`,
    (c) => `label of choice ${q(c.value, 'en')} of ${field(c, 'en')}: ${fromTo(c, 'en')}`,
  ),
  field_choices_reordered: both(
    (c) => `ordre des choix du ${field(c, 'fr')} modifié`,
    (c) => `choices of ${field(c, 'en')} reordered`,
  ),
} satisfies Record<ChangeKind, Sentence>;

export function changeMessage(change: ChangeDraft): ChangeMessage {
  const sentence: Sentence = SENTENCES[change.kind];
  return { fr: sentence(change, 'fr'), en: sentence(change, 'en') };
}
