/** The HTTP side: the Hono app, the start sequence, password hashes. */

export { hashPassword, verifyPassword } from '../auth/password.ts';
export { type AppOptions, createApp } from './app.ts';
export { buildServerApp } from './build-app.ts';
export { type LevelSummary, type ModuleSummary, moduleSummary } from './module-summary.ts';
export { type Started, type StartOptions, startSuivi } from './start.ts';
