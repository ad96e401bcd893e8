/** The `suivi` command line. Commands are thin: they read files, call the libraries, print, set the exit code. */
import { Command } from 'commander';
import { generateCommand } from './generate-command.ts';
import { validateCommand } from './validate-command.ts';

const program = new Command()
  .name('suivi')
  .description(
    'Suivi: biodiversity monitoring protocols as JSON specs, generated into typed PostGIS modules',
  );

program
  .command('validate')
  .description('check protocol specs; prints file:line:col severity rule message')
  .argument('<paths...>', 'spec files, or folders searched for protocol.json / *.protocol.json')
  .option('--json', 'print the diagnostics as JSON')
  .action(async (paths: string[], options: { json?: boolean }) => {
    process.exitCode = await validateCommand(paths, {
      json: options.json === true,
      out: process.stdout,
      err: process.stderr,
    });
  });

program
  .command('generate')
  .description('generate a module folder (SQL, forms, types, API, OpenAPI, dictionary, manifest) from a spec')
  .argument('<spec>', 'the protocol spec file')
  .requiredOption('--out <dir>', 'the module folder to write')
  .option('--check', 'compare with the folder instead of writing; exit 1 when stale')
  .action(async (spec: string, options: { out: string; check?: boolean }) => {
    process.exitCode = await generateCommand(spec, {
      out: options.out,
      check: options.check === true,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  });

await program.parseAsync(process.argv);
