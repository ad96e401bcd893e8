/**
 * Where a text writer writes: a Node stream, awaited when it asks to drain, so a slow client (or disk)
 * slows the database reads down instead of letting chunks pile up in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
}

export function streamSink(stream: Writable): Sink {
  return {
    async write(chunk) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
  };
}
