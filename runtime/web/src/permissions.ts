/**
 * What the signed-in account may do, read from the grants /api/auth/me sends (`permissions`: per module
 * or '*', per CRUVED letter, the widest scope), to show only the actions that will work. The server
 * decides every request anyway: this only spares the user buttons that would answer 403.
 */
import type { Json } from './api.ts';
import type { Account } from './auth.tsx';

/** GeoNature's letters, as the grants store them (runtime/auth/permissions.ts). */
export const ACTIONS = {
  create: 'C',
  read: 'R',
  update: 'U',
  validate: 'V',
  export: 'E',
  delete: 'D',
} as const;
export type Action = keyof typeof ACTIONS;

type Scope = 'own' | 'organisation' | 'all';
const WIDTH: Readonly<Record<Scope, number>> = { own: 1, organisation: 2, all: 3 };
const isScope = (s: unknown): s is Scope => s === 'own' || s === 'organisation' || s === 'all';

/** The widest scope of `action` on `module` (its own grant or one for every module), if any. */
export function scopeOf(account: Account | null, module: string, action: Action): Scope | undefined {
  if (!account) return undefined;
  if (account.is_admin) return 'all';
  const letter = ACTIONS[action];
  const found = [account.permissions?.[module]?.[letter], account.permissions?.['*']?.[letter]].filter(
    isScope,
  );
  return found.sort((a, b) => WIDTH[b] - WIDTH[a])[0];
}

/**
 * Whether the account may do `action` on `module`, and on `record` when one is given (its scope must
 * reach the record: everyone's, the organisation's, or the account's own).
 */
export function may(account: Account | null, module: string, action: Action, record?: Json): boolean {
  const scope = scopeOf(account, module, action);
  if (!scope) return false;
  if (!record || scope === 'all') return true;
  if (scope === 'organisation') return record.organisation_id === account?.organisation?.id;
  return record.created_by === account?.id;
}
