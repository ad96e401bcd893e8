/** The access predicate of each scope, and the refusals, without a database. */
import { describe, expect, it } from 'vitest';
import { compileFragment } from '../../test/helpers/sql-fragment.ts';
import { isHttpError } from '../http/errors.ts';
import type { Actor } from '../records/access.ts';
import { accessFor, type Grants, type PermissionScope, scopeFor } from './permissions.ts';

const USER = 'de300000-0000-4000-8000-000000000012';
const ORG = 'de300000-0000-4000-8000-000000000001';
const actor: Actor = { userId: USER, organisationId: ORG, isAdmin: false };

function where(grants: Grants, action: 'read' | 'update' | 'delete' | 'export', who = actor) {
  const predicate = accessFor(who, grants).where({
    module: 'amphibiens_mares',
    level: 'site',
    action,
    alias: 'r',
  });
  return compileFragment(predicate) ?? { sql: undefined, values: [] };
}

const status = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return isHttpError(error) ? error.status : 'not an HttpError';
  }
  return 'no error';
};

describe('access scopes', () => {
  it('turns own and organisation scopes into bound predicates, all into none', () => {
    const grants = new Map<string, PermissionScope>([
      ['*:R', 'organisation'],
      ['amphibiens_mares:U', 'own'],
      ['*:D', 'all'],
    ]);
    expect(where(grants, 'read')).toEqual({ sql: '"r"."organisation_id" = $1::uuid', values: [ORG] });
    expect(where(grants, 'update')).toEqual({ sql: '"r"."created_by" = $1::uuid', values: [USER] });
    expect(where(grants, 'delete')).toEqual({ sql: undefined, values: [] });
  });

  it('takes the widest of a module grant and an every-module grant', () => {
    const grants = new Map<string, PermissionScope>([
      ['*:R', 'own'],
      ['amphibiens_mares:R', 'all'],
      ['chiro_gites:R', 'organisation'],
    ]);
    expect(scopeFor(actor, grants, 'amphibiens_mares', 'read')).toBe('all');
    expect(scopeFor(actor, grants, 'chiro_gites', 'read')).toBe('organisation');
    expect(scopeFor(actor, grants, 'flore_quadrats', 'read')).toBe('own');
  });

  it('gives an account without an organisation no organisation records', () => {
    const grants = new Map<string, PermissionScope>([['*:R', 'organisation']]);
    expect(where(grants, 'read', { ...actor, organisationId: null }).sql).toBe('FALSE');
  });

  it('lets an administrator do everything, refuses nobody (401) and the ungranted (403)', () => {
    expect(where(new Map(), 'export', { ...actor, isAdmin: true }).sql).toBeUndefined();
    expect(
      status(() => where(new Map(), 'read', { userId: null, organisationId: null, isAdmin: false })),
    ).toBe(401);
    expect(status(() => where(new Map([['*:R', 'all']]), 'export'))).toBe(403);
  });
});
