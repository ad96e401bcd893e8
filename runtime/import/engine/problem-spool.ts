/**
 * Problems as they are found, spooled to a temporary file (one JSON line each, with the row's cells)
 * instead of memory: a file of a million bad rows keeps the import's memory flat. Read back once the
 * import's transaction is over, so they are kept even when it was rolled back (dry run, all-or-nothing).
 */
import { appendFileSync, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImportProblem } from '../template.ts';

export interface SpooledProblem {
  readonly problem: ImportProblem;
  readonly cells: Readonly<Record<string, string>>;
}

export class ProblemSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'suivi-import-'));
  private readonly file = join(this.dir, 'problems.ndjson');
  private buffer: string[] = [];
  count = 0;

  add(problem: ImportProblem, cells: Readonly<Record<string, string>>): void {
    this.buffer.push(JSON.stringify({ problem, cells }));
    this.count++;
    if (this.buffer.length >= 500) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    appendFileSync(this.file, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
  }

  async *read(): AsyncIterable<SpooledProblem> {
    this.flush();
    if (this.count === 0) return;
    for await (const line of createInterface({ input: createReadStream(this.file) }))
      if (line) yield JSON.parse(line) as SpooledProblem;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
