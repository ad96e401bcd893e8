/**
 * The automatic sync (outbox-badge.tsx loads this when changes wait and the app is online): once, then
 * again a few times if it fails — the network often comes back in stages, and the browser's `online`
 * event can come before the server answers.
 */
import { outboxOps } from './outbox.ts';
import { runSync } from './sync-runner.ts';

const RETRY_MS = [2_000, 5_000, 15_000, 60_000] as const;

export function autoSync(attempt = 0): void {
  if (!navigator.onLine) return;
  void outboxOps().then(async (ops) => {
    if (!ops.some((o) => o.state === 'pending')) return;
    const status = await runSync();
    const wait = RETRY_MS[attempt];
    if (status.kind === 'failed' && wait !== undefined) setTimeout(() => autoSync(attempt + 1), wait);
  });
}
