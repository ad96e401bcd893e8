/** Import templates: the check against a module, the store, the /api/import/templates routes and their OpenAPI. */
export { mountImportAssist } from './assist-routes.ts';
export { checkTemplate, type TemplateCheck, type TemplateCheckOptions } from './check-template.ts';
export { importTemplatesOpenApi } from './template-openapi.ts';
export type { TemplateProblem, TemplateProblemCode } from './template-problems.ts';
export { mountImportTemplates, TEMPLATES_PATH } from './template-routes.ts';
export * from './template-store.ts';
