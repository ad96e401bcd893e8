/**
 * Generation speed: milliseconds to validate + normalise, and to run every generator, per example protocol.
 * Run: `npm run bench:generate` (prints a table; no assertion — targets are read by people).
 */
import { generateModule } from '../generators/module.ts';
import { compileProtocol } from '../protocol-specs/index.ts';
import { EXAMPLE_CODES, exampleProtocol, exampleSpec, exampleSpecPath } from '../test/helpers/examples.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// Warm up once: the first call pays for module loading and json-schema-to-typescript's formatter.
await generateModule(exampleProtocol(EXAMPLE_CODES[0]!), { specPath: 'warmup' });

console.log(`protocol                 compile ms   generate ms   files   bytes    (median of ${RUNS})`);
for (const code of EXAMPLE_CODES) {
  const spec = exampleSpec(code);
  const compileTimes: number[] = [];
  const generateTimes: number[] = [];
  let files: Array<{ contents: string }> = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const result = compileProtocol(spec);
    const t1 = performance.now();
    if (!result.ok) throw new Error(`${code} does not compile`);
    files = await generateModule(result.protocol, { specPath: exampleSpecPath(code) });
    const t2 = performance.now();
    compileTimes.push(t1 - t0);
    generateTimes.push(t2 - t1);
  }
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.contents), 0);
  console.log(
    `${code.padEnd(24)} ${median(compileTimes).toFixed(1).padStart(10)} ${median(generateTimes).toFixed(1).padStart(13)} ${String(files.length).padStart(7)} ${String(bytes).padStart(8)}`,
  );
}
