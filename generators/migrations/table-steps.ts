/**
 * Steps on tables and columns: removed ones archived then dropped, renames (never a drop and an add),
 * type changes with their cast, nullability and defaults, then new tables, columns and indexes. Each
 * uses the form that rewrites no table where one exists (README of this folder, docs/migrations.md).
 */
import type { Column, Constraint, Table } from '../sql/model.ts';
import { ident, qualified } from '../sql/names.ts';
import {
  renderColumn,
  renderConstraint,
  renderDefault,
  renderIndex,
  renderTable,
  renderType,
} from '../sql/render-tables.ts';
import { castBetween, sameType } from './casts.ts';
import type { Rename } from './constraint-diff.ts';
import { byOwner, columnId, fieldOf, type PlanContext, tableId } from './plan-context.ts';
import { acceptedResolutions, archiveTableName } from './resolutions.ts';
import type { DraftStep } from './steps.ts';
import { newColumn, type TablePair } from './table-pairing.ts';

const list = (names: readonly string[]) => names.join(', ');

/** Old columns without a counterpart in the new table. */
const removedColumns = (pair: TablePair): Column[] =>
  pair.old.columns.filter((c) => !pair.next.columns.some((n) => n.name === newColumn(pair, c.name)));

/** The columns identifying an archived row: the record's, and the row's own in a child table. */
const identityColumns = (table: Table): string[] =>
  ['id', 'record_id', 'position'].filter((n) => table.columns.some((c) => c.name === n));

export function archiveSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  const schema = ident(ctx.archiveSchema);
  for (const pair of ctx.tables.pairs) {
    for (const owner of byOwner(ctx.previous.protocol, pair.old, removedColumns(pair))) {
      const names = owner.columns.map((c) => c.name);
      const archive = `${schema}.${ident(archiveTableName(ctx.schema, ctx.from, `${pair.old.name}__${names[0]}`))}`;
      const values = owner.columns.filter((c) => c.generatedConstant === undefined).map((c) => ident(c.name));
      steps.push({
        id: `${owner.id}.archive`,
        class: 'destructive',
        description: {
          fr: `Colonnes ${list(names)} de ${pair.old.name} retirées : leurs valeurs sont copiées dans ${archive} avec l’id des enregistrements, puis supprimées`,
          en: `Columns ${list(names)} of ${pair.old.name} removed: their values are copied to ${archive} with the record ids, then dropped`,
        },
        sql: [
          `CREATE SCHEMA IF NOT EXISTS ${schema}`,
          ...(values.length === 0
            ? []
            : [
                `CREATE TABLE ${archive} AS SELECT ${[...identityColumns(pair.old).map(ident), ...values].join(', ')} FROM ${qualified(pair.old)} WHERE num_nonnulls(${values.join(', ')}) > 0`,
              ]),
          `ALTER TABLE ${qualified(pair.old)} ${names.map((n) => `DROP COLUMN ${ident(n)}`).join(', ')}`,
        ],
      });
    }
  }
  // Children before their parents: a table referenced by another is dropped after it.
  for (const table of [...ctx.tables.removed].reverse()) {
    const archive = `${schema}.${ident(archiveTableName(ctx.schema, ctx.from, table.name))}`;
    steps.push({
      id: `${tableId(table)}.archive`,
      class: 'destructive',
      description: {
        fr: `Table ${table.name} retirée : ses lignes sont copiées dans ${archive}, puis la table est supprimée`,
        en: `Table ${table.name} removed: its rows are copied to ${archive}, then the table is dropped`,
      },
      sql: [
        `CREATE SCHEMA IF NOT EXISTS ${schema}`,
        `CREATE TABLE ${archive} AS TABLE ${qualified(table)}`,
        `DROP TABLE ${qualified(table)}`,
      ],
    });
  }
  return steps;
}

/**
 * Renames in one namespace, in an order that never takes a name still in use: a rename to a name another
 * rename frees goes through a temporary name first (a swap of two keys).
 */
export function orderRenames(
  renames: readonly Rename[],
  statement: (from: string, to: string) => string,
): string[] {
  const taken = new Set(renames.map((r) => r.from));
  const through = renames.filter((r) => taken.has(r.to));
  const temporary = (r: Rename) => `${r.from.slice(0, 40)}__renaming_${renames.indexOf(r)}`;
  return [
    ...through.map((r) => statement(r.from, temporary(r))),
    ...renames.filter((r) => !taken.has(r.to)).map((r) => statement(r.from, r.to)),
    ...through.map((r) => statement(temporary(r), r.to)),
  ];
}

