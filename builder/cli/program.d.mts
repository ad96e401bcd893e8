/** Types of program.mjs (plain JavaScript so that `suivi --help` needs no TypeScript loader). */

export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** Help is wrapped to this width (80 when unknown). */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  /** The environment the commands read (DATABASE_URL); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called once before a command's module is imported: bin.mjs registers the TypeScript loader. */
  readonly beforeLoad?: () => Promise<void>;
}

export const REFDATA_KINDS: readonly string[];
export const FAIL_ON_CLASSES: readonly string[];

/** Runs one command line (arguments after the script name); resolves to its exit code, never exits. */
export function runCli(argv: readonly string[], io: CliIo): Promise<number>;
