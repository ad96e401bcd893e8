/** Random secrets and their hashes: the database keeps only the SHA-256 of what the client holds. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters), with an optional prefix naming its kind. */
export const newToken = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Prefix of API tokens, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'suivi_';