export function renameSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  const schema = ident(ctx.schema);
  const tables = ctx.tables.pairs.filter((p) => p.old.name !== p.next.name);
  const tableRenames = orderRenames(
    tables.map((p) => ({ from: p.old.name, to: p.next.name })),
    (from, to) => `ALTER TABLE ${schema}.${ident(from)} RENAME TO ${ident(to)}`,
  );
  if (tables.length > 0)
    steps.push({
      id: tables.length === 1 && tables[0] ? `${tableId(tables[0].next)}.rename` : 'tables.rename',
      class: 'rename',
      description: {
        fr: `Tables renommées : ${list(tables.map((p) => `${p.old.name} → ${p.next.name}`))}`,
        en: `Tables renamed: ${list(tables.map((p) => `${p.old.name} → ${p.next.name}`))}`,
      },
      sql: tableRenames,
    });
  for (const pair of ctx.tables.pairs) {
    const table = qualified(pair.next);
    const kept = pair.old.columns.filter((c) => {
      const to = newColumn(pair, c.name);
      return to !== c.name && pair.next.columns.some((n) => n.name === to);
    });
    const renamed = byOwner(
      ctx.next.protocol,
      pair.next,
      kept.map((c) => ({ ...c, name: newColumn(pair, c.name) })),
    ).map((owner) => ({
      id: `${owner.id}.rename`,
      renames: owner.columns.map((c) => ({
        from: [...pair.columns].find(([, b]) => b === c.name)?.[0] ?? c.name,
        to: c.name,
      })),
    }));
    // Keys swapped between fields: their renames depend on each other, so they go in one step.
    const all = renamed.flatMap((r) => r.renames);
    const swapped = all.some((r) => all.some((o) => o.from === r.to));
    const groups = swapped ? [{ id: `${tableId(pair.next)}.rename-columns`, renames: all }] : renamed;
    for (const { id, renames } of groups) {
      steps.push({
        id,
        class: 'rename',
        description: {
          fr: `Renommé (même id) : ${list(renames.map((r) => `${r.from} → ${r.to}`))} dans ${pair.next.name} ; les valeurs restent`,
          en: `Renamed (same id): ${list(renames.map((r) => `${r.from} → ${r.to}`))} in ${pair.next.name}; values stay`,
        },
        sql: orderRenames(
          renames,
          (from, to) => `ALTER TABLE ${table} RENAME COLUMN ${ident(from)} TO ${ident(to)}`,
        ),
      });
    }
    const diff = ctx.diffs.find((d) => d.pair === pair);
    const constraints = diff?.renamed ?? [];
    const indexes = diff?.renamedIndexes ?? [];
    if (constraints.length + indexes.length > 0)
      steps.push({
        id: `${tableId(pair.next)}.rename-constraints`,
        class: 'rename',
        description: {
          fr: `Contraintes et index de ${pair.next.name} renommés comme leurs champs`,
          en: `Constraints and indexes of ${pair.next.name} renamed after their fields`,
        },
        sql: [
          ...orderRenames(
            constraints,
            (from, to) => `ALTER TABLE ${table} RENAME CONSTRAINT ${ident(from)} TO ${ident(to)}`,
          ),
          ...orderRenames(
            indexes,
            (from, to) => `ALTER INDEX ${schema}.${ident(from)} RENAME TO ${ident(to)}`,
          ),
        ],
      });
  }
  return steps;
}

