/**
 * The protocol's outline: its settings, vocabularies and occurrence mapping, then the levels as a tree
 * (children under their first parent) with buttons to reorder and remove them, and a form to add one.
 */
import { useContext, useId, useState } from 'react';
import type { Json } from '../api.ts';
import { LangContext } from '../i18n.tsx';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { LEVEL_TYPE_LABELS, LEVEL_TYPES, type LevelType } from './field-kinds.ts';
import { asLabels } from './inputs.tsx';
import { levelSelection, type Selection } from './selection.ts';
import { addLevel, levelsOf, moveLevel, removeLevel } from './spec-model.ts';

/** Each level with its depth: a child is shown under its first parent, in spec order. */
export function levelOutline(levels: readonly Json[]): { index: number; depth: number }[] {
  const byKey = new Map(levels.map((l, i) => [l.key, i]));
  const depth = (i: number, seen: Set<number>): number => {
    const parent = (levels[i]?.parents as unknown[] | undefined)?.[0];
    const p = byKey.get(parent);
    if (p === undefined || seen.has(p)) return 0;
    seen.add(p);
    return 1 + depth(p, seen);
  };
  return levels.map((_, index) => ({ index, depth: depth(index, new Set([index])) }));
}

export function LevelTree() {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const { spec, edit, selection, select, diagnostics } = useEditor();
  const levels = levelsOf(spec);
  const [type, setType] = useState<LevelType>(levels.length === 0 ? 'site' : 'visit');
  const typeId = useId();
  const tab = (target: Selection, text: string, prefix: string) => {
    const errors = diagnostics.filter((d) => d.severity === 'error' && d.path.startsWith(prefix)).length;
    return (
      <li>
        <button
          type="button"
          className="b-pick"
          aria-current={selection.tab === target.tab}
          onClick={() => select(target)}
        >
          {text}
          {errors > 0 ? <span className="b-badge">{errors}</span> : null}
        </button>
      </li>
    );
  };
  return (
    <nav className="b-tree" aria-label={b('levels')}>
      <ul>
        {tab({ tab: 'protocol' }, b('settings'), '/taxonomy')}
        {tab({ tab: 'vocabularies' }, b('vocabularies'), '/vocabularies')}
        {tab({ tab: 'occurrence' }, b('occurrence'), '/occurrence')}
      </ul>
      <h3>{b('levels')}</h3>
      <ul>
        {levelOutline(levels).map(({ index, depth }) => {
          const level = levels[index] as Json;
          const labels = asLabels(level.label);
          const current = selection.tab === 'level' && selection.level === index;
          const errors = diagnostics.filter(
            (d) => d.severity === 'error' && d.path.startsWith(`/levels/${index}/`),
          ).length;
          return (
            <li
              key={String(level.id ?? index)}
              style={{ marginInlineStart: `${depth * 1.1}rem` }}
              className={current ? 'selected' : undefined}
            >
              <button
                type="button"
                className="b-pick"
                aria-current={current}
                onClick={() => select(levelSelection(index))}
              >
                {(lang === 'en' ? labels.en : undefined) || labels.fr || String(level.key)}{' '}
                <code>{String(level.key)}</code>
                {errors > 0 ? <span className="b-badge">{errors}</span> : null}
              </button>
              <span className="b-tools">
                <button
                  type="button"
                  aria-label={`${b('moveUp')} ${String(level.key)}`}
                  disabled={index === 0}
                  onClick={() => edit(moveLevel(spec, index, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`${b('moveDown')} ${String(level.key)}`}
                  disabled={index === levels.length - 1}
                  onClick={() => edit(moveLevel(spec, index, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`${b('remove')} ${String(level.key)}`}
                  onClick={() => {
                    edit(removeLevel(spec, index));
                    select({ tab: 'protocol' });
                  }}
                >
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <form
        className="b-add"
        onSubmit={(e) => {
          e.preventDefault();
          const added = addLevel(spec, type);
          edit(added.spec);
          select(levelSelection(added.index));
        }}
      >
        <label htmlFor={typeId}>{b('levelType')}</label>
        <select
          id={typeId}
          name="new_level_type"
          value={type}
          onChange={(e) => setType(e.target.value as LevelType)}
        >
          {LEVEL_TYPES.map((t) => (
            <option key={t} value={t}>
              {LEVEL_TYPE_LABELS[t][lang]}
            </option>
          ))}
        </select>
        <button type="submit">{b('addLevel')}</button>
      </form>
    </nav>
  );
}
