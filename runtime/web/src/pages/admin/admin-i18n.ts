/** The admin pages' words, French first; kept here so the shared dictionary stays small. */
import { useContext } from 'react';
import { LangContext } from '../../i18n.tsx';

const DICT = {
  admin: ['Administration', 'Administration'],
  users: ['Utilisateurs', 'Users'],
  organisations: ['Organisations', 'Organisations'],
  grants: ['Permissions', 'Permissions'],
  login: ['Identifiant', 'Login'],
  displayName: ['Nom affiché', 'Display name'],
  organisation: ['Organisation', 'Organisation'],
  none: ['(aucune)', '(none)'],
  roles: ['Rôles', 'Roles'],
  rolesHint: ['séparés par des virgules', 'comma-separated'],
  isAdmin: ['Administrateur', 'Administrator'],
  active: ['Actif', 'Active'],
  disabled: ['Désactivé', 'Disabled'],
  password: ['Mot de passe', 'Password'],
  newPassword: ['Nouveau mot de passe', 'New password'],
  passwordHint: ['10 caractères au moins', '10 characters at least'],
  resetPassword: ['Changer le mot de passe', 'Reset password'],
  passwordChanged: [
    'Mot de passe changé ; ses sessions sont fermées.',
    'Password changed; their sessions are closed.',
  ],
  newUser: ['Nouvel utilisateur', 'New user'],
  newOrganisation: ['Nouvelle organisation', 'New organisation'],
  name: ['Nom', 'Name'],
  members: ['Membres', 'Members'],
  rename: ['Renommer', 'Rename'],
  disable: ['Désactiver', 'Disable'],
  enable: ['Réactiver', 'Enable'],
  yes: ['oui', 'yes'],
  no: ['non', 'no'],
  module: ['Module', 'Module'],
  everyModule: ['Tous les modules (*)', 'Every module (*)'],
  grantee: ['Bénéficiaire', 'Grantee'],
  role: ['Rôle', 'Role'],
  user: ['Utilisateur', 'User'],
  action: ['Action', 'Action'],
  scope: ['Portée', 'Scope'],
  addGrant: ['Ajouter la permission', 'Add the permission'],
  noGrants: ['Aucune permission pour ce module.', 'No permissions for this module.'],
  forbidden: ['Réservé aux administrateurs.', 'Administrators only.'],
  C: ['Créer', 'Create'],
  R: ['Lire', 'Read'],
  U: ['Modifier', 'Update'],
  V: ['Valider', 'Validate'],
  E: ['Exporter', 'Export'],
  D: ['Supprimer', 'Delete'],
  own: ['ses propres données', 'own records'],
  organisationScope: ['son organisation', 'their organisation'],
  all: ['toutes', 'all'],
} as const satisfies Record<string, readonly [string, string]>;

export type AdminKey = keyof typeof DICT;

export function useAdminT(): (key: AdminKey) => string {
  const lang = useContext(LangContext);
  return (key) => DICT[key][lang === 'fr' ? 0 : 1];
}

/** The words of a scope as stored (`organisation` is also the name of a column, hence the other key). */
export const SCOPE_KEY = { own: 'own', organisation: 'organisationScope', all: 'all' } as const;
