/**
 * The header's outbox badge: how many changes wait for the server (a link to the outbox page), and the
 * automatic sync when the browser comes back online. Loaded apart from the app's first page (lazy).
 */
import './offline.css';
import { useEffect, useState } from 'react';
import { onLink } from '../router.ts';
import { useOfflineT } from './offline-i18n.ts';
import { OUTBOX_CHANGED, outboxOps } from './outbox.ts';
import { runSync } from './sync-runner.ts';

export function OutboxBadge() {
  const t = useOfflineT();
  const [count, setCount] = useState(0);
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    let live = true;
    const count = () => void outboxOps().then((ops) => live && setCount(ops.length));
    const back = () => {
      setOnline(true);
      void outboxOps().then((ops) => {
        if (ops.some((o) => o.state === 'pending')) void runSync();
      });
    };
    const gone = () => setOnline(false);
    count();
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
