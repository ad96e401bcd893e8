/** Each page names itself in the browser's title (tabs, history, screen readers): `Passage 2 — Amphibiens — Suivi`. */
import { useEffect } from 'react';

export function usePageTitle(...parts: readonly (string | undefined | null | false)[]): void {
  const title = [...parts.filter((p): p is string => typeof p === 'string' && p !== ''), 'Suivi'].join(' — ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
