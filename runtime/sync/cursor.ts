/**
 * The sync feed's cursor: the (transaction, history row) position of the last change a page returned,
 * written `<xid8>.<history id>`. `0` is the start. Opaque to consumers: they send back next_cursor.
 */
import { badRequest } from '../http/errors.ts';

export interface Cursor {
  /** xid8 as decimal text (it may exceed 2^53). */
  readonly tx: string;
  readonly id: number;
}

export const START: Cursor = { tx: '0', id: 0 };

const CURSOR = /^(\d{1,20})(?:\.(\d{1,18}))?$/;

export function parseCursor(text: string | undefined): Cursor {
  if (text === undefined || text === '') return START;
  const m = CURSOR.exec(text);
  if (!m)
    throw badRequest([
      {
        path: '/since',
        code: 'format',
        message: `since doit être un curseur rendu par le flux (next_cursor), pas « ${text} ».`,
      },
    ]);
  return { tx: m[1] as string, id: Number(m[2] ?? 0) };
}

export const formatCursor = (cursor: Cursor): string => `${cursor.tx}.${cursor.id}`;
