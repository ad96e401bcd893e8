/**
 * Progress of a long load on stderr: a bar redrawn in place on a terminal, or a plain line every few
 * seconds when stderr is a file or a pipe (CI logs, `2> load.log`), where carriage returns would make noise.
 */
export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` units so far (rows), `position` out of `total` (bytes) for the percentage. */
  update(done: number, position: number): void;
  finish(done: number): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  readonly sink: ProgressSink;
  readonly now?: () => number;
  /** Between redraws on a terminal (ms). */
  readonly ttyEvery?: number;
  /** Between lines otherwise (ms). */
  readonly lineEvery?: number;
}

const WIDTH = 24;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const every = options.sink.isTTY ? (options.ttyEvery ?? 100) : (options.lineEvery ?? 5000);
  let last = started;
  const describe = (done: number, position: number) => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const share = options.total > 0 ? Math.min(position / options.total, 1) : 0;
    return {
      rate: `${count(done / seconds)} rows/s`,
      percent: `${Math.floor(share * 100)}%`,
      share,
      seconds,
    };
  };
  return {
    update(done, position) {
      const t = now();
      if (t - last < every) return;
      last = t;
      const { rate, percent, share } = describe(done, position);
      if (options.sink.isTTY) {
        const filled = Math.round(share * WIDTH);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
        options.sink.write(
          `\r${options.label} ${bar} ${percent.padStart(4)}  ${count(done)} rows  ${rate}  `,
        );
      } else {
        options.sink.write(`${options.label}: ${count(done)} rows (${percent}), ${rate}\n`);
      }
    },
    finish(done) {
      const { rate, seconds } = describe(done, options.total);
      const clear = options.sink.isTTY ? '\r\u001b[K' : '';
      options.sink.write(
        `${clear}${options.label}: ${count(done)} rows in ${seconds.toFixed(1)} s (${rate})\n`,
      );
    },
  };
}
