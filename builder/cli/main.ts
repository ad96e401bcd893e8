/** The `suivi` command line. Commands are thin: they read files, call the libraries, print, set the exit code. */
import { Argument, Command } from 'commander';
import { exportGnCommand } from './export-gn-command.ts';
import { generateCommand } from './generate-command.ts';
import { importGnCommand } from './import-gn-command.ts';
import { installCommand } from './install-command.ts';
import { REFDATA_KINDS, type RefdataKind, refdataCommand } from './refdata-command.ts';
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

program
  .command('import-gn')
  .description('convert a GeoNature Monitoring protocol folder into a spec (warnings on stderr)')
  .argument('<folder>', 'a protocol folder; with --report, a folder of protocol folders')
  .option('--out <spec.json>', 'write the spec there instead of printing it')
  .option(
    '--report',
    'convert, validate, generate, apply the SQL and render the forms of every protocol inside',
  )
  .action(async (folder: string, options: { out?: string; report?: boolean }) => {
    process.exitCode = await importGnCommand(folder, {
      ...(options.out ? { out: options.out } : {}),
      report: options.report === true,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  });

program
  .command('export-gn')
  .description('write a GeoNature Monitoring protocol folder from a spec')
  .argument('<spec>', 'the protocol spec file')
  .requiredOption('--out <folder>', 'the protocol folder to write')
  .action(async (spec: string, options: { out: string }) => {
    process.exitCode = await exportGnCommand(spec, {
      out: options.out,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  });

program
  .command('install')
  .description('install generated module folders into the database (PGlite in ./data, or DATABASE_URL)')
  .argument('<folders...>', 'generated module folders (holding manifest.json)')
  .option('--data-dir <dir>', 'PGlite data directory, when DATABASE_URL is not set', './data')
  .action(async (folders: string[], options: { dataDir: string }) => {
    process.exitCode = await installCommand(folders, {
      dataDir: options.dataDir,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  });

program
  .command('refdata')
  .description(
    'load reference data: SINP nomenclatures (JSON) or TAXREF (official tab-separated text, or CSV)',
  )
  .addArgument(new Argument('<kind>', 'what the file holds').choices(REFDATA_KINDS))
  .argument('<file>', 'the file to load')
  .option('--data-dir <dir>', 'PGlite data directory, when DATABASE_URL is not set', './data')
  .action(async (kind: RefdataKind, file: string, options: { dataDir: string }) => {
    process.exitCode = await refdataCommand(kind, file, {
      dataDir: options.dataDir,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  });

await program.parseAsync(process.argv);
