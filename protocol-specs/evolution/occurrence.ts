/**
 * The SINP occurrence mapping: each attribute and nomenclature compared by what it points at (levels and
 * fields by id, rules by identity). Only the generated views read it: always metadata.
 */
import { pointer } from '../diagnostics.ts';
import type { MappingSource, ResolvedOccurrence } from '../resolved.ts';
import type { DiffContext } from './diff-context.ts';
import { fieldIdOf, levelIdOf, type ProtocolIndex } from './protocol-index.ts';
import { ruleIdentity } from './rule-identity.ts';

export function diffOccurrence(ctx: DiffContext): void {
  const [p, n] = [ctx.previous.protocol.occurrence, ctx.next.protocol.occurrence];
  if (p === undefined && n === undefined) return;
  const emit = (property: string, path: string, before: unknown, after: unknown) =>
    ctx.emit({ kind: 'occurrence_mapping_changed', property, path, before, after });
  if (
    p === undefined ||
    n === undefined ||
    levelIdOf(ctx.previous, p.level) !== levelIdOf(ctx.next, n.level)
  ) {
    emit('level', '/occurrence', p?.level, n?.level);
    if (p === undefined || n === undefined) return;
  }
  const compare = (entries: Readonly<Record<string, MappingSource>>[], path: (name: string) => string) => {
    const [before, after] = entries as [
      Readonly<Record<string, MappingSource>>,
      Readonly<Record<string, MappingSource>>,
    ];
    const names = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    for (const name of names) {
      if (identity(ctx.previous, p, before[name]) !== identity(ctx.next, n, after[name]))
        emit(name, path(name), shown(before[name]), shown(after[name]));
    }
  };
  compare([p.attributes, n.attributes], (name) => pointer('occurrence', name));
  compare([p.nomenclatures, n.nomenclatures], (name) => pointer('occurrence', 'nomenclatures', name));
}

function identity(
  index: ProtocolIndex,
  occurrence: ResolvedOccurrence,
  source: MappingSource | undefined,
): string {
  if (source === undefined) return '';
  const level = index.levelByKey.get(occurrence.level);
  switch (source.kind) {
    case 'field':
      return `field:${levelIdOf(index, source.level)}:${fieldIdOf(index.levelByKey.get(source.level), source.field)}`;
    case 'geometry':
      return `geometry:${levelIdOf(index, source.level)}`;
    case 'rule':
      return level ? `rule:${ruleIdentity(source.rule, { index, level })}` : `rule:${source.rule.source}`;
    case 'value':
      return `value:${JSON.stringify(source.value)}`;
    case 'code':
      return `code:${source.code}`;
  }
}

function shown(source: MappingSource | undefined): unknown {
  if (source === undefined) return undefined;
  switch (source.kind) {
    case 'field':
      return `${source.level}.${source.field}`;
    case 'geometry':
      return `${source.level}.geometry`;
    case 'rule':
      return { rule: source.rule.source };
    case 'value':
      return { value: source.value };
    case 'code':
      return { code: source.code };
  }
}
