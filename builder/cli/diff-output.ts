/**
 * `suivi diff` for people: a summary line with the count of each class, then the changes grouped by
 * class, most demanding first, each with its message, kind, id and path in the new spec.
 */
import {
  CHANGE_CLASS_LABELS,
  CHANGE_CLASSES_BY_SEVERITY,
  type ProtocolChange,
  type ProtocolDiff,
} from '../../protocol-specs/index.ts';

export type Lang = 'fr' | 'en';

const WORDS = {
  none: { fr: 'aucun changement', en: 'no changes' },
  changes: { fr: 'changement(s)', en: 'change(s)' },
  id: { fr: 'id', en: 'id' },
  at: { fr: 'en', en: 'at' },
} as const;

export function formatDiff(diff: ProtocolDiff, lang: Lang): string {
  const head = `${diff.code} v${diff.from} → v${diff.to}`;
  if (diff.changes.length === 0) return `${head}: ${WORDS.none[lang]}\n`;
  const counts = CHANGE_CLASSES_BY_SEVERITY.map(
    (c) => `${CHANGE_CLASS_LABELS[c][lang]} ${diff.changes.filter((x) => x.class === c).length}`,
  );
  const lines = [`${head}: ${diff.changes.length} ${WORDS.changes[lang]} (${counts.join(', ')})`];
  for (const cls of CHANGE_CLASSES_BY_SEVERITY) {
    const changes = diff.changes.filter((c) => c.class === cls);
    if (changes.length === 0) continue;
    lines.push('', `${CHANGE_CLASS_LABELS[cls][lang]} (${changes.length})`);
    for (const change of changes) lines.push(`  ${change.message[lang]}`, `    ${details(change, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The kind, the most precise id, and the path: what a reviewer looks up in the spec. */
function details(change: ProtocolChange, lang: Lang): string {
  const id = change.field?.id ?? change.level?.id ?? change.vocabulary?.id;
  return [
    change.kind,
    ...(id === undefined ? [] : [`${WORDS.id[lang]} ${id}`]),
    ...(change.path === '' ? [] : [`${WORDS.at[lang]} ${change.path}`]),
  ].join(' · ');
}
