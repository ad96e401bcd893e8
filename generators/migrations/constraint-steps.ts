/**
 * Steps on constraints: removed and changed ones dropped first (a changed CHECK could refuse a cast or a
 * rename's data); then, once tables and columns are in their new shape, NOT NULLs, removed codes still in
 * use, and new or changed constraints, each counted before it is added. CHECKs and foreign keys are
 * added NOT VALID then validated: no table rewrite, and only a short lock while existing rows are read.
 */
import { sqlLiteral } from '../../protocol-specs/index.ts';
import type { Constraint } from '../sql/model.ts';
import { constraintName, ident, qualified } from '../sql/names.ts';
import { renderConstraint } from '../sql/render-tables.ts';
import { fieldAt } from './pairing.ts';
import { fieldOf, fieldsOf, type PlanContext, tableId } from './plan-context.ts';
import { acceptedResolutions, type CheckTarget } from './resolutions.ts';
import type { DraftStep } from './steps.ts';
import { newColumn, type TablePair } from './table-pairing.ts';

const list = (names: readonly string[]) => names.join(', ');

export function dropSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  for (const diff of ctx.diffs) {
    if (diff.dropped.length + diff.droppedIndexes.length === 0) continue;
    const names = [...diff.dropped.map((c) => c.name), ...diff.droppedIndexes.map((i) => i.name)];
    steps.push({
      id: `${tableId(diff.pair.next)}.drop-constraints`,
      class: 'additive',
      description: {
        fr: `Contraintes et index retirés ou modifiés de ${diff.pair.old.name} supprimés (les modifiés sont rajoutés plus bas) : ${list(names)}`,
        en: `Removed or changed constraints and indexes of ${diff.pair.old.name} dropped (changed ones are added again below): ${list(names)}`,
      },
      sql: [
        ...(diff.dropped.length === 0
          ? []
          : [
              `ALTER TABLE ${qualified(diff.pair.old)} ${diff.dropped.map((c) => `DROP CONSTRAINT ${ident(c.name)}`).join(', ')}`,
            ]),
        ...diff.droppedIndexes.map((i) => `DROP INDEX ${ident(ctx.schema)}.${ident(i.name)}`),
      ],
    });
  }
  return steps;
}

/** Whether a column of the new table is new in this plan (so its constraints find only defaults or NULLs). */
const isNewColumn = (pair: TablePair, column: string) =>
  !pair.old.columns.some((c) => newColumn(pair, c.name) === column);

export function notNullSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  for (const pair of ctx.tables.pairs) {
    for (const now of pair.next.columns) {
      if (!now.notNull) continue;
      const old = pair.old.columns.find((c) => newColumn(pair, c.name) === now.name);
      if (old?.notNull) continue;
      const c = ident(now.name);
      const owner = fieldOf(ctx.next.protocol, pair.next, now.name);
      const target: CheckTarget = {
        table: pair.next,
        predicate: `${c} IS NULL`,
        column: now,
        level: pair.next.level,
        ...owner,
      };
      const filled = !old && now.default !== undefined;
      steps.push({
        id: `${owner.field === undefined ? `${tableId(pair.next)}.${now.name}` : `${pair.next.level}.${owner.field}`}.not_null`,
        class: filled ? 'additive' : 'data_dependent',
        description: {
          fr: `${pair.next.name}.${now.name} devient obligatoire (NOT NULL) ; les lignes vides sont comptées d’abord`,
          en: `${pair.next.name}.${now.name} becomes required (NOT NULL); empty rows are counted first`,
        },
        sql: [`ALTER TABLE ${qualified(pair.next)} ALTER COLUMN ${c} SET NOT NULL`],
        target,
        accepts: acceptedResolutions(target, false),
      });
    }
  }
  return steps;
}

/**
 * Codes a vocabulary field no longer offers while its table keeps no `__choice` check (it offers the
 * whole vocabulary, and removed codes stay in ref.vocabulary): the rows holding them are counted.
 * Fields with a `__choice` check are counted by that check's step.
 */
