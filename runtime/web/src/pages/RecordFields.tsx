/**
 * The fields of a stored record, read-only: one line per field with a value; a repeatable group as a
 * small table (one row per entry, its fields as columns); media as links to the files; numbers with the
 * unit their uiSchema names.
 */
import type { Json, LevelForms } from '../api.ts';
import { formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';

type Property = Json & { items?: Json & { properties?: Record<string, Json> } };

const isMedia = (p: Property) => Boolean(p.items?.properties?.storage_key);
const isGroup = (p: Property) =>
  p.type === 'array' && p.items?.type === 'object' && !isMedia(p) && !p.items.properties?.user_id;

function withUnit(text: string, ui: Json | undefined): string {
  const unit = (ui?.['ui:options'] as Json | undefined)?.unit;
  return text !== '' && typeof unit === 'string' ? `${text} ${unit}` : text;
}

function GroupTable(props: { rows: readonly Json[]; property: Property; ui: Json | undefined }) {
  const { lang } = useT();
  const itemSchema = props.property.items as Json & { properties: Record<string, Json> };
  const itemUi = (props.ui?.items as Json | undefined) ?? {};
  const order = (itemUi['ui:order'] as string[] | undefined) ?? Object.keys(itemSchema.properties);
  const keys = order.filter((k) => k in itemSchema.properties);
  return (
    // A wide group scrolls inside its box: the page itself never scrolls sideways on a phone.
    <div className="scroll-x">
      <table className="group-rows">
        <thead>
          <tr>
            {keys.map((k) => (
              <th key={k}>{String(itemSchema.properties[k]?.title ?? k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            // Group rows have no identity of their own beyond their rank.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are shown in their stored order, never reordered here
            <tr key={i}>
              {keys.map((k) => (
                <td key={k}>
                  {withUnit(formatValue(k, row[k], itemSchema, itemUi, lang), itemUi[k] as Json | undefined)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MediaList(props: { items: readonly Json[] }) {
  return (
    <ul className="media-list">
      {props.items.map((m) => {
        const name = String(m.title ?? m.file_name ?? m.storage_key);
        return (
          <li key={String(m.storage_key)}>
            {typeof m.url === 'string' ? (
              <a href={m.url} target="_blank" rel="noreferrer">
                {name}
              </a>
            ) : (
              name
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function RecordFields(props: { record: Json; forms: LevelForms }) {
  const { label, lang } = useT();
  const { record, forms } = props;
  const properties = (forms.schema.properties ?? {}) as Record<string, Property>;
  const shown = Object.entries(properties).filter(([key]) => {
    const value = record[key];
    return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
  });
  return (
    <dl className="fields">
      {shown.map(([key, property]) => {
        const value = record[key];
        const ui = forms.ui[key] as Json | undefined;
        return (
          <div key={key}>
            <dt>{forms.labels?.[key] ? label(forms.labels[key]) : String(property.title ?? key)}</dt>
            <dd>
              {Array.isArray(value) && isGroup(property) ? (
                <GroupTable rows={value as Json[]} property={property} ui={ui} />
              ) : Array.isArray(value) && isMedia(property) ? (
                <MediaList items={value as Json[]} />
              ) : (
                withUnit(formatValue(key, value, forms.schema, forms.ui, lang), ui)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
