// @ts-check
/**
 * The `suivi` command line: its commands, arguments and options. It is plain JavaScript that imports
 * nothing but commander, so that `suivi --help` and argument errors answer without loading TypeScript;
 * each command's module is imported only when that command runs, after `io.beforeLoad` (bin.mjs
 * registers the TypeScript loader there; vitest needs none). Nothing here exits the process: `runCli`
 * returns the exit code, and only bin.mjs sets it. Its types are in program.d.mts.
 */
import { Argument, Command, CommanderError, Option } from 'commander';

/** @typedef {import('./program.d.mts').CliIo} CliIo */

/** What `suivi refdata` loads: the same list as refdata-command.ts's, which a test compares. */
export const REFDATA_KINDS = ['nomenclatures', 'taxref'];
const DEFAULT_DATA_DIR = './data';
/** What `suivi diff --fail-on` accepts: the classes that need someone's decision (diff-command.ts compares). */
export const FAIL_ON_CLASSES = ['data_dependent', 'destructive'];
const LANGS = ['en', 'fr'];

/**
 * Runs one command line (`argv` without `node` and the script) and returns its exit code.
 * @param {readonly string[]} argv
 * @param {CliIo} io
 * @returns {Promise<number>}
 */
export async function runCli(argv, io) {
  let exitCode = 0;
  /**
   * A command's action: loads its module, runs it, keeps its exit code.
   * @template M
   * @param {() => Promise<M>} load
   * @param {(module: M, ...args: any[]) => Promise<number>} call
   */
  const run =
    (load, call) =>
    /** @param {any[]} args */
    async (...args) => {
      await io.beforeLoad?.();
      exitCode = await call(await load(), ...args);
    };
  const streams = { stdout: io.stdout, stderr: io.stderr };
  const databaseUrl = io.env?.DATABASE_URL ? { databaseUrl: io.env.DATABASE_URL } : {};

  // Set before the commands are added: commander copies both settings into each of them.
  const program = new Command()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .name('suivi')
    .description(
      'Suivi: biodiversity monitoring protocols as JSON specs, generated into typed PostGIS modules',
    );

  program
    .command('validate')
    .description('check protocol specs; prints file:line:col severity rule message')
    .argument('<paths...>', 'spec files, or folders searched for protocol.json / *.protocol.json')
    .option('--json', 'print the diagnostics as JSON')
    .option(
      '--previous <spec|folder>',
      "the previous version to check the evolution against (default: the spec folder's generated/)",
    )
    .action(
      run(
        () => import('./validate-command.ts'),
        (m, paths, options) =>
          m.validateCommand(paths, {
            json: options.json === true,
            ...(options.previous === undefined ? {} : { previous: options.previous }),
            ...streams,
          }),
      ),
    );

  program
    .command('generate')
    .description(
      'generate a module folder (SQL, forms, types, API, OpenAPI, dictionary, manifest) from a spec',
    )
    .argument('<spec>', 'the protocol spec file')
    .requiredOption('--out <dir>', 'the module folder to write')
    .option('--check', 'compare with the folder instead of writing; exit 1 when stale')
    .option('--config <file>', 'custom generators (default: ./suivi.config.json when it exists)')
    .action(
      run(
        () => import('./generate-command.ts'),
        (m, spec, options) =>
          m.generateCommand(spec, {
            out: options.out,
            check: options.check === true,
            ...(options.config ? { config: options.config } : {}),
            ...streams,
          }),
      ),
    );

  program
    .command('diff')
    .description('list the changes between two versions of a protocol, by stable id, classified')
    .argument('<old>', 'a spec file, a generated module folder, or installed:<code> (from the database)')
    .argument('<new>', 'a spec file or a generated module folder')
    .option('--json', 'print the diff as JSON')
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(LANGS).default('en'))
    .addOption(
      new Option('--fail-on <class>', 'exit 2 when a change of this class (or worse) is found').choices(
        FAIL_ON_CLASSES,
      ),
    )
    .option(
      '--data-dir <dir>',
      'PGlite data directory for installed:, when DATABASE_URL is not set',
      DEFAULT_DATA_DIR,
    )
    .action(
      run(
        () => import('./diff-command.ts'),
        (m, from, to, options) =>
          m.diffCommand(from, to, {
            json: options.json === true,
            lang: options.lang,
            ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
            dataDir: options.dataDir,
            ...databaseUrl,
            ...streams,
          }),
      ),
    );

  program
    .command('import-gn')
    .description('convert a GeoNature Monitoring protocol folder into a spec (warnings on stderr)')
    .argument('<folder>', 'a protocol folder; with --report, a folder of protocol folders')
    .option('--out <spec.json>', 'write the spec there instead of printing it')
    .option(
      '--report',
      'convert, validate, generate, apply the SQL and render the forms of every protocol inside',
    )
    .action(
      run(
        () => import('./import-gn-command.ts'),
        (m, folder, options) =>
          m.importGnCommand(folder, {
            ...(options.out ? { out: options.out } : {}),
            report: options.report === true,
            ...streams,
          }),
      ),
    );

  program
    .command('import')
    .description('import a provider data file (CSV, XLSX, GeoJSON) into an installed module with a template')
    .argument('<module>', 'the installed module code')
    .argument('<level>', 'the level a row creates')
    .argument('<file>', 'the data file')
    .requiredOption('--template <t.json>', 'the import template (runtime/import/template.ts, docs/import.md)')
    .option('--dry-run', 'check everything, write nothing')
    .addOption(
      new Option('--mode <mode>', 'insert, upsert or replace')
        .choices(['insert', 'upsert', 'replace'])
        .default('insert'),
    )
    .addOption(
      new Option('--atomicity <a>', 'all_or_nothing or valid_rows')
        .choices(['all_or_nothing', 'valid_rows'])
        .default('all_or_nothing'),
    )
    .option('--user <login>', 'the account the records are written as')
    .option('--report <path>', 'where the problems report goes (.csv or .xlsx; default <file>.report.csv)')
    .option('--data-dir <dir>', 'PGlite data directory, when DATABASE_URL is not set', DEFAULT_DATA_DIR)
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL)')
    .action(
      run(
        () => import('./import-command.ts'),
        (m, module, level, file, options) =>
          m.importCommand(module, level, file, {
            template: options.template,
            mode: options.mode,
            atomicity: options.atomicity,
            dryRun: options.dryRun === true,
            dataDir: options.dataDir,
            ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : databaseUrl),
            ...(options.user ? { user: options.user } : {}),
            ...(options.report ? { report: options.report } : {}),
            ...streams,
          }),
      ),
    );

  program
    .command('export-gn')
    .description('write a GeoNature Monitoring protocol folder from a spec')
    .argument('<spec>', 'the protocol spec file')
    .requiredOption('--out <folder>', 'the protocol folder to write')
    .action(
      run(
        () => import('./export-gn-command.ts'),
        (m, spec, options) => m.exportGnCommand(spec, { out: options.out, ...streams }),
      ),
    );

  program
    .command('install')
    .description('install generated module folders into the database (PGlite in ./data, or DATABASE_URL)')
    .argument('<folders...>', 'generated module folders (holding manifest.json)')
    .option('--data-dir <dir>', 'PGlite data directory, when DATABASE_URL is not set', DEFAULT_DATA_DIR)
    .action(
      run(
        () => import('./install-command.ts'),
        (m, folders, options) =>
          m.installCommand(folders, { dataDir: options.dataDir, ...databaseUrl, ...streams }),
      ),
    );

  const migrate = program
    .command('migrate')
    .description("upgrade an installed module to its folder's version with the folder's migration plans");

  migrate
    .command('plan')
    .description(
      'print the migration plan (steps, classes, SQL); with a database, dry-run it there: rows that would fail, with a sample',
    )
    .argument('<folder>', 'the generated module folder (holding manifest.json and migrations/)')
    .option('--data-dir <dir>', 'dry-run on this PGlite data directory (or set DATABASE_URL)')
    .option('--json', 'print the plans (and the dry run) as JSON')
    .action(
      run(
        () => import('./migrate-command.ts'),
        (m, folder, options) =>
          m.migratePlanCommand(folder, {
            dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
            database: options.dataDir !== undefined || databaseUrl.databaseUrl !== undefined,
            json: options.json === true,
            ...databaseUrl,
            ...streams,
          }),
      ),
    );

  migrate
    .command('apply')
    .description(
      'run the plan in one transaction; exit 1 with the failing rows if a check fails (nothing changed)',
    )
    .argument('<folder>', 'the generated module folder (holding manifest.json and migrations/)')
    .option('--data-dir <dir>', 'PGlite data directory, when DATABASE_URL is not set', DEFAULT_DATA_DIR)
    .action(
      run(
        () => import('./migrate-command.ts'),
        (m, folder, options) =>
          m.migrateApplyCommand(folder, { dataDir: options.dataDir, ...databaseUrl, ...streams }),
      ),
    );

  program
    .command('sinp-check')
    .description(
      "check an installed module's SINP occurrences: the rows missing a mandatory field of the standard, and why; exit 1 if any",
    )
    .argument('<folder>', 'the generated module folder (holding manifest.json)')
    .option('--data-dir <dir>', 'PGlite data directory, when DATABASE_URL is not set', DEFAULT_DATA_DIR)
    .addOption(new Option('--lang <lang>', 'language of the reasons').choices(LANGS).default('en'))
    .option('--limit <n>', 'most problems listed (all are counted)', '1000')
    .option('--json', 'print the report as JSON')
    .action(
      run(
        () => import('./sinp-check-command.ts'),
        (m, folder, options) =>
          m.sinpCheckCommand(folder, {
            dataDir: options.dataDir,
            lang: options.lang,
            json: options.json === true,
            limit: Math.max(0, Number.parseInt(options.limit, 10) || 0),
            ...databaseUrl,
            ...streams,
          }),
      ),
    );

  program
    .command('refdata')
    .description(
      'load reference data: SINP nomenclatures (JSON) or TAXREF (official tab-separated text, or CSV)',
    )
    .addArgument(new Argument('<kind>', 'what the file holds').choices(REFDATA_KINDS))
    .argument('<file>', 'the file to load')
    .option('--data-dir <dir>', 'PGlite data directory, when DATABASE_URL is not set', DEFAULT_DATA_DIR)
    .action(
      run(
        () => import('./refdata-command.ts'),
        (m, kind, file, options) =>
          m.refdataCommand(kind, file, { dataDir: options.dataDir, ...databaseUrl, ...streams }),
      ),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Help, version and argument errors: commander has printed them already.
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
}
