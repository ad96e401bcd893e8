/**
 * Bound parameters: every value enters SQL as `$n`, never as text. `bind` hands out the next
 * placeholder (with a cast when given), so fragments built in several places (filters, the access
 * predicate, paging) share one numbering.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** `$n` (or `$n::cast`) for `value`. */
  bind(value: unknown, cast?: string): string {
    this.values.push(value);
    const placeholder = `$${this.values.length}`;
    return cast ? `${placeholder}::${cast}` : placeholder;
  }

  /** The values bound so far, numbered on from there: a query that needs one more value than a sibling. */
  copy(): SqlParams {
    const copy = new SqlParams();
    copy.values.push(...this.values);
    return copy;
  }
}

/** A function that binds a value and returns its placeholder: what hooks such as the access predicate get. */
export type Bind = (value: unknown, cast?: string) => string;
