/**
 * Which items moved between two orderings: those outside a longest common subsequence of the items both
 * hold. Moving one field down reports that field, not every field it jumped over.
 */
export function movedItems<T>(previous: readonly T[], next: readonly T[]): Set<T> {
  const inNext = new Set(next);
  const inPrevious = new Set(previous);
  const a = previous.filter((x) => inNext.has(x));
  const b = next.filter((x) => inPrevious.has(x));
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] =
        a[i] === b[j]
          ? ((lengths[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lengths[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const kept = new Set<T>();
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i] as T);
      i++;
      j++;
    } else if (((lengths[i + 1] as number[])[j] as number) >= ((lengths[i] as number[])[j + 1] as number))
      i++;
    else j++;
  }
  return new Set(b.filter((x) => !kept.has(x)));
}
