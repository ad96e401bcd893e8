/** Demo data: organisations, accounts, metadata, vocabularies and taxa for the installed modules. */
export { DEMO_ACCOUNTS, DEMO_FRAMEWORK, DEMO_ORGANISATIONS, type DemoAccount } from './demo-data.ts';
export { type DemoSeed, demoDatasets, seedDemo } from './seed.ts';
