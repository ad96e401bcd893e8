/**
 * The demo's permissions: the administrator is `is_admin` and a `designer` (the protocol builder); partners have the role `partenaire`, which
 * may Create, Read, Update, Export and Delete their organisation's records in every module (not
 * Validate: the administrator is the demo's only validator, so partners never validate — nor keep the
 * validation of — their own observations). Adds only what is missing, like the rest of the demo seed.
 */
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import type { PermissionAction } from './permissions.ts';
import { DESIGNER_ROLE } from './store.ts';

export const PARTNER_ROLE = 'partenaire';
const PARTNER_ACTIONS: readonly PermissionAction[] = ['C', 'R', 'U', 'E', 'D'];

export interface DemoGrantee {
  readonly id: string;
  readonly isAdmin?: boolean;
}

export async function seedDemoGrants(tx: Queryable, accounts: readonly DemoGrantee[]): Promise<void> {
  await coreDb(tx)
    .insertInto('suivi.permission')
    .values(
      PARTNER_ACTIONS.map((action) => ({
        role: PARTNER_ROLE,
        module_code: '*',
        action,
        scope: 'organisation',
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const admins = accounts.filter((a) => a.isAdmin).map((a) => a.id);
  const partners = accounts.filter((a) => !a.isAdmin).map((a) => a.id);
  if (admins.length > 0) {
    await coreDb(tx)
      .updateTable('suivi.app_user')
      .set({ is_admin: true })
      .where('id', 'in', admins)
      .where('is_admin', '=', false)
      .execute();
    await coreDb(tx)
      .insertInto('suivi.user_role')
      .values(admins.map((user_id) => ({ user_id, role: DESIGNER_ROLE })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (partners.length > 0) {
    await coreDb(tx)
      .insertInto('suivi.user_role')
      .values(partners.map((user_id) => ({ user_id, role: PARTNER_ROLE })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
