/**
 * Forms of a level, fetched once per page load and shared by every component that asks, in the
 * reader's language (localise-forms.ts).
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type LevelForms } from '../api.ts';
import { useT } from '../i18n.tsx';
import { localiseForms } from '../localise-forms.ts';

const cache = new Map<string, Promise<LevelForms>>();

export function loadForms(module: string, level: string): Promise<LevelForms> {
  const key = `${module}/${level}`;
  let found = cache.get(key);
  if (!found) {
    found = api.get<LevelForms>(
      `/api/modules/${encodeURIComponent(module)}/forms/${encodeURIComponent(level)}`,
    );
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

export function useForms(module: string, level: string): LevelForms | null {
  const { lang } = useT();
  const [forms, setForms] = useState<LevelForms | null>(null);
  useEffect(() => {
    let live = true;
    setForms(null);
    loadForms(module, level).then((f) => live && setForms(f));
    return () => {
      live = false;
    };
  }, [module, level]);
  return useMemo(() => (forms ? localiseForms(forms, lang) : null), [forms, lang]);
}
