/** TypeScript names of a protocol's types: `chiro_gites` + `sites_group` → `ChiroGitesSitesGroup`. */

export const pascalCase = (snake: string): string =>
  snake
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The level's data: what its form edits. */
export const levelTypeName = (code: string, levelKey: string): string =>
  `${pascalCase(code)}${pascalCase(levelKey)}`;

/** The level's record as the API returns it: the data, the parent links and the envelope. */
export const recordTypeName = (code: string, levelKey: string): string =>
  `${levelTypeName(code, levelKey)}Record`;
