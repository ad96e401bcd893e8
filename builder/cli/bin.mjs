#!/usr/bin/env node
// Entry of `npx suivi`. The command table is plain JavaScript, so `suivi --help` and argument errors answer
// at once; the TypeScript loader (tsx, which runs the sources without a build step and takes about half a
// second to start) is registered only when a command is about to run, and each command loads only its own
// modules. This is the only place that sets the process's exit code.
import { runCli } from './program.mjs';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  beforeLoad: async () => {
    const { register } = await import('tsx/esm/api');
    register();
  },
});
