#!/usr/bin/env node
// Entry of `npx suivi`: runs the TypeScript CLI through tsx, so the project needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
