/**
 * The demo's people and metadata: two organisations, an administrator and one partner in each, one
 * acquisition framework. Fixed UUIDs, so seeding twice finds the same rows and tests can name them.
 * The passwords are public on purpose (they are printed at start): never seed a production database.
 */
const id = (n: number) => `de300000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_ORGANISATIONS = {
  cen: { id: id(1), name: "Conservatoire d'espaces naturels" },
  chiro: { id: id(2), name: 'Association Chiroptères' },
} as const;

export interface DemoAccount {
  readonly id: string;
  readonly login: string;
  readonly password: string;
  readonly displayName: string;
  readonly organisationId: string;
  /** What the account is for, printed beside it. */
  readonly role: string;
  /** An administrator (every action on every record); the others are partners (runtime/auth/demo-grants.ts). */
  readonly isAdmin?: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: id(11),
    login: 'admin',
    password: 'suivi-admin',
    displayName: 'Camille Administratrice',
    organisationId: DEMO_ORGANISATIONS.cen.id,
    role: `administrator (${DEMO_ORGANISATIONS.cen.name})`,
    isAdmin: true,
  },
  {
    id: id(12),
    login: 'partenaire.cen',
    password: 'suivi-cen',
    displayName: 'Louis Garde',
    organisationId: DEMO_ORGANISATIONS.cen.id,
    role: `partner (${DEMO_ORGANISATIONS.cen.name})`,
  },
  {
    id: id(13),
    login: 'partenaire.chiro',
    password: 'suivi-chiro',
    displayName: 'Inès Chiroptérologue',
    organisationId: DEMO_ORGANISATIONS.chiro.id,
    role: `partner (${DEMO_ORGANISATIONS.chiro.name})`,
  },
];

export const DEMO_FRAMEWORK = {
  id: id(21),
  label: 'Suivis régionaux de la biodiversité (démonstration)',
  organisationId: DEMO_ORGANISATIONS.cen.id,
} as const;

export const DEMO_TAXA_CSV = new URL('../../examples/demo-data/taxa.csv', import.meta.url);
