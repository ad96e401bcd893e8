/**
 * The buttons of repeatable groups (add, remove, move, copy): RJSF's default ones draw glyphs of an
 * icon font the app does not load, so they showed blank. These draw inline SVG (add shows its words
 * too), and RJSF's strings (tooltips, aria-labels, "Item" titles) are translated (`translateString`).
 */
import { englishStringTranslator, type IconButtonProps, TranslatableString } from '@rjsf/utils';
import type { Lang } from '../i18n.tsx';

const PATHS = {
  plus: 'M8 3v10M3 8h10',
  remove: 'M4 4l8 8M12 4l-8 8',
  up: 'M8 13V3M4 7l4-4 4 4',
  down: 'M8 3v10M4 9l4 4 4-4',
  copy: 'M5 5h8v8H5zM3 11V3h8',
} as const;

function Icon(props: { name: keyof typeof PATHS }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" className="icon">
      <path d={PATHS[props.name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

type ButtonLook = { icon: keyof typeof PATHS; text: TranslatableString; kind: string; withText?: boolean };

function ArrayButton(props: IconButtonProps & { look: ButtonLook }) {
  const { id, onClick, disabled, registry, style, look } = props;
  const title = registry.translateString(look.text);
  return (
    <button
      type="button"
      id={id}
      className={`array-button ${look.kind}`}
      title={title}
      aria-label={title}
      onClick={onClick}
      disabled={disabled}
      style={style}
    >
      <Icon name={look.icon} />
      {look.withText ? <span>{title}</span> : null}
    </button>
  );
}

const LOOKS = {
  AddButton: { icon: 'plus', text: TranslatableString.AddItemButton, kind: 'add', withText: true },
  RemoveButton: { icon: 'remove', text: TranslatableString.RemoveButton, kind: 'danger' },
  MoveUpButton: { icon: 'up', text: TranslatableString.MoveUpButton, kind: '' },
  MoveDownButton: { icon: 'down', text: TranslatableString.MoveDownButton, kind: '' },
  CopyButton: { icon: 'copy', text: TranslatableString.CopyButton, kind: '' },
  ClearButton: { icon: 'remove', text: TranslatableString.ClearButton, kind: '' },
} as const satisfies Record<string, ButtonLook>;

export const ARRAY_BUTTONS = {
  AddButton: (p: IconButtonProps) => <ArrayButton {...p} look={LOOKS.AddButton} />,
  RemoveButton: (p: IconButtonProps) => <ArrayButton {...p} look={LOOKS.RemoveButton} />,
  MoveUpButton: (p: IconButtonProps) => <ArrayButton {...p} look={LOOKS.MoveUpButton} />,
  MoveDownButton: (p: IconButtonProps) => <ArrayButton {...p} look={LOOKS.MoveDownButton} />,
  CopyButton: (p: IconButtonProps) => <ArrayButton {...p} look={LOOKS.CopyButton} />,
  ClearButton: (p: IconButtonProps) => <ArrayButton {...p} look={LOOKS.ClearButton} />,
};

/** French for the strings the app's forms show; RJSF's English otherwise. */
const FRENCH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Ligne',
  [TranslatableString.EmptyArray]: 'Aucune ligne pour l’instant : ajoutez-en avec le bouton ci-dessous.',
  [TranslatableString.YesLabel]: 'Oui',
  [TranslatableString.NoLabel]: 'Non',
  [TranslatableString.CloseLabel]: 'Fermer',
  [TranslatableString.ErrorsLabel]: 'Erreurs',
  [TranslatableString.AddButton]: 'Ajouter',
  [TranslatableString.AddItemButton]: 'Ajouter une ligne',
  [TranslatableString.CopyButton]: 'Copier la ligne',
  [TranslatableString.MoveDownButton]: 'Descendre la ligne',
  [TranslatableString.MoveUpButton]: 'Monter la ligne',
  [TranslatableString.RemoveButton]: 'Retirer la ligne',
  [TranslatableString.ClearButton]: 'Effacer',
  [TranslatableString.NowLabel]: 'Maintenant',
  [TranslatableString.ClearLabel]: 'Effacer',
  [TranslatableString.AriaDateLabel]: 'Choisir une date',
};

const ENGLISH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Row',
  [TranslatableString.AddItemButton]: 'Add a row',
  [TranslatableString.CopyButton]: 'Copy the row',
  [TranslatableString.MoveDownButton]: 'Move the row down',
  [TranslatableString.MoveUpButton]: 'Move the row up',
  [TranslatableString.RemoveButton]: 'Remove the row',
};

export function translatorFor(lang: Lang) {
  const table = lang === 'fr' ? FRENCH : ENGLISH;
  return (text: TranslatableString, params?: string[]) => {
    const own = table[text];
    return own ?? englishStringTranslator(text, params);
  };
}
