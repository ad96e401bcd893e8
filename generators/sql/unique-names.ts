/**
 * Names that must not clash: tables and index-backed names share a schema's namespace, columns and
 * constraints a table's. Keys may hold `__` and long names are hashed, so a clash is possible in
 * principle; PostgreSQL would report it far from its cause, so the generator refuses it here.
 */
import type { SchemaModel } from './model.ts';

export function checkUniqueNames(model: SchemaModel): void {
  const schemaWide = new Map<string, string>();
  const claim = (names: Map<string, string>, name: string, what: string) => {
    const previous = names.get(name);
    if (previous !== undefined)
      throw new Error(`${model.schema}: the ${what} and the ${previous} would both be named "${name}"`);
    names.set(name, what);
  };
  for (const table of model.tables) {
    claim(schemaWide, table.name, `table of ${table.field ?? table.level}`);
    const columns = new Map<string, string>();
    for (const c of table.columns) claim(columns, c.name, `column ${c.name} of ${table.name}`);
    const constraints = new Map<string, string>();
    for (const c of table.constraints) {
      claim(constraints, c.name, `constraint ${c.name} of ${table.name}`);
      if (c.kind === 'primary_key' || c.kind === 'unique')
        claim(schemaWide, c.name, `key ${c.name} of ${table.name}`);
    }
    for (const i of table.indexes) claim(schemaWide, i.name, `index ${i.name} of ${table.name}`);
  }
}
