/** Keys of the reference store: what an area download saves and the local API reads back. */
export type OfflineReference = 'account' | 'modules' | 'forms' | 'vocabulary' | 'taxa' | 'users' | 'datasets';

export const referenceKey = (kind: OfflineReference, ...parts: string[]) => [kind, ...parts].join(':');
