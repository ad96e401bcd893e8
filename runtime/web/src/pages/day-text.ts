/**
 * A calendar day typed as the app's language writes it, not as the browser's locale would: a native
 * date input follows the browser's language (a French page on an English browser shows mm/dd/yyyy),
 * so date filters are text boxes in day/month/year order, French and British English alike
 * (format.ts LOCALE), that also take the API's ISO form. Pure, for the filter and its tests.
 */
import type { Lang } from '../i18n.tsx';

/** What the box shows while empty: the order of the parts, in the reader's words. */
export const DAY_PLACEHOLDER = { fr: 'jj/mm/aaaa', en: 'dd/mm/yyyy' } as const satisfies Record<Lang, string>;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TYPED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The ISO day of a typed text (31/12/2026, 31.12.2026, 2026-12-31); '' when empty; null when not a real day. */
export function parseDay(text: string): string | null {
  const typed = text.trim();
  if (typed === '') return '';
  const iso = ISO.exec(typed);
  const dmy = TYPED.exec(typed);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!Number.isInteger(year) || year < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over to March: not a day of the calendar.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** An ISO day as the box shows it: 2026-12-31 → 31/12/2026 (anything else is shown as it is). */
export function showDay(iso: string | undefined): string {
  const parts = ISO.exec(iso ?? '');
  return parts ? `${pad(Number(parts[3]))}/${pad(Number(parts[2]))}/${parts[1]}` : (iso ?? '');
}
