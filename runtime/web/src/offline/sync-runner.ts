/**
 * One sync at a time for the whole page (the badge starts one when the network comes back, the outbox
 * page on a click): both see the same progress and the same last report.
 */
import { useEffect, useState } from 'react';
import { type SyncReport, syncOutbox } from './sync.ts';

export type SyncStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly report: SyncReport }
  | { readonly kind: 'failed'; readonly message: string };

let status: SyncStatus = { kind: 'idle' };
let running: Promise<SyncStatus> | undefined;
const listeners = new Set<(s: SyncStatus) => void>();

function set(next: SyncStatus) {
  status = next;
  for (const l of listeners) l(next);
}

export function runSync(): Promise<SyncStatus> {
  running ??= (async () => {
    set({ kind: 'running', done: 0, total: 0 });
    try {
      const report = await syncOutbox({ onProgress: (done, total) => set({ kind: 'running', done, total }) });
      set({ kind: 'done', report });
    } catch (error) {
      set({ kind: 'failed', message: (error as Error).message });
    } finally {
      running = undefined;
    }
    return status;
  })();
  return running;
}

export function useSyncStatus(): SyncStatus {
  const [current, setCurrent] = useState(status);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => {
      listeners.delete(setCurrent);
    };
  }, []);
  return current;
}