/** Type changes (with their cast and its check), recreated generated columns, relaxed NOT NULLs, defaults. */
export function columnChangeSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  for (const pair of ctx.tables.pairs) {
    const table = qualified(pair.next);
    const recreated = ctx.recreated.get(pair) ?? new Set<string>();
    for (const old of pair.old.columns) {
      const now = pair.next.columns.find((c) => c.name === newColumn(pair, old.name));
      if (!now) continue;
      const c = ident(now.name);
      const id = columnId(ctx.next.protocol, pair.next, now.name);
      if (recreated.has(old.name)) {
        steps.push({
          id: `${id}.recreate`,
          class: 'additive',
          description: {
            fr: `Colonne calculée ${now.name} recréée (nouvelle constante)`,
            en: `Generated column ${now.name} recreated (new constant)`,
          },
          sql: [
            `ALTER TABLE ${table} DROP COLUMN ${c}`,
            `ALTER TABLE ${table} ADD COLUMN ${renderColumn({ ...now, notNull: false })}`,
          ],
        });
        continue;
      }
      const typeChanged = !sameType(old.type, now.type);
      if (typeChanged) {
        const cast = castBetween(old.type, now.type);
        const types = `${renderType(old.type)} → ${renderType(now.type)}`;
        if (!cast) {
          ctx.problems.push({
            pointer: '',
            message: `${id}: no conversion from ${types}; remove the field and add a new one (under a new id) instead`,
          });
          continue;
        }
        const target = cast.failing
          ? {
              table: pair.next,
              predicate: `${c} IS NOT NULL AND (${cast.failing(c)})`,
              column: { name: now.name, type: old.type, notNull: old.notNull },
              level: pair.next.level,
              ...fieldOf(ctx.next.protocol, pair.next, now.name),
            }
          : undefined;
        steps.push({
          id: `${id}.type`,
          class: cast.failing ? 'data_dependent' : 'additive',
          description: {
            fr: `Type de ${pair.next.name}.${now.name} changé (${types})${cast.failing ? ' ; les valeurs qui ne se convertissent pas sont comptées d’abord' : ''}`,
            en: `Type of ${pair.next.name}.${now.name} changed (${types})${cast.failing ? '; values that do not convert are counted first' : ''}`,
          },
          sql: [
            ...(old.default ? [`ALTER TABLE ${table} ALTER COLUMN ${c} DROP DEFAULT`] : []),
            `ALTER TABLE ${table} ALTER COLUMN ${c} TYPE ${renderType(now.type)} USING ${cast.using(c)}`,
          ],
          ...(target ? { target, accepts: acceptedResolutions(target, false) } : {}),
        });
      }
      if (old.notNull && !now.notNull)
        steps.push({
          id: `${id}.nullable`,
          class: 'additive',
          description: {
            fr: `${pair.next.name}.${now.name} peut être vide`,
            en: `${pair.next.name}.${now.name} may be empty`,
          },
          sql: [`ALTER TABLE ${table} ALTER COLUMN ${c} DROP NOT NULL`],
        });
      const before = typeChanged ? undefined : old.default && renderDefault(old.default);
      const after = now.default && renderDefault(now.default);
      if (before !== after)
        steps.push({
          id: `${id}.default`,
          class: 'metadata',
          description: {
            fr: `Valeur par défaut de ${pair.next.name}.${now.name} : ${after ?? 'aucune'}`,
            en: `Default of ${pair.next.name}.${now.name}: ${after ?? 'none'}`,
          },
          sql: [`ALTER TABLE ${table} ALTER COLUMN ${c} ${after ? `SET DEFAULT ${after}` : 'DROP DEFAULT'}`],
        });
    }
  }
  return steps;
}

export function additionSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  const created = new Set(ctx.tables.pairs.map((p) => p.next.name));
  const deferred: Array<{ table: Table; constraint: Constraint }> = [];
  for (const table of ctx.tables.added) {
    const later = (c: Constraint) =>
      c.kind === 'foreign_key' &&
      c.references.schema === ctx.schema &&
      c.references.name !== table.name &&
      !created.has(c.references.name);
    deferred.push(...table.constraints.filter(later).map((constraint) => ({ table, constraint })));
    created.add(table.name);
    steps.push({
      id: `${tableId(table)}.create`,
      class: 'additive',
      description: { fr: `Nouvelle table ${table.name}`, en: `New table ${table.name}` },
      sql: [
        renderTable(
          table,
          table.constraints.filter((c) => !later(c)),
        ).trimEnd(),
      ],
    });
  }
  if (deferred.length > 0)
    steps.push({
      id: 'tables.foreign-keys',
      class: 'additive',
      description: { fr: 'Clés étrangères entre nouvelles tables', en: 'Foreign keys between new tables' },
      sql: deferred.map(
        ({ table, constraint }) => `ALTER TABLE ${qualified(table)} ADD ${renderConstraint(constraint)}`,
      ),
    });
  for (const pair of ctx.tables.pairs) {
    const olds = new Set(pair.old.columns.map((c) => newColumn(pair, c.name)));
    const added = pair.next.columns.filter((c) => !olds.has(c.name));
    for (const owner of byOwner(ctx.next.protocol, pair.next, added)) {
      steps.push({
        id: `${owner.id}.add`,
        class: 'additive',
        description: {
          fr: `Nouvelle colonne ${list(owner.columns.map((c) => c.name))} dans ${pair.next.name}`,
          en: `New column ${list(owner.columns.map((c) => c.name))} in ${pair.next.name}`,
        },
        // Nullable first: a NOT NULL is its own step, checked against the rows already there.
        sql: [
          `ALTER TABLE ${qualified(pair.next)} ${owner.columns.map((c) => `ADD COLUMN ${renderColumn({ ...c, notNull: false })}`).join(', ')}`,
        ],
      });
    }
  }
  for (const diff of ctx.diffs) {
    if (diff.addedIndexes.length === 0) continue;
    steps.push({
      id: `${tableId(diff.pair.next)}.indexes`,
      class: 'additive',
      description: {
        fr: `Index ajoutés à ${diff.pair.next.name} : ${list(diff.addedIndexes.map((i) => i.name))}`,
        en: `Indexes added to ${diff.pair.next.name}: ${list(diff.addedIndexes.map((i) => i.name))}`,
      },
      sql: diff.addedIndexes.map((i) => renderIndex(diff.pair.next, i)),
    });
  }
  return steps;
}
