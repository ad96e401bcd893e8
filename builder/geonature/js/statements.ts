/**
 * Reads the statements of a block body (`{ const x = …; if (…) { return … } }`) and of `change`
 * handlers, with JavaScript's automatic semicolons at line ends. It recognises the few shapes GeoNature
 * configs use — `const`, `if`/`else`, `return`, `objForm.patchValue({…})`, and the one-line form
 * `(test ? objForm.patchValue({…}) : '')` — and keeps anything else as `other`, for the caller to report.
 */
import { type ObjectEntry, readObjectLiteral } from './object-literal.ts';
import { closingIndex, isPunct, isWord, type Token, textOf, tokenize } from './tokens.ts';

export type Statement =
  /** `const`/`let`/`var`; `let x;` has the source `undefined`. */
  | { readonly kind: 'const'; readonly name: string; readonly source: string; readonly text: string }
  /** `const { a, b } = value`: each name is `<source>.<name>`. */
  | {
      readonly kind: 'destructure';
      readonly names: readonly string[];
      readonly source: string;
      readonly text: string;
    }
  /** A local assigned again: `x = …`, `x += …` (operator `+`). */
  | {
      readonly kind: 'assign';
      readonly name: string;
      readonly operator?: string;
      readonly source: string;
      readonly text: string;
    }
  /** `objForm.controls.f.setErrors({…})` (`clear`: `setErrors(null)`), the form's validity of field f. */
  | { readonly kind: 'setErrors'; readonly field: string; readonly clear: boolean; readonly text: string }
  | {
      readonly kind: 'if';
      readonly test: string;
      readonly consequent: readonly Statement[];
      readonly otherwise: readonly Statement[];
      readonly text: string;
    }
  | { readonly kind: 'return'; readonly source: string; readonly text: string }
  | {
      readonly kind: 'patch';
      readonly entries: readonly ObjectEntry[];
      /** The one-line conditional form: patched only when this holds. */
      readonly test?: string;
      readonly text: string;
    }
  | { readonly kind: 'other'; readonly reason: string; readonly text: string };

/** Tokens after which a line break does not end the statement. */
const CONTINUES = new Set([
  '(',
  '[',
  '{',
  ',',
  '?',
  ':',
  '&&',
  '||',
  '??',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '.',
  '?.',
]);
/** Tokens that continue the previous line when they start the next one. */
const LEADS = new Set([
  ')',
  ']',
  '}',
  '?',
  ':',
  '&&',
  '||',
  '??',
  '+',
  '*',
  '/',
  '%',
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '.',
  '?.',
  ',',
]);

export function readStatements(source: string): Statement[] {
  return new Reader(source).block(0, tokenize(source).length).statements;
}

class Reader {
  private readonly tokens: Token[];

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  block(from: number, to: number): { statements: Statement[] } {
    const statements: Statement[] = [];
    let i = from;
    while (i < to) {
      const t = this.tokens[i] as Token;
      if (t.type === 'newline' || isPunct(t, ';')) {
        i++;
        continue;
      }
      const [statement, next] = this.statement(i, to);
      statements.push(...statement);
      i = next;
    }
    return { statements };
  }

  /** One statement from `i`; returns it (a block gives several) and the index after it. */
  private statement(i: number, to: number): [Statement[], number] {
    const t = this.tokens[i] as Token;
    if (isPunct(t, '{')) {
      const close = this.close(i, to);
      return [this.block(i + 1, close).statements, close + 1];
    }
    if (isWord(t, 'if') && isPunct(this.next(i + 1), '(')) return this.ifStatement(i, to);
    if (isWord(t, 'switch') && isPunct(this.next(i + 1), '(')) return this.switchStatement(i, to);
    const end = this.end(i, to);
    const text = textOf(this.source, this.tokens.slice(i, end));
    const body = this.tokens.slice(i, end).filter((x) => x.type !== 'newline');
    if (isWord(t, 'const') || isWord(t, 'let') || isWord(t, 'var')) {
      const declaration = this.declaration(body, text);
      if (declaration) return [[declaration], end];
    }
    if (body[0]?.type === 'identifier' && !isWord(t, 'return')) {
      const assignment = this.assignment(body, text);
      if (assignment) return [[assignment], end];
    }
    if (isWord(t, 'return'))
      return [[{ kind: 'return', source: textOf(this.source, body.slice(1)), text }], end];
    return [[this.expressionStatement(body, text)], end];
  }

