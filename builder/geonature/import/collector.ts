/**
 * Where the import keeps its findings: warnings, and the fate of every JavaScript rule. Every rule string
 * is registered when the files are read; each must then be declared translated, built in or
 * untranslated. One that nobody claimed is reported untranslated at the end: never dropped silently.
 */
import type { ImportReport, ImportWarning, RuleOutcome } from '../model.ts';

type Fate =
  | { readonly kind: 'translated' }
  | { readonly kind: 'builtIn' | 'untranslated'; readonly reason: string };

interface Entry {
  readonly file: string;
  readonly path: string;
  readonly source: string;
  fate?: Fate;
}

export class Collector {
  private readonly warnings: ImportWarning[] = [];
  private readonly bugs: ImportWarning[] = [];
  private readonly rules = new Map<string, Entry>();

  warn(file: string, path: string, message: string): void {
    this.warnings.push({ file, path, message });
  }

  /** A rule that never fires in GeoNature as written, translated by its intent: a warning, also counted. */
  sourceBug(file: string, path: string, message: string): void {
    if (this.bugs.some((b) => b.file === file && b.path === path && b.message === message)) return;
    this.bugs.push({ file, path, message });
    this.warn(file, path, `source bug: ${message}`);
  }

  registerRule(file: string, path: string, source: string): void {
    this.rules.set(`${file}#${path}`, { file, path, source });
  }

  isRule(file: string, path: string): boolean {
    return this.rules.has(`${file}#${path}`);
  }

  translated(file: string, path: string): void {
    this.settle(file, path, { kind: 'translated' });
  }

  builtIn(file: string, path: string, reason: string): void {
    this.settle(file, path, { kind: 'builtIn', reason });
  }

  untranslated(file: string, path: string, reason: string): void {
    this.settle(file, path, { kind: 'untranslated', reason });
  }

  /** A rule first declared translated that the validator then refused: it is untranslated after all. */
  demote(file: string, path: string, reason: string): void {
    const entry = this.rules.get(`${file}#${path}`);
    if (entry) entry.fate = { kind: 'untranslated', reason };
  }

  private settle(file: string, path: string, fate: Fate): void {
    const entry = this.rules.get(`${file}#${path}`);
    // The first verdict stands: a rule refused once is not rescued by a later, partial reading.
    if (entry && !entry.fate) entry.fate = fate;
  }

  report(): ImportReport {
    const entries = [...this.rules.values()];
    const outcome = (kind: 'builtIn' | 'untranslated'): RuleOutcome[] =>
      entries.flatMap((e) => {
        const fate = e.fate ?? { kind: 'untranslated', reason: 'the importer found no place for this rule' };
        return fate.kind === kind
          ? [{ file: e.file, path: e.path, source: e.source, reason: fate.reason }]
          : [];
      });
    const untranslated = outcome('untranslated');
    const builtIn = outcome('builtIn');
    return {
      warnings: [...this.warnings],
      untranslated,
      builtIn,
      sourceBugs: [...this.bugs],
      rules: {
        total: entries.length,
        translated: entries.length - untranslated.length,
        builtIn: builtIn.length,
        sourceBugs: this.bugs.length,
      },
    };
  }
}
