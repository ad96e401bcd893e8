/** The list under an autocomplete box: one button per suggestion, picked on mouse down (before blur). */
export interface Suggestion {
  readonly key: string;
  readonly label: string;
}

export function SuggestionList<S extends Suggestion>(props: {
  readonly items: readonly S[];
  readonly onPick: (item: S) => void;
  readonly active?: number;
  readonly id?: string;
}) {
  if (props.items.length === 0) return null;
  return (
    <ul className="suggestions" id={props.id}>
      {props.items.map((item, i) => (
        <li key={item.key}>
          <button
            type="button"
            className={i === props.active ? 'active' : ''}
            aria-current={i === props.active}
            onMouseDown={() => props.onPick(item)}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
