/**
 * Labels of the records that reference fields point at, fetched once each (GET …/<level>/<id>) with
 * their level's forms, kept in reference-names.ts for formatValue.
 */
import { api, type Json, levelUrl } from './api.ts';
import { loadForms } from './pages/use-forms.ts';
import { recordLabel } from './record-label.ts';
import { recordAsked, rememberRecord } from './reference-names.ts';

export /** Labels of records of `module` by level; true when something new was asked. */
async function loadRecords(module: string, wanted: ReadonlyMap<string, readonly string[]>): Promise<boolean> {
  const asked = await Promise.all(
    [...wanted].map(async ([level, ids]) => {
      const missing = [...new Set(ids)].filter((id) => !recordAsked(id));
      if (missing.length === 0) return false;
      for (const id of missing) rememberRecord(id, null);
      const forms = await loadForms(module, level).catch(() => null);
      if (!forms) return false;
      await Promise.all(
        missing.map((id) =>
          api.get<Json>(`${levelUrl(module, level)}/${encodeURIComponent(id)}`).then(
            (r) => rememberRecord(id, recordLabel(r, forms) || null),
            () => undefined,
          ),
        ),
      );
      return true;
    }),
  );
  return asked.some(Boolean);
}
