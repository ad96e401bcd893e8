/**
 * A table's taxon filter: a name box with the module's taxa suggested. A picked suggestion filters on
 * its code (`cd_nom=`); text typed and not picked filters on the names (`cd_nom[name]=`, the scientific
 * or vernacular name holding it, matched by the server), so what the box shows is always what applies.
 * Both live in the URL with the table's other filters.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n.tsx';
import { knownTaxon, loadNames, searchTaxa, type TaxonName, taxonLabel } from '../reference-names.ts';

const DEBOUNCE_MS = 400;

export const taxonNameParam = (column: string) => `${column}[name]`;

export interface TaxonFilterProps {
  readonly module: string;
  readonly column: string;
  readonly title: string;
  /** The table's filter parameters. */
  readonly values: Readonly<Record<string, string>>;
  readonly onChange: (param: string, value: string) => void;
}

export function TaxonFilter(props: TaxonFilterProps) {
  const { t } = useT();
  const { column, values, onChange } = props;
  const [found, setFound] = useState<TaxonName[]>([]);
  const code = values[column];
  const [text, setText] = useState(() => {
    const known = code ? knownTaxon(Number(code)) : undefined;
    return known ? taxonLabel(known) : (values[taxonNameParam(column)] ?? code ?? '');
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // A code from the URL shows its name once the name is known.
  useEffect(() => {
    if (!code || !/^\d+$/.test(code)) return;
    void loadNames([Number(code)], []).then(() => {
      const known = knownTaxon(Number(code));
      if (known) setText(taxonLabel(known));
    });
  }, [code]);
  const listId = `filter-${column}-taxa`;
  const apply = (param: string, value: string) => {
    onChange(param === column ? taxonNameParam(column) : column, '');
    onChange(param, value);
  };
  return (
    <>
      <input
        value={text}
        aria-label={`${t('filter')} ${props.title}`}
        placeholder={t('filter')}
        list={listId}
        data-testid={`filter-${column}`}
        onChange={(e) => {
          const typed = e.target.value;
          setText(typed);
          clearTimeout(timer.current);
          const q = typed.trim();
          const picked = found.find((x) => taxonLabel(x) === q);
          if (picked) return apply(column, String(picked.cd_nom));
          timer.current = setTimeout(() => apply(taxonNameParam(column), q), DEBOUNCE_MS);
          if (q.length < 2) return setFound([]);
          void searchTaxa(q, props.module, 10).then((taxa) => setFound(taxa ?? []));
        }}
      />
      <datalist id={listId}>
        {found.map((x) => (
          <option key={x.cd_nom} value={taxonLabel(x)} />
        ))}
      </datalist>
    </>
  );
}
