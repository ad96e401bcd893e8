/** The shapes of /api/admin answers (runtime/admin) and a hook loading one list. */
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, api } from '../../api.ts';

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly users: number;
}
export interface AdminUser {
  readonly id: string;
  readonly login: string;
  readonly display_name: string;
  readonly organisation: { readonly id: string; readonly name: string } | null;
  readonly roles: readonly string[];
  readonly is_admin: boolean;
  readonly active: boolean;
}
export interface Grant {
  readonly id: string;
  readonly role: string | null;
  readonly user: { readonly id: string; readonly login: string } | null;
  readonly organisation: { readonly id: string; readonly name: string } | null;
  readonly module: string;
  readonly action: string;
  readonly scope: 'own' | 'organisation' | 'all';
}

export const ACTIONS = ['C', 'R', 'U', 'V', 'E', 'D'] as const;
export const SCOPES = ['own', 'organisation', 'all'] as const;

/** `GET url` → `answer[key]`, with a reload function and the last error. */
export function useList<T>(url: string, key: string) {
  const [items, setItems] = useState<readonly T[] | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const reload = useCallback(async () => {
    try {
      const answer = await api.get<Record<string, T[]>>(url);
      setItems(answer[key] ?? []);
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }, [url, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, reload };
}

/** Runs a write, returning the error to show (null when it worked). */
export async function attempt(write: () => Promise<unknown>): Promise<Error | null> {
  try {
    await write();
    return null;
  } catch (e) {
    return e as Error;
  }
}
