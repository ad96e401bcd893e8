/** The admin pages' words, French first; kept here so the shared dictionary stays small. */
import { useContext } from 'react';
import { LangContext } from '../../i18n.tsx';

const DICT = {
  admin: ['Administration', 'Administration'],
  users: ['Utilisateurs', 'Users'],
  organisations: ['Organisations', 'Organisations'],
  grants: ['Permissions', 'Permissions'],
  metadata: ['Métadonnées', 'Metadata'],
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
  modules: ['Modules / Protocoles', 'Modules / Protocols'],
  version: ['Version', 'Version'],
  installedAt: ['Installé le', 'Installed on'],
  installedBy: ['par', 'by'],
  records: ['Enregistrements', 'Records'],
  history: ['Historique', 'History'],
  pendingUpgrade: ['Mise à niveau en attente', 'Pending upgrade'],
  failedModule: ['Dossier refusé au démarrage', 'Folder refused at start'],
  pendingFrom: ['installée v{from}, dossier v{to}', 'installed v{from}, folder v{to}'],
  servingInstalled: ['La version installée reste en service.', 'The installed version stays in service.'],
  notServed: ['Le module n’est pas servi.', 'The module is not served.'],
  noPlan: [
    'Aucun plan de migration : lancez npx suivi generate.',
    'No migration plan: run npx suivi generate.',
  ],
  dryRun: ['Prévisualiser (essai à blanc)', 'Preview (dry run)'],
  upgrade: ['Mettre à niveau', 'Upgrade'],
  uninstall: ['Désinstaller (archiver)', 'Uninstall (archive)'],
  uninstallConfirm: [
    'Les tables du module passent dans un schéma d’archive (rien n’est supprimé). Tapez « {code} » pour confirmer :',
    'The module’s tables move to an archive schema (nothing is deleted). Type “{code}” to confirm:',
  ],
  confirm: ['Confirmer', 'Confirm'],
  archived: ['Archivé dans {schema}.', 'Archived in {schema}.'],
  report_upgraded: ['Mise à niveau faite.', 'Upgraded.'],
  report_dry_run: ['Essai à blanc : rien n’a été changé.', 'Dry run: nothing was changed.'],
  report_refused: ['Mise à niveau refusée :', 'Upgrade refused:'],
  step: ['Étape', 'Step'],
  class: ['Nature', 'Class'],
  details: ['Détails', 'Details'],
  rows_found: ['{n} ligne(s) ne passent pas :', '{n} row(s) do not fit:'],
  step_ok: ['OK', 'OK'],
  step_failed: ['Refusé', 'Refused'],
  unavailable: ['Modules indisponibles', 'Unavailable modules'],
  available: ['Dossiers non installés', 'Folders not installed'],
  install: ['Installer', 'Install'],
  installed: ['Installé : v{version}.', 'Installed: v{version}.'],
  class_metadata: ['Métadonnées', 'Metadata only'],
  class_additive: ['Ajout', 'Additive'],
  class_data_dependent: ['Dépend des données', 'Data-dependent'],
  class_destructive: ['Destructif (archivé)', 'Destructive (archived)'],
  class_rename: ['Renommage', 'Rename'],
} as const satisfies Record<string, readonly [string, string]>;

export type AdminKey = keyof typeof DICT;

/** The word for `key`, its `{name}` placeholders replaced by `values`. */
export function useAdminT(): (key: AdminKey, values?: Record<string, string | number>) => string {
  const lang = useContext(LangContext);
  return (key, values = {}) =>
    DICT[key][lang === 'fr' ? 0 : 1].replace(/\{(\w+)\}/g, (all, name: string) =>
      Object.hasOwn(values, name) ? String(values[name]) : all,
    );
}

/** The words of a scope as stored (`organisation` is also the name of a column, hence the other key). */
export const SCOPE_KEY = { own: 'own', organisation: 'organisationScope', all: 'all' } as const;
