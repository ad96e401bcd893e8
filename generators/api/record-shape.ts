/**
 * Which columns of a level's record a client may send: shared by the routes' body types and the
 * OpenAPI body schemas.
 */
import { type ResolvedLevel, SERVER_COLUMNS } from '../../protocol-specs/index.ts';

/**
 * Columns the server sets on every record (ids, audit, optimistic locking): never in a request body.
 * The geometry and the `<parent>_id` links are data the client sends. The types generator declares the
 * same columns as `RecordEnvelope`; the api tests compile one against the other.
 */
export { SERVER_COLUMNS };
export type ServerColumn = (typeof SERVER_COLUMNS)[number];

/** Computed fields and fields the spec declares read-only: the server owns their value. */
export const readOnlyFields = (level: ResolvedLevel): string[] =>
  level.fields.filter((f) => f.readOnly && f.kind !== 'section').map((f) => f.key);

/** The `<parent>_id` columns linking a record to its parents. */
export const parentLinks = (level: ResolvedLevel): string[] => level.parents.map((p) => `${p}_id`);

/** The links a record must carry: all of them, or none singly when one of several parents is enough. */
export const requiredParentLinks = (level: ResolvedLevel): string[] =>
  level.parentsRequired === 'all' ? parentLinks(level) : [];
