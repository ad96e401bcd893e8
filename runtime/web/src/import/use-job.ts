/** A job followed while it runs: polled every second until it is done, failed or rolled back. */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { type JobDetail, jobUrl } from './import-api.ts';

const POLL_MS = 1000;

export function useJob(id: string | undefined) {
  const [detail, setDetail] = useState<JobDetail>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick asks for a fresh read
  useEffect(() => {
    if (!id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const next = await api.get<JobDetail>(jobUrl(id));
        if (!live) return;
        setDetail(next);
        if (next.job.status === 'queued' || next.job.status === 'running') timer = setTimeout(read, POLL_MS);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void read();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [id, tick]);
  return { detail, error, reload: () => setTick((n) => n + 1) };
}
