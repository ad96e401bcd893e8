/**
 * One name per action: every route operation needs one action (ROUTE_ACTIONS, exhaustive by type),
 * each action has one CRUVED letter in the grants, and a request decides each action's scope once.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, ROUTE_ACTIONS, ROUTE_OPERATIONS } from '../../generators/model/index.ts';
import { compileFragment } from '../../test/helpers/sql-fragment.ts';
import { isHttpError } from '../http/errors.ts';
import { ACTION_LETTERS, accessFor, PERMISSION_ACTIONS, type PermissionScope } from './permissions.ts';

const actor = { userId: 'de300000-0000-4000-8000-000000000012', organisationId: null, isAdmin: false };

describe('actions', () => {
  it('give every route operation the action it needs, the reads as read and the CSV as export', () => {
    expect(Object.keys(ROUTE_ACTIONS).sort()).toEqual([...ROUTE_OPERATIONS].sort());
    expect(ROUTE_ACTIONS).toMatchObject({
      geojson: 'read',
      csv: 'export',
      remove: 'delete',
      validate: 'validate',
    });
    for (const action of Object.values(ROUTE_ACTIONS)) expect(ACTIONS).toContain(action);
  });

  it('are stored as distinct CRUVED letters, the ones the administration API accepts', () => {
    expect(Object.keys(ACTION_LETTERS).sort()).toEqual([...ACTIONS].sort());
    expect(new Set(Object.values(ACTION_LETTERS)).size).toBe(ACTIONS.length);
    expect([...PERMISSION_ACTIONS].sort()).toEqual(['C', 'D', 'E', 'R', 'U', 'V']);
  });

  it('are decided once per request: the scope the route was let in with is the one its queries use', () => {
    const grants = new Map<string, PermissionScope>([['*:R', 'own']]);
    const access = accessFor(actor, grants);
    expect(access.require('chiro_gites', 'read')).toBe('own');
    // A grant withdrawn while the request runs changes nothing for it: no second decision.
    grants.delete('*:R');
    const where = access.where({ module: 'chiro_gites', level: 'site', action: 'read', alias: 'r' });
    expect(compileFragment(where)?.sql).toBe('"r"."created_by" = $1::uuid');
    // Another action is decided on its own, and refused without a grant.
    let status: number | undefined;
    try {
      access.require('chiro_gites', 'update');
    } catch (error) {
      status = isHttpError(error) ? error.status : undefined;
    }
    expect(status).toBe(403);
  });
});
