/**
 * The outbox page: every change waiting on this device, in order, with its state; the sync button and
 * its progress; a conflict side by side (ConflictView.tsx); a refused change with the server's errors
 * shown on its form for correction (sent again at the next sync) or discarded by explicit choice.
 */
import './offline.css';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { ModuleSummary } from '../api.ts';
import { problemText } from '../form/error-messages.ts';
import { formatDate } from '../format.ts';
import { useT } from '../i18n.tsx';
import { usePageTitle } from '../page-title.ts';
import { useForms } from '../pages/use-forms.ts';
import { recordLabel } from '../record-label.ts';
import { ConflictView } from './ConflictView.tsx';
import type { OutboxOp } from './db.ts';
import { type OfflineKey, useOfflineT } from './offline-i18n.ts';
import {
  announceOutbox,
  blockedIds,
  correct,
  discard,
  keepMine,
  OUTBOX_CHANGED,
  outboxOps,
  takeTheirs,
} from './outbox.ts';
import { storeRecord } from './records.ts';
import { runSync, useSyncStatus } from './sync-runner.ts';

const RecordForm = lazy(() => import('../form/RecordForm.tsx').then((m) => ({ default: m.RecordForm })));

const OP: Record<OutboxOp['op'], OfflineKey> = { create: 'create', update: 'update', delete: 'delete' };

function OutboxItem(props: { op: OutboxOp; blocked: boolean; module?: ModuleSummary }) {
  const t = useOfflineT();
  const { label, lang, colon } = useT();
  const { op } = props;
  const forms = useForms(op.module, op.level);
  const [correcting, setCorrecting] = useState(false);
  const seq = op.seq as number;
  const level = props.module?.levels.find((l) => l.key === op.level);
  const state: OfflineKey = props.blocked
    ? 'stateBlocked'
    : op.state === 'conflict'
      ? 'stateConflict'
      : op.state === 'refused'
        ? 'stateRefused'
        : 'statePending';
  const name = forms && op.body ? recordLabel(op.body, forms, lang) : '';
  // A parent link is no form field: its refusal says which parent, in the reader's language.
  const problemLine = (e: { path: string; code: string; message: string }) => {
    if (e.code === 'parent_missing') {
      const parent = props.module?.levels.find((l) => `/${l.key}_id` === e.path);
      return t('parentMissing', { level: label(parent?.label) || e.path.slice(1) });
    }
    return forms ? problemText(e, forms, lang) : e.message;
  };
  return (
    <li className={`outbox-item ${op.state}`} data-testid="outbox-item" data-state={op.state}>
      <p>
        <strong>
          {t(OP[op.op])}
          {colon}
          {label(level?.label) || op.level}
        </strong>{' '}
        {name} <span className={`state ${op.state}`}>{t(state)}</span>{' '}
        <span className="hint">
          {t('queuedAt')} {formatDate(op.queued_at, lang)}
        </span>
        {op.gps_accuracy_m !== undefined ? (
          <span className="hint"> · {t('gpsAccuracy', { m: Math.round(op.gps_accuracy_m) })}</span>
        ) : null}
      </p>
      {op.errors && op.errors.length > 0 && !correcting ? (
        <ul className="server-errors" data-testid="outbox-errors">
          {op.errors.map((e) => (
            <li key={`${e.path}:${e.code}`}>{problemLine(e)}</li>
          ))}
        </ul>
      ) : null}
      {op.state === 'conflict' && forms ? (
        <ConflictView
          op={op}
          forms={forms}
          onKeepMine={() => void keepMine(seq).then(announce)}
          onTakeTheirs={() =>
            void takeTheirs(seq).then(async (theirs) => {
              if (theirs) await storeRecord(op.module, op.level, theirs);
              announce();
            })
          }
        />
      ) : null}
      {op.state === 'refused' && forms && op.body && correcting ? (
        <Suspense fallback={<p>…</p>}>
          <RecordForm
            module={op.module}
            level={op.level}
            forms={forms}
            record={{ ...op.body, id: op.id }}
            problems={op.errors ?? []}
            submit={async (body) => {
              await correct(seq, { ...body, id: op.id });
              await storeRecord(op.module, op.level, { ...body, id: op.id, offline: 'pending' });
              return body;
            }}
            onSaved={() => {
              setCorrecting(false);
              announce();
            }}
          />
        </Suspense>
      ) : null}
      {op.state === 'refused' ? (
        <div className="actions">
          {op.body && !correcting ? (
            <button type="button" onClick={() => setCorrecting(true)}>
              {t('correct')}
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => window.confirm(t('discardAsk')) && void discard(seq).then(announce)}
          >
            {t('discard')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

const announce = () => void announceOutbox();

export function OutboxPage(props: { modules: readonly ModuleSummary[] }) {
  const t = useOfflineT();
  usePageTitle(t('outbox'));
  const [ops, setOps] = useState<OutboxOp[] | null>(null);
  const status = useSyncStatus();
  const reload = useCallback(() => void outboxOps().then(setOps), []);
  useEffect(() => {
    reload();
    window.addEventListener(OUTBOX_CHANGED, reload);
    return () => window.removeEventListener(OUTBOX_CHANGED, reload);
  }, [reload]);
  const blocked = blockedIds(ops ?? []);
  return (
    <section className="outbox-page">
      <h2>{t('outbox')}</h2>
      <p className="hint">{t('outboxHint')}</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="sync"
          disabled={status.kind === 'running' || !ops?.some((o) => o.state === 'pending')}
          onClick={() => void runSync()}
        >
          {t('sync')}
        </button>
      </div>
      {status.kind === 'running' ? (
        <p role="status">
          {t('syncing')}{' '}
          <progress aria-label={t('syncing')} value={status.done} max={Math.max(status.total, 1)} />
        </p>
      ) : null}
      {status.kind === 'done' ? (
        <p role="status" className="notice" data-testid="sync-report">
          {t('syncDone', { ...status.report })}
        </p>
      ) : null}
      {status.kind === 'failed' ? (
        <p role="alert" className="text-danger">
          {navigator.onLine ? `${t('syncFailed')} ${status.message}` : t('syncOffline')}
        </p>
      ) : null}
      {ops && ops.length === 0 ? <p data-testid="outbox-empty">{t('nothingPending')}</p> : null}
      <ol className="outbox">
        {(ops ?? []).map((op) => (
          <OutboxItem
            key={op.seq}
            op={op}
            blocked={blocked.has(op.id)}
            {...(props.modules.find((m) => m.code === op.module)
              ? { module: props.modules.find((m) => m.code === op.module) }
              : {})}
          />
        ))}
      </ol>
    </section>
  );
}
