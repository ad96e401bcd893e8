/**
 * The header's offline links: "offline" when the browser is, the outbox with how many changes wait
 * (a count the outbox mirrors in localStorage, so this part of the app's first bundle needs no
 * IndexedDB code), and the offline areas. When changes wait and the app is online — at start, or when
 * the network comes back — the automatic sync loads (offline/auto-sync.ts) and runs.
 */
import { useEffect, useState } from 'react';
import { useT } from './i18n.tsx';
import { OUTBOX_CHANGED, OUTBOX_COUNT } from './offline/outbox-events.ts';
import { onLink } from './router.ts';

const WORDS = {
  offline: ['Hors ligne', 'Offline'],
  outbox: ['Envois en attente', 'Outbox'],
  pending: ['{n} envoi(s) en attente', '{n} change(s) waiting to be sent'],
  areas: ['Zones hors ligne', 'Offline areas'],
} as const;

const waiting = () => Number(localStorage.getItem(OUTBOX_COUNT) ?? 0) || 0;

function syncIfWaiting() {
  if (navigator.onLine && waiting() > 0) void import('./offline/auto-sync.ts').then((m) => m.autoSync());
}

export function OutboxBadge() {
  const { lang } = useT();
  const word = (key: keyof typeof WORDS) => WORDS[key][lang === 'fr' ? 0 : 1];
  const [count, setCount] = useState(waiting);
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const recount = () => setCount(waiting());
    const back = () => {
      setOnline(true);
      syncIfWaiting();
    };
    const gone = () => setOnline(false);
    syncIfWaiting();
    window.addEventListener(OUTBOX_CHANGED, recount);
    window.addEventListener('storage', recount); // another tab's changes
    window.addEventListener('online', back);
    window.addEventListener('offline', gone);
    return () => {
      window.removeEventListener(OUTBOX_CHANGED, recount);
      window.removeEventListener('storage', recount);
      window.removeEventListener('online', back);
      window.removeEventListener('offline', gone);
    };
  }, []);
  return (
    <>
      {online ? null : (
        <span className="offline-flag" role="status">
          {word('offline')}
        </span>
      )}
      <a
        href="/outbox"
        className="outbox-link"
        data-testid="outbox-badge"
        title={word('pending').replace('{n}', String(count))}
        onClick={(e) => onLink(e, '/outbox')}
      >
        {word('outbox')}
        {count > 0 ? <span className="badge">{count}</span> : null}
      </a>
      <a href="/offline" onClick={(e) => onLink(e, '/offline')}>
        {word('areas')}
      </a>
    </>
  );
}
