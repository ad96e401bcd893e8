/**
 * The sync feed's cursor: the (transaction, history row) position of the last change a page returned,
 * written `<xid8>.<history id>`. `0` is the start. Opaque to consumers: they send back next_cursor.
 */
import { badRequest } from '../http/errors.ts';

export interface Cursor {
  /** xid8 as decimal text (it may exceed 2^53). */
  readonly tx: string;
  /** The history row id (bigint), as decimal text. */
  readonly id: string;
}

export const START: Cursor = { tx: '0', id: '0' };

/** The largest xid8 (and the largest bigint): a cursor beyond is not one the feed gave. */
const MAX_XID8 = 2n ** 64n - 1n;
const MAX_BIGINT = 2n ** 63n - 1n;

const CURSOR = /^(\d{1,20})(?:\.(\d{1,19}))?$/;

export function parseCursor(text: string | undefined): Cursor {
  if (text === undefined || text === '') return START;
  const m = CURSOR.exec(text);
  if (!m || BigInt(m[1] as string) > MAX_XID8 || BigInt(m[2] ?? '0') > MAX_BIGINT)
    throw badRequest([
      {
        path: '/query/since',
        code: 'format',
        message: `since doit être un curseur rendu par le flux (next_cursor), pas « ${text} ».`,
      },
    ]);
  return { tx: m[1] as string, id: m[2] ?? '0' };
}

export const formatCursor = (cursor: Cursor): string => `${cursor.tx}.${cursor.id}`;
