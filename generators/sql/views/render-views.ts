/** Table model → `002-views.sql`: one export view per level, then the SINP occurrence view. */
import type { ResolvedProtocol } from '../../../protocol-specs/index.ts';
import type { SchemaModel } from '../model.ts';
import { exportView } from './export-view.ts';
import { sinpView } from './sinp-view.ts';

export function renderViews(protocol: ResolvedProtocol, model: SchemaModel): string {
  const views = protocol.levels.map((level) => exportView(protocol, level));
  const sinp = sinpView(protocol, model);
  return [...views, ...(sinp ? [sinp] : [])].join('\n');
}
