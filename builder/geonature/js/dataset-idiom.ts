/**
 * GeoNature's "hide the dataset picker when the user has a single dataset": `Object.keys(meta.dataset)
 * .length == 1`, in any of its spellings (`=== 1`, `< 2` read with `meta.dataset &&`, `?.`, `|| {}`, a
 * ternary, a block). The translator reads `Object.keys(meta.dataset)` as the list of the user's datasets
 * (scope USER_DATASETS); the rule is the idiom when, evaluated for one to a few datasets, it holds for
 * exactly one. It reads the user's session, not the record, so it has no rule form; Suivi's web app
 * selects the dataset itself when a single one is offered.
 */
import { evaluateRule, isTruthy, type RuleNode, referencedFields } from '../../../protocol-specs/index.ts';
import { USER_DATASETS } from './expression.ts';

export const readsUserDatasets = (ast: RuleNode): boolean =>
  referencedFields(ast).some((f) => f.scope === USER_DATASETS);

export function singleDatasetTest(ast: RuleNode): boolean {
  if (referencedFields(ast).some((f) => f.scope !== USER_DATASETS)) return false;
  const holds = (count: number) =>
    isTruthy(
      evaluateRule(ast, {
        records: { [USER_DATASETS]: { datasets: Array.from({ length: count }, (_, i) => `d${i}`) } },
        today: '2000-01-01',
        now: '2000-01-01T00:00:00Z',
      }),
    );
  return holds(1) && [2, 3, 10].every((count) => !holds(count));
}
