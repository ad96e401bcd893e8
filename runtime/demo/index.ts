/** Demo data: organisations, accounts, metadata, vocabularies and taxa, then each module's demo records. */
export { DEMO_ACCOUNTS, DEMO_FRAMEWORK, DEMO_ORGANISATIONS, type DemoAccount } from './demo-data.ts';
export { type DemoRecordsSeed, seedDemoRecords } from './demo-records.ts';
export { type DemoRecord, demoRecordsPath, readDemoRecords } from './demo-records-file.ts';
export { type DemoSeed, demoDatasets, seedDemo } from './seed.ts';
