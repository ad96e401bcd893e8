/** One field's source in the columns step: a column, a fixed value, or (geometry) X/Y, WKT, GeoJSON or the features'. */
import type { FieldMapping, ImportableField } from './import-api.ts';
import { useImportT } from './import-i18n.ts';
import { columnOf } from './template-edit.ts';

const CONSTANT = '\u0000constant';

/** A typed constant from the text typed (numbers for numeric kinds, booleans, lists for multiple fields). */
function constantOf(field: ImportableField, text: string): FieldMapping {
  if (field.kind === 'integer' || field.kind === 'decimal' || field.kind === 'taxon') {
    const n = Number(text.replace(',', '.'));
    return { constant: text.trim() !== '' && Number.isFinite(n) ? n : text };
  }
  if (field.kind === 'boolean') return { constant: text === 'true' };
  if (field.multiple)
    return {
      constant: text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  return { constant: text };
}

const constantText = (m: FieldMapping): string =>
  'constant' in m ? (Array.isArray(m.constant) ? m.constant.join(', ') : String(m.constant ?? '')) : '';

function ColumnSelect(props: {
  id: string;
  label: string;
  columns: readonly string[];
  value: string;
  onChange(v: string): void;
  constant?: boolean;
}) {
  const t = useImportT();
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{t('none')}</option>
      {props.columns.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
      {props.constant ? <option value={CONSTANT}>{t('constant')}</option> : null}
    </select>
  );
}

export function FieldControl(props: {
  id: string;
  label: string;
  field: ImportableField;
  mapping: FieldMapping | undefined;
  columns: readonly string[];
  geojsonFile: boolean;
  /** The provider's texts → codes suggested for a column's values (coded and yes/no fields). */
  valuesFor?: (column: string) => Readonly<Record<string, string>> | undefined;
  onChange(mapping: FieldMapping | undefined): void;
}) {
  const t = useImportT();
  const { field, mapping, columns, onChange } = props;
  if (field.kind === 'geometry') {
    const kind = !mapping
      ? ''
      : 'x_column' in mapping
        ? 'xy'
        : 'wkt_column' in mapping
          ? 'wkt'
          : 'geojson_column' in mapping
            ? 'geojson'
            : 'feature';
    const srid = mapping && 'srid' in mapping ? mapping.srid : 4326;
    const first = columns[0] ?? '';
    return (
      <div className="geometry-control">
        <select
          id={props.id}
          aria-label={`${props.label} — ${t('geometryFrom')}`}
          value={kind}
          onChange={(e) => {
            const v = e.target.value;
            onChange(
              v === 'xy'
                ? { x_column: first, y_column: columns[1] ?? first, srid }
                : v === 'wkt'
                  ? { wkt_column: first, srid }
                  : v === 'geojson'
                    ? { geojson_column: first }
                    : v === 'feature'
                      ? { feature_geometry: true }
                      : undefined,
            );
          }}
        >
          <option value="">{t('none')}</option>
          <option value="xy">X / Y</option>
          <option value="wkt">WKT</option>
          <option value="geojson">GeoJSON</option>
          {props.geojsonFile ? <option value="feature">{t('featureGeometry')}</option> : null}
        </select>
        {mapping && 'x_column' in mapping ? (
          <>
            <ColumnSelect
              id={`${props.id}-x`}
              label={t('xColumn')}
              columns={columns}
              value={mapping.x_column}
              onChange={(x) => onChange({ ...mapping, x_column: x })}
            />
            <ColumnSelect
              id={`${props.id}-y`}
              label={t('yColumn')}
              columns={columns}
              value={mapping.y_column}
              onChange={(y) => onChange({ ...mapping, y_column: y })}
            />
          </>
        ) : null}
        {mapping && 'wkt_column' in mapping ? (
          <ColumnSelect
            id={`${props.id}-wkt`}
            label={t('wktColumn')}
            columns={columns}
            value={mapping.wkt_column}
            onChange={(w) => onChange({ ...mapping, wkt_column: w })}
          />
        ) : null}
        {mapping && 'geojson_column' in mapping ? (
          <ColumnSelect
            id={`${props.id}-gj`}
            label={t('geojsonColumn')}
            columns={columns}
            value={mapping.geojson_column}
            onChange={(g) => onChange({ geojson_column: g })}
          />
        ) : null}
      </div>
    );
  }
  const isConstant = !!mapping && 'constant' in mapping;
  return (
    <div className="column-control">
      <ColumnSelect
        id={props.id}
        label={props.label}
        columns={columns}
        constant
        value={isConstant ? CONSTANT : (columnOf(mapping) ?? '')}
        onChange={(v) => {
          if (v === '') onChange(undefined);
          else if (v === CONSTANT) onChange(constantOf(field, field.codes?.[0]?.code ?? ''));
          else if (field.kind === 'taxon')
            onChange({ taxon_column: v, by: mapping && 'by' in mapping ? mapping.by : 'auto' });
          else {
            // A newly chosen column gets the codes suggested for its values; the same column keeps its map.
            const kept = mapping && 'column' in mapping && mapping.column === v ? mapping.values : undefined;
            const values = kept ?? props.valuesFor?.(v);
            onChange({ column: v, ...(values ? { values } : {}) });
          }
        }}
      />
      {isConstant && mapping ? (
        field.codes && !field.multiple ? (
          <select
            aria-label={`${props.label} — ${t('constantValue')}`}
            value={constantText(mapping)}
            onChange={(e) => onChange({ constant: e.target.value })}
          >
            {field.codes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.label.fr}
              </option>
            ))}
          </select>
        ) : (
          <input
            aria-label={`${props.label} — ${t('constantValue')}`}
            value={constantText(mapping)}
            onChange={(e) => onChange(constantOf(field, e.target.value))}
          />
        )
      ) : null}
    </div>
  );
}
