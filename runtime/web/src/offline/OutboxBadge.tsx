/**
 * The header's outbox badge: how many changes wait for the server (a link to the outbox page), and the
 * automatic sync when the app opens online or the browser comes back online. Loaded apart from the app's first page (lazy).
 */
import './offline.css';
import { useEffect, useState } from 'react';
import { onLink } from '../router.ts';
import { useOfflineT } from './offline-i18n.ts';
import { OUTBOX_CHANGED, outboxOps } from './outbox.ts';
import { runSync } from './sync-runner.ts';

/** Waits between tries after a failed automatic sync (the network often comes back in stages). */
const RETRY_MS = [2_000, 5_000, 15_000, 60_000] as const;

/** Syncs when something waits, trying again a few times if the network is not really back yet. */
function autoSync(attempt = 0): void {
  if (!navigator.onLine) return;
  void outboxOps().then(async (ops) => {
    if (!ops.some((o) => o.state === 'pending')) return;
    const status = await runSync();
    const wait = RETRY_MS[attempt];
    if (status.kind === 'failed' && wait !== undefined) setTimeout(() => autoSync(attempt + 1), wait);
  });
}

export function OutboxBadge() {
  const t = useOfflineT();
  const [count, setCount] = useState(0);
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    let live = true;
    const count = () => void outboxOps().then((ops) => live && setCount(ops.length));
    const back = () => {
      setOnline(true);
      autoSync();
    };
    const gone = () => setOnline(false);
    count();
    // Changes left from an earlier session go as soon as the app opens online.
    autoSync();
    window.addEventListener(OUTBOX_CHANGED, count);
    window.addEventListener('online', back);
    window.addEventListener('offline', gone);
    return () => {
      live = false;
      window.removeEventListener(OUTBOX_CHANGED, count);
      window.removeEventListener('online', back);
      window.removeEventListener('offline', gone);
    };
  }, []);
  return (
    <>
      {online ? null : (
        <span className="offline-flag" role="status">
          {t('offline')}
        </span>
      )}
      <a
        href="/outbox"
        className="outbox-link"
        data-testid="outbox-badge"
        title={t('pendingTitle', { n: count })}
        onClick={(e) => onLink(e, '/outbox')}
      >
        {t('outbox')}
        {count > 0 ? <span className="badge">{count}</span> : null}
      </a>
      <a href="/offline" onClick={(e) => onLink(e, '/offline')}>
        {t('areasLink')}
      </a>
    </>
  );
}
