/** The prepared test databases by name (database-templates.ts says what each holds and how it is built). */
export const TEMPLATE_NAMES = ['migrated', 'installed', 'demo', 'demo-amphibiens', 'reference'] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];
