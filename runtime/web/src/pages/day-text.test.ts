/** Date filters typed in the app's order (day-text.ts): parsed to ISO, refused when not a real day. */
import { describe, expect, it } from 'vitest';
import { parseDay, showDay } from './day-text.ts';

describe('a day typed in a date filter', () => {
  it('reads day/month/year and ISO, and shows ISO as day/month/year', () => {
    expect(parseDay('01/05/2026')).toBe('2026-05-01');
    expect(parseDay(' 1/5/2026 ')).toBe('2026-05-01');
    expect(parseDay('31.12.2026')).toBe('2026-12-31');
    expect(parseDay('2026-12-31')).toBe('2026-12-31');
    expect(parseDay('')).toBe('');
    expect(showDay('2026-05-01')).toBe('01/05/2026');
    expect(showDay(undefined)).toBe('');
    expect(parseDay(showDay('2024-02-29'))).toBe('2024-02-29');
  });

  it('refuses what is not a day of the calendar', () => {
    for (const text of [
      '31/02/2026',
      '29/02/2025',
      '00/01/2026',
      '12/13/2026',
      '05/2026',
      'demain',
      '1/1/26',
    ])
      expect(parseDay(text), text).toBeNull();
  });
});