export function removedValueSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  for (const pair of ctx.tables.pairs) {
    const oldLevel = ctx.previous.protocol.levels.find((l) => l.key === pair.old.level);
    const newLevel = ctx.next.protocol.levels.find((l) => l.key === pair.next.level);
    if (!oldLevel || !newLevel) continue;
    for (const [column, owner] of fieldsOf(ctx.previous.protocol, pair.old).columns) {
      const old = fieldAt(oldLevel, owner.path);
      const nextName = newColumn(pair, column);
      const nowOwner = fieldsOf(ctx.next.protocol, pair.next).columns.get(nextName);
      const now = nowOwner && fieldAt(newLevel, nowOwner.path);
      if (!nowOwner || old?.kind !== 'vocabulary' || now?.kind !== 'vocabulary') continue;
      if (column !== old.key || now.multiple) continue;
      if (pair.next.constraints.some((c) => c.name === constraintName(now.key, 'choice'))) continue;
      const removed = old.codes.filter((code) => !now.codes.includes(code));
      if (removed.length === 0) continue;
      const target: CheckTarget = {
        table: pair.next,
        predicate: `${ident(now.key)} IN (${removed.map(sqlLiteral).join(', ')})`,
        column: pair.next.columns.find((c) => c.name === now.key) ?? {
          name: now.key,
          type: 'text',
          notNull: false,
        },
        level: pair.next.level,
        field: nowOwner.path,
      };
      steps.push({
        id: `${pair.next.level}.${nowOwner.path}.values`,
        class: 'data_dependent',
        description: {
          fr: `Codes retirés de ${pair.next.name}.${now.key} : ${list(removed)} ; les lignes qui les portent sont comptées`,
          en: `Codes removed from ${pair.next.name}.${now.key}: ${list(removed)}; rows holding them are counted`,
        },
        sql: [],
        target,
        accepts: acceptedResolutions(target, true),
      });
    }
  }
  return steps;
}

/** The rows a new constraint would refuse (NULL satisfies a CHECK, as PostgreSQL has it). */
function violations(c: Constraint): string | undefined {
  switch (c.kind) {
    case 'check':
      return `NOT (${c.sql})`;
    case 'foreign_key': {
      const present = c.columns.map((col) => `t.${ident(col)} IS NOT NULL`);
      const joins = c.columns.map((col, i) => `r.${ident(c.referencedColumns[i] ?? col)} = t.${ident(col)}`);
      return `${present.join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${qualified(c.references)} AS r WHERE ${joins.join(' AND ')})`;
    }
    case 'primary_key':
    case 'unique':
      return undefined;
  }
}

export function constraintSteps(ctx: PlanContext): DraftStep[] {
  const steps: DraftStep[] = [];
  for (const diff of ctx.diffs) {
    const { pair } = diff;
    const table = qualified(pair.next);
    const owners = fieldsOf(ctx.next.protocol, pair.next).constraints;
    for (const c of diff.added) {
      const owner = owners.get(c.name);
      const id = owner
        ? `${pair.next.level}.${owner.path}${owner.kind ? `.${owner.kind}` : ''}`
        : `${tableId(pair.next)}.${c.name}`;
      const add = `ALTER TABLE ${table} ADD ${renderConstraint(c)}`;
      const predicate = violations(c);
      if (predicate === undefined) {
        steps.push({
          id,
          class: 'additive',
          description: {
            fr: `Nouvelle contrainte ${c.name} sur ${pair.next.name}`,
            en: `New constraint ${c.name} on ${pair.next.name}`,
          },
          sql: [add],
        });
        continue;
      }
      const fieldKey = owner?.path.slice(owner.path.lastIndexOf('.') + 1);
      const column = pair.next.columns.find((col) => col.name === fieldKey);
      const target: CheckTarget = {
        table: pair.next,
        predicate,
        ...(column ? { column } : {}),
        level: pair.next.level,
        ...(owner ? { field: owner.path } : {}),
      };
      const fresh = column !== undefined && isNewColumn(pair, column.name);
      steps.push({
        id,
        class: fresh ? 'additive' : 'data_dependent',
        description: {
          fr: `Contrainte ${c.name} sur ${pair.next.name}${c.kind === 'check' ? ` : ${c.sql}` : ''} ; les lignes qui la violeraient sont comptées, puis elle est ajoutée NOT VALID et validée`,
          en: `Constraint ${c.name} on ${pair.next.name}${c.kind === 'check' ? `: ${c.sql}` : ''}; rows that would violate it are counted, then it is added NOT VALID and validated`,
        },
        sql: [`${add} NOT VALID`, `ALTER TABLE ${table} VALIDATE CONSTRAINT ${ident(c.name)}`],
        keepSql: [`${add} NOT VALID`],
        target,
        accepts: acceptedResolutions(target, true),
      });
    }
  }
  return steps;
}
