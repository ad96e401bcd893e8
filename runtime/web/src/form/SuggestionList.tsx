/**
 * The list under an autocomplete box, as a WAI-ARIA combobox's listbox: options with ids, the
 * highlighted one `aria-selected` and named by the box's `aria-activedescendant` (screen readers
 * announce it), picked on mouse down (before the box's blur) or with Enter. Nothing is highlighted
 * until ↓ or ↑: ↓ then Enter picks the first suggestion.
 */
import type { KeyboardEvent } from 'react';

export interface Suggestion {
  readonly key: string;
  readonly label: string;
}

export const optionId = (listId: string, i: number) => `${listId}-option-${i}`;

export function SuggestionList<S extends Suggestion>(props: {
  readonly items: readonly S[];
  readonly onPick: (item: S) => void;
  /** The highlighted option's index, -1 for none. */
  readonly active?: number;
  readonly id: string;
  /** The listbox's name (what is being searched). */
  readonly label: string;
}) {
  if (props.items.length === 0) return null;
  return (
    <div className="suggestions" id={props.id} role="listbox" aria-label={props.label}>
      {props.items.map((item, i) => (
        <div
          key={item.key}
          id={optionId(props.id, i)}
          role="option"
          tabIndex={-1}
          aria-selected={i === props.active}
          className={i === props.active ? 'active' : ''}
          onMouseDown={(e) => {
            e.preventDefault();
            props.onPick(item);
          }}
        >
          {item.label}
        </div>
      ))}
    </div>
  );
}

/** The input's props that tie it to its listbox. */
export function comboboxProps(listId: string, open: boolean, active: number) {
  return {
    role: 'combobox',
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    ...(open && active >= 0 ? { 'aria-activedescendant': optionId(listId, active) } : {}),
  } as const;
}

/**
 * ↓ ↑ move the highlight (from none: ↓ the first, ↑ the last), Enter picks the highlighted option;
 * true when the key was handled.
 */
export function listKeys<S>(
  event: KeyboardEvent,
  items: readonly S[],
  active: number,
  setActive: (i: number) => void,
  pick: (item: S) => void,
): boolean {
  if (items.length === 0) return false;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const down = event.key === 'ArrowDown';
    if (active < 0) setActive(down ? 0 : items.length - 1);
    else setActive((active + (down ? 1 : -1) + items.length) % items.length);
    return true;
  }
  const item = items[active];
  if (event.key === 'Enter' && item !== undefined) {
    event.preventDefault();
    pick(item);
    return true;
  }
  return false;
}
