/**
 * The demo's permissions: the administrator is `is_admin`; partners have the role `partenaire`, which
 * may Create, Read, Update, Export and Delete their organisation's records in every module (not
 * Validate: the administrator is the demo's only validator, so partners never validate — nor keep the
 * validation of — their own observations). Adds only what is missing, like the rest of the demo seed.
 */
import type { Queryable } from '../db/database.ts';
import type { PermissionAction } from './permissions.ts';

export const PARTNER_ROLE = 'partenaire';
const PARTNER_ACTIONS: readonly PermissionAction[] = ['C', 'R', 'U', 'E', 'D'];

export interface DemoGrantee {
  readonly id: string;
  readonly isAdmin?: boolean;
}

export async function seedDemoGrants(tx: Queryable, accounts: readonly DemoGrantee[]): Promise<void> {
  await tx.query(
    `INSERT INTO suivi.permission (role, module_code, action, scope)
     SELECT $1, '*', a, 'organisation' FROM unnest($2::text[]) AS a ON CONFLICT DO NOTHING`,
    [PARTNER_ROLE, PARTNER_ACTIONS],
  );
  const admins = accounts.filter((a) => a.isAdmin).map((a) => a.id);
  const partners = accounts.filter((a) => !a.isAdmin).map((a) => a.id);
  await tx.query('UPDATE suivi.app_user SET is_admin = true WHERE id = ANY($1::uuid[]) AND NOT is_admin', [
    admins,
  ]);
  await tx.query(
    `INSERT INTO suivi.user_role (user_id, role) SELECT u, $2 FROM unnest($1::uuid[]) AS u
     ON CONFLICT DO NOTHING`,
    [partners, PARTNER_ROLE],
  );
}
