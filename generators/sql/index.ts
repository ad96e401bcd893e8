/**
 * The SQL generator: resolved protocol → table model (tables.ts) → `001-tables.sql`, and → views
 * (views/) → `002-views.sql`, and → the record-history triggers (history-triggers.ts) → `003-history.sql`, and
 * → the indexes added to installed tables (added-indexes.ts) → `004-indexes.sql`. The core schema every module relies on is not generated: it is the
 * hand-written migrations of runtime/db/core-schema/. Conventions in README.md.
 */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { banner } from '../core/banner.ts';
import type { GeneratedFile, Generator, GeneratorContext } from '../core/generated-file.ts';
import { renderAddedIndexes } from './added-indexes.ts';
import { renderHistoryTriggers } from './history-triggers.ts';
import { renderTables } from './render-tables.ts';
import { schemaModel } from './tables.ts';
import { renderViews } from './views/render-views.ts';

export const TABLES_FILE = '001-tables.sql';
export const VIEWS_FILE = '002-views.sql';
export const HISTORY_FILE = '003-history.sql';
export const ADDED_INDEXES_FILE = '004-indexes.sql';

export function generateSql(protocol: ResolvedProtocol, context: GeneratorContext): GeneratedFile[] {
  const model = schemaModel(protocol);
  const head = banner('sql', protocol, context);
  return [
    { path: TABLES_FILE, contents: `${head}\n${renderTables(model)}`, sql: 'install' },
    { path: VIEWS_FILE, contents: `${head}\n${renderViews(protocol, model)}`, sql: 'derived' },
    { path: HISTORY_FILE, contents: `${head}\n${renderHistoryTriggers(model)}`, sql: 'derived' },
    { path: ADDED_INDEXES_FILE, contents: `${head}\n${renderAddedIndexes(protocol, model)}`, sql: 'derived' },
  ];
}

export const sqlGenerator: Generator = {
  description:
    'PostgreSQL/PostGIS schema of the module: tables, constraints, indexes, comments, views and record-history triggers',
  generate: generateSql,
};

export { schemaModel };
