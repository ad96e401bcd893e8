/**
 * The small reader check-template.ts and check-levels.ts share: each method looks at one value, records
 * a problem at its path when it is not what is expected, and returns the value typed (or undefined).
 * Collecting instead of throwing is what lets a check report every problem at once.
 */
import { problem, type TemplateProblem, type TemplateProblemCode } from './template-problems.ts';

export type Obj = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Checker {
  readonly problems: TemplateProblem[];
  add(path: string, code: TemplateProblemCode, args?: Readonly<Record<string, string>>): void;
  missing(path: string, key: string): undefined;
  /** An object whose keys are among `known` (when given): each other key is a problem. */
  object(value: unknown, path: string, known?: readonly string[]): Obj | undefined;
  text(value: unknown, path: string, key?: string, max?: number): string | undefined;
  character(value: unknown, path: string): string | undefined;
  positiveInteger(value: unknown, path: string): number | undefined;
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], key?: string): T | undefined;
  textList(value: unknown, path: string, allowEmpty?: boolean): readonly string[] | undefined;
  optional<T>(value: unknown, read: () => T | undefined): T | undefined;
}

export function checker(): Checker {
  const problems: TemplateProblem[] = [];
  const add: Checker['add'] = (path, code, args) => {
    problems.push(problem(path, code, args));
  };
  const self: Checker = {
    problems,
    add,
    missing(path, key) {
      add(path, 'required', { key });
      return undefined;
    },
    object(value, path, known) {
      if (!isObject(value)) {
        add(path, 'not_object');
        return undefined;
      }
      if (known)
        for (const key of Object.keys(value))
          if (!known.includes(key))
            add(`${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, 'unknown_key', { key });
      return value;
    },
    text(value, path, key, max) {
      if (value === undefined && key !== undefined) return self.missing(path, key);
      if (typeof value !== 'string') {
        add(path, 'wrong_type', { expected_fr: 'Un texte', expected_en: 'A text' });
        return undefined;
      }
      if (value.trim() === '') {
        add(path, 'blank');
        return undefined;
      }
      if (max !== undefined && value.length > max) {
        add(path, 'too_long', { max: String(max) });
        return undefined;
      }
      return value;
    },
    character(value, path) {
      if (typeof value !== 'string' || [...value].length !== 1) {
        add(path, 'wrong_type', { expected_fr: 'Un seul caractère', expected_en: 'One character' });
        return undefined;
      }
      return value;
    },
    positiveInteger(value, path) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        add(path, 'wrong_type', { expected_fr: 'Un entier positif', expected_en: 'A positive integer' });
        return undefined;
      }
      return value;
    },
    oneOf(value, path, allowed, key) {
      if (value === undefined && key !== undefined) return self.missing(path, key);
      if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as never;
      add(path, 'not_one_of', { value: JSON.stringify(value) ?? 'undefined', allowed: allowed.join(', ') });
      return undefined;
    },
    textList(value, path, allowEmpty = false) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        add(path, 'wrong_type', { expected_fr: 'Une liste de textes', expected_en: 'A list of texts' });
        return undefined;
      }
      if (!allowEmpty && value.length === 0) {
        add(path, 'empty_list');
        return undefined;
      }
      const seen = new Set<string>();
      for (const [i, v] of (value as string[]).entries()) {
        if (seen.has(v)) add(`${path}/${i}`, 'duplicate', { value: v });
        seen.add(v);
      }
      return value as string[];
    },
    optional(value, read) {
      return value === undefined ? undefined : read();
    },
  };
  return self;
}
