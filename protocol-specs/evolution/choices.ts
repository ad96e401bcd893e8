/**
 * A choice field's values, paired by value: a new one is additive, a removed one data-dependent (rows
 * holding it must be mapped or flagged), a new label or order only changes the form.
 */
import { pointer } from '../diagnostics.ts';
import type { ChoiceField } from '../resolved.ts';
import type { FieldSubject } from './constraints.ts';
import type { DiffContext } from './diff-context.ts';
import { movedItems } from './moved.ts';
import { sameJson } from './stable-json.ts';

export function compareChoices(
  ctx: DiffContext,
  subject: FieldSubject,
  p: ChoiceField,
  n: ChoiceField,
): void {
  const before = new Map(p.choices.map((c, i) => [c.value, { choice: c, i }]));
  const after = new Set(n.choices.map((c) => c.value));
  n.choices.forEach((choice, i) => {
    const path = `${n.sourcePath}${pointer('choices', i)}`;
    const old = before.get(choice.value);
    if (!old)
      ctx.emit({ ...subject, kind: 'choice_value_added', value: choice.value, path, after: choice.label });
    else if (!sameJson(old.choice.label, choice.label))
      ctx.emit({
        ...subject,
        kind: 'choice_label_changed',
        value: choice.value,
        path,
        before: old.choice.label,
        after: choice.label,
      });
  });
  p.choices.forEach((choice, i) => {
    if (!after.has(choice.value))
      ctx.emit({
        ...subject,
        kind: 'choice_value_removed',
        value: choice.value,
        path: `${p.sourcePath}${pointer('choices', i)}`,
        before: choice.label,
      });
  });
  const values = (f: ChoiceField) => f.choices.map((c) => c.value);
  if (movedItems(values(p), values(n)).size > 0)
    ctx.emit({
      ...subject,
      kind: 'field_choices_reordered',
      path: `${n.sourcePath}/choices`,
      before: values(p),
      after: values(n),
    });
}
