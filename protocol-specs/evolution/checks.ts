/**
 * A level's record checks paired by id: a new or changed rule may refuse stored records (data
 * dependent: the migration counts them before adding its CHECK); a removed one only admits more; a new
 * message or list of fields changes what people read.
 */
import type { ResolvedLevel } from '../resolved.ts';
import type { DiffContext } from './diff-context.ts';
import type { ChangeDraft } from './diff-types.ts';
import { ruleIdentity } from './rule-identity.ts';
import { sameJson } from './stable-json.ts';

export function compareChecks(
  ctx: DiffContext,
  subject: Omit<ChangeDraft, 'kind'>,
  p: ResolvedLevel,
  n: ResolvedLevel,
): void {
  const before = new Map((p.checks ?? []).map((c, i) => [c.id, { check: c, i }]));
  const after = new Map((n.checks ?? []).map((c, i) => [c.id, { check: c, i }]));
  const at = (i: number) => `${subject.path}/checks/${i}`;
  for (const [id, { check, i }] of before) {
    if (!after.has(id))
      ctx.emit({
        ...subject,
        kind: 'level_check_removed',
        path: at(i),
        before: { id, rule: check.rule.source },
      });
  }
  for (const [id, { check, i }] of after) {
    const old = before.get(id)?.check;
    if (!old) {
      ctx.emit({
        ...subject,
        kind: 'level_check_added',
        path: at(i),
        after: { id, rule: check.rule.source },
      });
      continue;
    }
    const oldRule = ruleIdentity(old.rule, { index: ctx.previous, level: p });
    if (oldRule !== ruleIdentity(check.rule, { index: ctx.next, level: n }))
      ctx.emit({
        ...subject,
        kind: 'level_check_changed',
        path: `${at(i)}/rule`,
        before: old.rule.source,
        after: check.rule.source,
      });
    if (!sameJson(old.message, check.message) || !sameJson(old.fields, check.fields))
      ctx.emit({
        ...subject,
        kind: 'level_check_message_changed',
        path: at(i),
        before: { message: old.message, fields: old.fields },
        after: { message: check.message, fields: check.fields },
      });
  }
}
