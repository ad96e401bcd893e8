/**
 * The records above a record, root first (site group › site › visit for an observation), each with its
 * level and forms: for the breadcrumbs and the parent's key values on a child page. A record names its
 * parent in `<parent level>_id`; the chain is read one GET per level.
 */
import { useEffect, useState } from 'react';
import { api, type Json, type LevelForms, type LevelSummary, levelUrl, type ModuleSummary } from '../api.ts';
import { loadForms } from './use-forms.ts';

export interface Ancestor {
  readonly level: LevelSummary;
  readonly record: Json;
  /** Not localised: the caller localises in the reader's language. */
  readonly forms: LevelForms;
}

async function loadAncestors(module: ModuleSummary, level: LevelSummary, record: Json): Promise<Ancestor[]> {
  const chain: Ancestor[] = [];
  let child = { level, record };
  // Bounded by the tree's depth: a level is never its own ancestor.
  for (let depth = 0; depth < module.levels.length; depth++) {
    const parentKey = child.level.parents.find((p) => typeof child.record[`${p}_id`] === 'string');
    const parentLevel = module.levels.find((l) => l.key === parentKey);
    if (!parentKey || !parentLevel) break;
    const id = String(child.record[`${parentKey}_id`]);
    const [parent, forms] = await Promise.all([
      api.get<Json>(`${levelUrl(module.code, parentKey)}/${encodeURIComponent(id)}`),
      loadForms(module.code, parentKey),
    ]);
    chain.unshift({ level: parentLevel, record: parent, forms });
    child = { level: parentLevel, record: parent };
  }
  return chain;
}

/** The ancestors once loaded (an empty list for a root record, or when one is out of reach). */
export function useAncestors(module: ModuleSummary, level: LevelSummary, record: Json | null): Ancestor[] {
  const [chain, setChain] = useState<Ancestor[]>([]);
  useEffect(() => {
    setChain([]);
    if (!record) return;
    let live = true;
    loadAncestors(module, level, record).then(
      (c) => live && setChain(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [module, level, record]);
  return chain;
}