  /**
   * `switch (x) { case a: case b: …; return …; default: … }` → an `if`/`else if` chain on `x == a || x
   * == b`. A clause ends in `return` or `break` (dropped: what follows the switch runs); one that falls
   * through into the next after doing something is kept as `other`, for the caller to refuse.
   */
  private switchStatement(i: number, to: number): [Statement[], number] {
    const open = this.indexOf(i + 1, '(');
    const close = this.close(open, to);
    const subject = textOf(this.source, this.tokens.slice(open + 1, close));
    const braceOpen = this.indexOf(close + 1, '{');
    const braceClose = this.close(braceOpen, to);
    const text = textOf(this.source, this.tokens.slice(i, braceClose + 1));
    const clauses: Array<{ tests: string[]; body: Statement[] }> = [];
    let tests: string[] = [];
    let j = braceOpen + 1;
    while (j < braceClose) {
      const t = this.tokens[j] as Token;
      if (t.type === 'newline' || isPunct(t, ';')) {
        j++;
        continue;
      }
      const isCase = isWord(t, 'case');
      if (!isCase && !isWord(t, 'default'))
        return [[{ kind: 'other', reason: 'unexpected switch', text }], braceClose + 1];
      let colon = j + 1;
      while (colon < braceClose && !isPunct(this.tokens[colon], ':')) colon++;
      tests.push(
        isCase ? `(${subject}) == (${textOf(this.source, this.tokens.slice(j + 1, colon))})` : 'true',
      );
      let end = colon + 1;
      let depth = 0;
      for (; end < braceClose; end++) {
        const u = this.tokens[end] as Token;
        if (u.type === 'punct' && ['(', '[', '{'].includes(u.text)) depth++;
        if (u.type === 'punct' && [')', ']', '}'].includes(u.text)) depth--;
        if (depth === 0 && (isWord(u, 'case') || isWord(u, 'default'))) break;
      }
      const body = this.block(colon + 1, end).statements;
      j = end;
      if (body.length === 0) continue; // `case a: case b:` share the next body
      const last = body.at(-1);
      const isBreak = last?.kind === 'other' && last.text.trim() === 'break';
      if (!isBreak && last?.kind !== 'return' && end < braceClose)
        return [[{ kind: 'other', reason: 'a switch case falls through', text }], braceClose + 1];
      clauses.push({ tests, body: isBreak ? body.slice(0, -1) : body });
      tests = [];
    }
    if (clauses.slice(0, -1).some((c) => c.tests.includes('true')))
      return [[{ kind: 'other', reason: 'a switch default before other cases', text }], braceClose + 1];
    const chain = clauses.reduceRight<Statement[]>(
      (otherwise, clause) =>
        clause.tests.includes('true')
          ? clause.body
          : [{ kind: 'if', test: clause.tests.join(' || '), consequent: clause.body, otherwise, text }],
      [],
    );
    return [chain, braceClose + 1];
  }

  private ifStatement(i: number, to: number): [Statement[], number] {
    const open = this.indexOf(i + 1, '(');
    const close = this.close(open, to);
    const test = textOf(this.source, this.tokens.slice(open + 1, close));
    const [then, afterThen] = this.statement(this.skipNewlines(close + 1, to), to);
    let next = this.skipNewlines(afterThen, to);
    while (next < to && isPunct(this.tokens[next], ';')) next = this.skipNewlines(next + 1, to);
    let otherwise: Statement[] = [];
    let end = afterThen;
    if (next < to && isWord(this.tokens[next], 'else')) {
      [otherwise, end] = this.statement(this.skipNewlines(next + 1, to), to);
    }
    const text = textOf(this.source, this.tokens.slice(i, end));
    return [[{ kind: 'if', test, consequent: then, otherwise, text }], end];
  }

  /** `const x = …`, `let x;`, `var x = …`, `const { a, b } = …`. */
  private declaration(body: readonly Token[], text: string): Statement | undefined {
    const name = body[1];
    if (name?.type === 'identifier' && body.length === 2)
      return { kind: 'const', name: name.text, source: 'undefined', text };
    if (name?.type === 'identifier' && isPunct(body[2], '='))
      return { kind: 'const', name: name.text, source: textOf(this.source, body.slice(3)), text };
    const close = isPunct(name, '{') ? closingIndex(body, 1) : -1;
    if (close > 1 && isPunct(body[close + 1], '=')) {
      const names = body.slice(2, close).filter((x) => x.type === 'identifier');
      const shape = body.slice(2, close).every((x) => x.type === 'identifier' || isPunct(x, ','));
      if (shape && names.length > 0)
        return {
          kind: 'destructure',
          names: names.map((x) => x.text),
          source: textOf(this.source, body.slice(close + 2)),
          text,
        };
    }
    return undefined;
  }

  /** `x = …` or `x += …` on a local (never a form value: those go through patchValue). */
  private assignment(body: readonly Token[], text: string): Statement | undefined {
    const [name, op, next] = body;
    if (!name || body.length < 3) return undefined;
    if (isPunct(op, '=') && !isPunct(next, '='))
      return { kind: 'assign', name: name.text, source: textOf(this.source, body.slice(2)), text };
    if (
      op?.type === 'punct' &&
      ['+', '-', '*', '/'].includes(op.text) &&
      isPunct(next, '=') &&
      body.length > 3
    )
      return {
        kind: 'assign',
        name: name.text,
        operator: op.text,
        source: textOf(this.source, body.slice(3)),
        text,
      };
    return undefined;
  }

  private expressionStatement(body: readonly Token[], text: string): Statement {
    const errors = setErrorsOf(body);
    if (errors) return { ...errors, text };
    let tokens = body;
    // `(test ? objForm.patchValue({…}) : '')`: a conditional patch on one line.
    if (isPunct(tokens[0], '(') && closingIndex(tokens, 0) === tokens.length - 1)
      tokens = tokens.slice(1, -1);
    const question = topLevelIndex(tokens, '?');
    if (question > 0) {
      const colon = topLevelIndex(tokens, ':', question + 1);
      const otherwise = textOf(this.source, tokens.slice(colon + 1)).trim();
      const patch = colon > 0 ? this.patch(tokens.slice(question + 1, colon), text) : undefined;
      if (patch?.kind === 'patch' && ["''", '""', 'null', 'undefined'].includes(otherwise)) {
        return { ...patch, test: textOf(this.source, tokens.slice(0, question)) };
      }
    }
    return this.patch(tokens, text) ?? { kind: 'other', reason: 'not an assignment of form values', text };
  }

  /** `objForm.patchValue({…}, {emitEvent: false})`; the options object changes no value. */
  private patch(tokens: readonly Token[], text: string): Statement | undefined {
    const [a, dot, name, open] = tokens;
    if (!isWord(a, 'objForm') || !isPunct(dot, '.') || !isWord(name, 'patchValue') || !isPunct(open, '(')) {
      return undefined;
    }
    if (closingIndex(tokens, 3) !== tokens.length - 1 || !isPunct(tokens[4], '{')) return undefined;
    const closeObject = closingIndex(tokens, 4);
    const object = readObjectLiteral(textOf(this.source, tokens.slice(5, closeObject)));
    if (!object.ok) return { kind: 'other', reason: object.reason, text };
    return { kind: 'patch', entries: object.entries, text };
  }

  /** End of a statement: `;`, a closing brace of the enclosing block, or a line break that ends it. */
  private end(i: number, to: number): number {
    let depth = 0;
    for (let j = i; j < to; j++) {
      const t = this.tokens[j] as Token;
      if (t.type === 'punct' && ['(', '[', '{'].includes(t.text)) depth++;
      else if (t.type === 'punct' && [')', ']', '}'].includes(t.text)) {
        if (depth === 0) return j;
        depth--;
      } else if (depth === 0 && isPunct(t, ';')) return j;
      else if (depth === 0 && t.type === 'newline') {
        const before = this.tokens[j - 1];
        const after = this.next(j);
        if (before && !CONTINUES.has(before.text) && !(after && LEADS.has(after.text))) return j;
      }
    }
    return to;
  }

  private close(open: number, to: number): number {
    const close = closingIndex(this.tokens, open);
    return close < 0 || close > to ? to : close;
  }

  private next(i: number): Token | undefined {
    return this.tokens.slice(i).find((t) => t.type !== 'newline');
  }

  private indexOf(i: number, text: string): number {
    let j = i;
    while (j < this.tokens.length && !isPunct(this.tokens[j], text)) j++;
    return j;
  }

  private skipNewlines(i: number, to: number): number {
    let j = i;
    while (j < to && this.tokens[j]?.type === 'newline') j++;
    return j;
  }
}

/** Index of `text` at bracket depth 0 (and, for `:`, outside nested `?:`), or -1. */
function topLevelIndex(tokens: readonly Token[], text: string, from = 0): number {
  let depth = 0;
  let ternaries = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type !== 'punct') continue;
    if (['(', '[', '{'].includes(t.text)) depth++;
    else if ([')', ']', '}'].includes(t.text)) depth--;
    else if (depth === 0 && t.text === text && (text !== ':' || ternaries === 0)) return i;
    else if (depth === 0 && t.text === '?') ternaries++;
    else if (depth === 0 && t.text === ':') ternaries--;
  }
  return -1;
}

/** `objForm.controls.f.setErrors(…)`, `objForm.controls['f'].setErrors(…)`, `objForm.get('f').setErrors(…)`. */
function setErrorsOf(
  tokens: readonly Token[],
): { kind: 'setErrors'; field: string; clear: boolean } | undefined {
  const texts = tokens.map((t) => t.text);
  const at = texts.indexOf('setErrors');
  if (at < 4 || texts[0] !== 'objForm' || !isPunct(tokens[at + 1], '(')) return undefined;
  if (closingIndex(tokens, at + 1) !== tokens.length - 1) return undefined;
  const head = texts.slice(1, at).map((x) => (x === '?.' ? '.' : x));
  const unquote = (x: string | undefined) => x?.replace(/^['"](.*)['"]$/, '$1');
  let field: string | undefined;
  if (head[0] === '.' && head[1] === 'controls' && head[2] === '.' && head[4] === '.' && head.length === 5)
    field = head[3];
  else if (head[1] === 'controls' && head[2] === '[' && head[4] === ']' && head.length === 6)
    field = unquote(head[3]);
  else if (head[1] === 'get' && head[2] === '(' && head[4] === ')' && head.length === 6)
    field = unquote(head[3]);
  if (!field) return undefined;
  const args = texts.slice(at + 2, -1).join('');
  return { kind: 'setErrors', field, clear: ['null', 'undefined', ''].includes(args) };
}
