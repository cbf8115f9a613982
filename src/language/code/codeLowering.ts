/**
 * Straight-line code to a graph, define-by-run: statements run top to bottom, each assignment
 * makes a new version of its name, and a conditional takes the branch its condition selects at
 * the point (known values only, never by running code), marking the choice on a `select` node.
 *
 * A call of a function defined in the code is followed as PyTorch would record it: the body
 * runs with its parameters bound to the argument nodes, its nodes join the graph with their
 * ranges in the definition, and its conditionals take the branch the arguments select. Its
 * parameters are not inputs. Graph names: a call's value is named after the function (`act`,
 * the next call's `act₂`) unless the statement that makes it names it (`f = act(x)`); a name
 * the function assigns, and a value computed for one of its parameters, is named `act.t`
 * (every assignment that runs is a new version, over all calls). Recursion, calls nested
 * deeper than MAX_CALL_DEPTH, and more than MAX_CALLS calls or MAX_INLINED_NODES nodes made
 * inside calls are refused with the place.
 */
import { markReaching } from '../../engine/backward';
import { GraphBuilder } from '../../engine/graphBuilder';
import type { Graph } from '../../engine/ir';
import type { OpName } from '../../engine/opName';
import { opSpec } from '../../engine/ops';
import { matchArguments, type Received } from './callArguments';
import { Frame, localsOf, type Closure, type Value } from './callFrame';
import { targetNames, type UnpackStatement } from './listAst';
import { bindTarget, ListLowering, listsTooDeep, MAX_LIST_DEPTH } from './listLowering';
import { namesIn, readOrUndefined } from './freeNames';
import type {
  CallExpr,
  Expr,
  Formula,
  Fragment,
  FunctionDefinition,
  ForStatement,
  IfStatement,
  LoopIterable,
  LoopTarget,
  NameAt,
  Param,
  Statement,
  SwitchStatement,
  WhileStatement,
} from './codeAst';
import { CodeError, MAX_NODES } from './codeError';
import { evaluate, givesLeft, truthy } from './evaluate';
import type { Reference } from '../frontEnd';
import { Expansion, postOrder } from './postOrder';
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';
import { excerpt } from './syntax';
import {
  endlessLoop,
  MAX_ITERATIONS,
  MAX_NESTING,
  rangeArguments,
  rangeLength,
  shown,
  tooDeep,
  tooManyIterations,
} from './loops';
import { statementEvents } from './statementWalk';
import { checkedNode } from './valueCheck';

export interface LoweringRequest {
  readonly fragment: Fragment;
  /** A name's value before the selection runs, found in the document (not typed by the user). */
  readonly valueBefore: (name: string) => number | undefined;
  /** Where that value was bound, for telling bindings of one name apart. */
  readonly boundBefore?: (name: string) => Span | undefined;
  /**
   * Values the user typed, by input key: they win even over a number assigned inside the
   * selection. A plain name sets the binding `claim` names, else the one its first read reads.
   */
  readonly given: (key: string) => number | undefined;
  /** Which binding of a name a plain typed value sets: its offset, or -1 for the one before. */
  readonly claim?: (name: string) => number | undefined;
  /** The function a name stands for before the selection runs (defined above it). */
  readonly functionBefore?: (name: string) => FunctionDefinition | undefined;
  /** A list of numbers a name holds before the selection runs (`xs = [1.0, 2.0]` above it). */
  readonly listBefore?: (name: string) => readonly number[] | undefined;
  /** What can be called, for the message about a call that cannot be followed. */
  readonly callable?: string;
  /** The name asked for as the output. */
  readonly output?: string;
  /** The inspected part of the document, for messages about the whole selection. */
  readonly span: Span;
  /** The largest graph to build (default MAX_NODES). */
  readonly maxNodes?: number;
}

export interface LiteralValue {
  readonly value: number;
  readonly span: Span;
}

export interface LoweredFragment {
  readonly graph: Graph;
  readonly outputName: string;
  /** In document order. */
  readonly references: readonly Reference[];
  /**
   * Inputs made by binding a name to a value the code fixes inside the selection (`x = -2`),
   * by node, with that value.
   */
  readonly literals: ReadonlyMap<number, LiteralValue>;
  /** For each plain name the user gave a value: the key of the input that value sets. */
  readonly valueTargets: ReadonlyMap<string, string>;
  /**
   * Plain names whose typed value went to another binding than the one now keyed by the plain
   * name (the output changed which binding it reads): lower again with these claims.
   */
  readonly reclaim: ReadonlyMap<string, number>;
}

/** Calls nested deeper than this are refused (a chain of helpers this deep is no model). */
export const MAX_CALL_DEPTH = 100;
/** Calls that make no nodes can still multiply (each calling the next twice): they are counted. */
export const MAX_CALLS = 100_000;
export const MAX_INLINED_NODES = 100_000;

export function lowerFragment(request: LoweringRequest, lines: SourceLines): LoweredFragment {
  return new Lowerer(request, lines).lower();
}

interface Produced {
  /** The assigned name, or a bare name standing alone (`f` on the last line). */
  readonly name?: string;
  readonly node: number;
  readonly returned: boolean;
}

/** A call's value, to be named after the function unless its statement names it. */
interface CallValue {
  readonly node: number;
  readonly name: string;
}

class Lowerer {
  private readonly builder = new GraphBuilder();
  /** The selection's names: the node of the latest assignment of each, its functions. */
  private readonly top = new Frame(undefined, undefined, new Map());
  /** Where names are looked up now: the selection's frame, or that of the call running. */
  private frame = this.top;
  private readonly inputs = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  /** Each node's value where known: conditions are decided with these. */
  private readonly values: (number | undefined)[] = [];
  private readonly references: Reference[] = [];
  /**
   * The names referenced inside calls: a function called twice reads its names twice. A
   * function is read once, so each occurrence is one object.
   */
  private readonly referenced = new Set<Span>();
  private readonly literals = new Map<number, LiteralValue>();
  /** Every input of each name in the selection's frame, in the order they were bound. */
  private readonly bindings = new Map<string, number[]>();
  /** Each such input's offset: its target's, or -1 for a value bound before the selection. */
  private readonly bindingOffsets = new Map<number, number>();
  /** The input that a plain typed value of each name sets. */
  private readonly claims = new Map<string, number>();
  /** Where each name assigned (or function defined) in the fragment is first bound. */
  private readonly firstAssignments: ReadonlyMap<string, Span>;
  /** The calls running now, outermost first. */
  private readonly active: Closure[] = [];
  private readonly callValues: CallValue[] = [];
  private calls = 0;
  private inlinedNodes = 0;
  /** The value `.backward()` was called on (micrograd, PyTorch): the output. */
  private backward: Produced | undefined;
  /** Loops: iterations unrolled so far, loops and switches running, a pending break/continue. */
  private iterations = 0;
  private loops = 0;
  private switches = 0;
  private nesting = 0;
  private jump: 'break' | 'continue' | undefined;
  /** Where each referenced span's reference is: a loop's later iteration replaces it. */
  private readonly referenceIndex = new Map<Span, number>();
  /** Errors that already say in which call they happened. */
  private readonly explained = new WeakSet<CodeError>();
  /** Lists and tuples: literals, comprehensions, indexing, reductions (listLowering.ts). */
  private readonly lists = new ListLowering({
    scalar: (expr) => this.expression(expr),
    decide: (expr, why) => this.decide(expr, why),
    constant: (value, span, meta) => this.constant(value, span, meta),
    op: (op, operands, span) => this.op(op, operands, span),
    listNamed: (name) => this.listNamed(name),
    within: (names, run) => this.within(names, run),
    textOf: (span) => this.textOf(span),
  });
  /** The lists read from before the selection, each element an input (`xs[0]`). */
  private readonly listInputs = new Map<string, readonly Value[]>();
  /** The lists passed to calls, each standing in its call's arguments as -(index + 1). */
  private readonly listArgs: (readonly Value[])[] = [];
  /** Comprehensions and callbacks running: a name in them has a reference at its first run. */
  private unrolling = 0;

  constructor(
    private readonly request: LoweringRequest,
    private readonly lines: SourceLines,
  ) {
    this.firstAssignments = firstAssignments(request.fragment.body);
  }

  lower(): LoweredFragment {
    const { fragment } = this.request;
    for (const param of fragment.params ?? []) {
      this.parameter(param);
    }
    this.hoist(fragment.body);
    let last: Produced | undefined;
    let previous: Statement | undefined;
    for (const statement of fragment.body) {
      if (last?.returned === true && previous?.kind !== 'return') {
        // A branch returned (define-by-run): the statements after it do not run at this point.
        break;
      }
      previous = statement;
      if (last?.returned === true) {
        throw new CodeError(
          'unsupported',
          'code after `return` never runs: select up to the return',
          statement.span,
        );
      }
      // A definition computes nothing: the output is what the statements before it made.
      last = this.statement(statement) ?? last;
    }
    this.refuseListOutput(last);
    const output = this.chooseOutput(last);
    this.assignKeys(output.node);
    return {
      graph: this.builder.build(output.node),
      outputName: output.name,
      references: this.sortedReferences(),
      literals: this.literals,
      valueTargets: this.valueTargets(),
      reclaim: this.reclaims(),
    };
  }

  /**
   * Inputs that share a name are told apart by line (`x (line 4)`), but for the one binding the
   * output reads when it reads only one: that one is plain `x`, as a user means it.
   */
  private assignKeys(output: number): void {
    const reaches = markReaching(this.builder.build(output), output);
    for (const [name, nodes] of this.bindings) {
      const [only] = nodes;
      if (nodes.length === 1 && only !== undefined) {
        this.builder.setKey(only, name);
        continue;
      }
      const used = nodes.filter((node) => reaches[node] === 1);
      const plain = used.length === 1 ? used[0] : undefined;
      const keys = nodes.map((node) => this.lineKey(name, node, false));
      const clash = new Set(keys).size < keys.length;
      nodes.forEach((node) => {
        this.builder.setKey(node, node === plain ? name : this.lineKey(name, node, clash));
      });
    }
  }

  /** `x (line 4)`, or `x (line 4, column 9)` when two bindings share a line. */
  private lineKey(name: string, node: number, withColumn: boolean): string {
    const offset = this.bindingOffsets.get(node) ?? -1;
    const span = offset >= 0 ? { from: offset, to: offset } : this.request.boundBefore?.(name);
    if (span === undefined) {
      return `${name} (before)`;
    }
    const { line, column } = this.lines.positionAt(span.from);
    return withColumn
      ? `${name} (line ${line + 1}, column ${column + 1})`
      : `${name} (line ${line + 1})`;
  }

  private keyOf(node: number): string {
    const made = this.builder.node(node);
    return made.kind === 'input' ? (made.key ?? made.name) : '';
  }

  private valueTargets(): Map<string, string> {
    const targets = new Map<string, string>();
    for (const [name, node] of this.claims) {
      if (this.request.given(name) !== undefined) {
        targets.set(name, this.keyOf(node));
      }
    }
    return targets;
  }

  private reclaims(): Map<string, number> {
    const reclaim = new Map<string, number>();
    for (const [name, nodes] of this.bindings) {
      const plain = nodes.find((node) => this.keyOf(node) === name);
      const claimed = this.claims.get(name);
      if (this.request.given(name) === undefined || plain === undefined || plain === claimed) {
        continue;
      }
      if (this.request.claim?.(name) === undefined) {
        reclaim.set(name, this.bindingOffsets.get(plain) ?? -1);
      }
    }
    return reclaim;
  }

  /** Records an input of the selection's frame as one binding of its name. */
  private addBinding(name: string, node: number, offset: number): void {
    const nodes = this.bindings.get(name) ?? [];
    nodes.push(node);
    this.bindings.set(name, nodes);
    this.bindingOffsets.set(node, offset);
  }

  /**
   * The value of a new binding: typed for its own key, else the plain typed value when this
   * binding is the one it sets, else what the code binds.
   */
  private bindingValue(name: string, node: number, offset: number, bound: number | undefined) {
    const own = this.request.given(this.lineKey(name, node, false));
    if (own !== undefined) {
      return own;
    }
    const claim = this.request.claim?.(name);
    if (claim !== undefined && claim === offset && !this.claims.has(name)) {
      this.claims.set(name, node);
      return this.request.given(name) ?? bound;
    }
    return bound;
  }

  /** The first read of a name claims the binding it reads, unless a claim says otherwise. */
  private claimOnRead(name: string, node: number): void {
    if (this.claims.has(name) || this.request.claim?.(name) !== undefined) {
      return;
    }
    if (!this.bindingOffsets.has(node)) {
      return;
    }
    this.claims.set(name, node);
    const own = this.request.given(this.lineKey(name, node, false));
    const plain = this.request.given(name);
    if (own === undefined && plain !== undefined) {
      this.values[node] = plain;
    }
  }

  /** A name's value before the selection: typed by the user or found in the document. */
  private before(name: string): number | undefined {
    return this.request.given(name) ?? this.request.valueBefore(name);
  }

  private parameter(param: Param): void {
    const list = this.listNamed(param.name);
    if (list !== undefined) {
      // A list given for a parameter (`# at: ws=[0.5, -1.0]`): each item an input (`ws[0]`).
      this.top.bind(param.name.name, list);
      return;
    }
    const node = this.input(param.name);
    this.reference(param.name, node, 'parameter');
  }

  /** Runs one statement; undefined for one that computes nothing (a definition). */
  private statement(statement: Statement): Produced | undefined {
    const callsBefore = this.callValues.length;
    const produced = this.execute(statement);
    // A call's `return` leaves naming the value it returns to the statement that made the call.
    const returned = this.frame !== this.top && produced?.returned === true ? produced.node : -1;
    this.nameCallValues(callsBefore, returned);
    return produced;
  }

  private execute(statement: Statement): Produced | undefined {
    const firstNew = this.builder.size;
    switch (statement.kind) {
      case 'assign':
        return this.assign(statement, firstNew);
      case 'expression':
        return this.expressionStatement(statement);
      case 'return': {
        const node = this.expression(statement.value);
        const functionName = this.request.fragment.functionName;
        if (
          this.frame === this.top &&
          functionName !== undefined &&
          node >= firstNew &&
          this.isUnnamedOp(node)
        ) {
          this.builder.rename(node, { name: functionName });
        }
        return { node, returned: true };
      }
      case 'unpack':
        return this.unpack(statement);
      case 'function':
        if (!statement.definition.hoisted) {
          this.define(statement.definition);
        }
        return undefined;
      case 'if':
        return this.ifStatement(statement);
      case 'for':
        return this.forStatement(statement);
      case 'while':
        return this.whileStatement(statement);
      case 'switch':
        return this.switchStatement(statement);
      case 'block':
        return this.scopedBlock(statement.body, statement.scoped);
      case 'break':
      case 'continue':
        return this.jumpStatement(statement.kind, statement.span);
    }
  }

  /**
   * Statements in order until a `return`, `break` or `continue`: the return's Produced, or the
   * last one made.
   */
  private block(body: readonly Statement[], span?: Span): Produced | undefined {
    if (++this.nesting > MAX_NESTING) {
      throw tooDeep(span ?? body[0]?.span ?? this.request.span);
    }
    try {
      this.hoist(body);
      let last: Produced | undefined;
      for (const statement of body) {
        const produced = this.statement(statement);
        if (produced?.returned === true) {
          return produced;
        }
        last = produced ?? last;
        if (this.jump !== undefined) {
          break;
        }
      }
      return last;
    } finally {
      this.nesting--;
    }
  }

  /** JavaScript's `{ … }`: the names it declares are its own, the outer ones come back after. */
  private scopedBlock(body: readonly Statement[], scoped: readonly string[]): Produced | undefined {
    const frame = this.frame;
    const saved = scoped.map((name) => [name, frame.values.get(name)] as const);
    try {
      return this.block(body);
    } finally {
      for (const [name, node] of saved) {
        if (node === undefined) {
          frame.values.delete(name);
        } else {
          frame.bindValue(name, node);
        }
      }
    }
  }

  private jumpStatement(kind: 'break' | 'continue', span: Span): undefined {
    if (this.loops === 0 && (kind === 'continue' || this.switches === 0)) {
      throw new CodeError('unsupported', `\`${kind}\` outside a loop`, span);
    }
    this.jump = kind;
    return undefined;
  }

  /**
   * `if`/`elif`/`else`, define-by-run: the branch the known values select runs, as PyTorch
   * records it; the condition gets a note saying which, and the gradient does not flow through it.
   */
  private ifStatement(statement: IfStatement): Produced | undefined {
    const value = this.decide(statement.test, 'decides which branch of the `if` runs');
    const taken = truthy(value);
    const branch = taken
      ? 'took the `if` branch'
      : statement.alternative.length > 0
        ? 'took the `else` branch'
        : 'skipped the `if` body';
    this.conditionNote(
      statement.test,
      value,
      `\`${this.textOf(statement.test.span)}\` is ${String(taken)} at this point: ${branch} (define-by-run); the gradient does not flow through the condition`,
    );
    return this.block(taken ? statement.consequent : statement.alternative, statement.span);
  }

  /** A constant for a condition's truth, with a note and a reference at its text (the hover's). */
  private conditionNote(test: Expr, value: number, note: string): void {
    const node = this.constant(Number(truthy(value)), test.span, { note });
    this.reference({ name: this.textOf(test.span), span: test.span }, node, 'condition');
  }

  /** JavaScript's `switch`: the first case equal to the value (===), falling through to a break. */
  private switchStatement(statement: SwitchStatement): Produced | undefined {
    const value = this.decide(statement.discriminant, 'decides which case of the `switch` runs');
    const { cases } = statement;
    let start = cases.findIndex(
      (branch) =>
        branch.test !== undefined &&
        this.decide(branch.test, 'is compared with the `switch` value') === value,
    );
    const matched = start >= 0;
    if (!matched) {
      start = cases.findIndex((branch) => branch.test === undefined);
    }
    const chosen = cases[start];
    this.conditionNote(
      statement.discriminant,
      1,
      `\`${this.textOf(statement.discriminant.span)}\` is ${shown(value)} at this point: ${chosen === undefined ? 'no case matches' : `took \`${chosen.test === undefined ? 'default' : `case ${this.textOf(chosen.test.span)}`}\``}; the gradient does not flow through the value switched on`,
    );
    if (chosen === undefined) {
      return undefined;
    }
    this.switches++;
    try {
      let last: Produced | undefined;
      for (const branch of cases.slice(start)) {
        const produced = this.block(branch.body, branch.span);
        if (produced?.returned === true) {
          return produced;
        }
        last = produced ?? last;
        if (this.jump !== undefined) {
          break;
        }
      }
      if (this.jump === 'break') {
        this.jump = undefined;
      }
      return last;
    } finally {
      this.switches--;
    }
  }

  /** `for … in …` / `for … of …`: one iteration per item, each in a group of its own. */
  private forStatement(statement: ForStatement): Produced | undefined {
    const items = this.iterate(statement.iterable, statement.label);
    if (this.iterations + items.length > MAX_ITERATIONS) {
      throw tooManyIterations(statement.label, items.length, statement.header);
    }
    let k = 0;
    return this.loop(statement, () => {
      const item = items[k];
      if (item === undefined) {
        return undefined;
      }
      k += 1;
      return () => {
        this.bindTarget(statement.target, item);
        return this.targetLabel(statement.target, item) ?? `iteration ${k}`;
      };
    });
  }

  /** `while`, `do…while`, `for (init; test; update)`: runs while the known values say so. */
  private whileStatement(statement: WhileStatement): Produced | undefined {
    const { test } = statement;
    if (
      (test === undefined ||
        (namesIn(test).length === 0 && truthy(evaluate(test, () => undefined) ?? 0))) &&
      !exits(statement.body)
    ) {
      throw new CodeError(
        'too-large',
        `\`${statement.label}\` never ends: its condition is always true and its body has no \`break\` or \`return\`; an endless loop cannot be unrolled`,
        statement.header,
      );
    }
    let k = 0;
    if (statement.init !== undefined) {
      // The counter is a constant of the loop's, not an input (as a number assigned in a loop).
      this.loops++;
      try {
        this.block(statement.init);
      } finally {
        this.loops--;
      }
    }
    return this.loop(statement, () => {
      if (test !== undefined && (k > 0 || statement.testFirst)) {
        const value = this.decide(test, `decides when \`${statement.label}\` stops`);
        if (!truthy(value)) {
          this.conditionNote(
            test,
            value,
            `\`${this.textOf(test.span)}\` is false after ${k} iteration${k === 1 ? '' : 's'}: the loop stops (decided by the values, not differentiated)`,
          );
          return undefined;
        }
      }
      k += 1;
      return () => {
        const counter = statement.counter === undefined ? undefined : this.known(statement.counter);
        return counter === undefined
          ? `iteration ${k}`
          : `${statement.counter ?? ''} = ${shown(counter)}`;
      };
    });
  }

  /**
   * The loop both kinds share: `next` says whether another iteration runs (undefined: the loop
   * ends) and gives what starts it (binding the target), which returns the iteration's label.
   */
  private loop(
    statement: ForStatement | WhileStatement,
    next: () => (() => string) | undefined,
  ): Produced | undefined {
    const range = this.lines.rangeOf(statement.header);
    this.builder.openGroup('loop', statement.label, range);
    this.loops++;
    let last: Produced | undefined;
    let broke = false;
    try {
      for (let start = next(); start !== undefined; start = next()) {
        if (++this.iterations > MAX_ITERATIONS) {
          throw endlessLoop(statement.label, statement.header);
        }
        this.builder.openGroup('iteration', `${statement.label} · ${start()}`, range);
        try {
          const produced = this.block(statement.body, statement.span);
          if (produced?.returned === true) {
            return produced;
          }
          last = produced ?? last;
          const jump = this.jump;
          this.jump = undefined;
          if (jump === 'break') {
            broke = true;
            break;
          }
          if (statement.kind === 'while' && statement.update !== undefined) {
            // `i++` counts; it is not what the loop computes.
            this.block(statement.update);
          }
        } finally {
          this.builder.closeGroup();
        }
      }
    } finally {
      this.loops--;
      this.builder.closeGroup();
    }
    if (!broke && statement.orElse !== undefined) {
      const produced = this.block(statement.orElse);
      return produced?.returned === true ? produced : (produced ?? last);
    }
    return last;
  }

  /** The items a `for` loop runs over: nodes, constants (`range`), tuples of them. */
  private iterate(iterable: LoopIterable, label: string): LoopItem[] {
    switch (iterable.kind) {
      case 'range': {
        const why = `decides how many times \`${label}\` runs`;
        const values = iterable.args.map((arg) => this.decide(arg, why));
        const texts = iterable.args.map((arg) => this.textOf(arg.span));
        const { start, stop, step } = rangeArguments(values, texts, iterable.span);
        const length = rangeLength(start, stop, step);
        if (this.iterations + length > MAX_ITERATIONS) {
          throw tooManyIterations(label, length, iterable.span);
        }
        return Array.from({ length }, (_, k) => ({ constant: start + k * step }));
      }
      case 'items':
        // Python and JavaScript compute every item before the first iteration.
        return iterable.items.map((item) =>
          isNumberLiteral(item)
            ? { constant: evaluate(item, () => undefined) ?? NaN }
            : this.expression(item),
        );
      case 'enumerate': {
        const start =
          iterable.start === undefined
            ? 0
            : this.decide(iterable.start, 'is where `enumerate` starts counting');
        return this.iterate(iterable.of, label).map((item, k) => [{ constant: start + k }, item]);
      }
      case 'zip': {
        const lists = iterable.of.map((of) => this.iterate(of, label));
        const length = Math.min(...lists.map((list) => list.length));
        return Array.from({ length }, (_, k) => lists.map((list) => list[k] ?? 0));
      }
      case 'reversed':
        return this.iterate(iterable.of, label).reverse();
      case 'list': {
        // A name holding a list, a comprehension, a slice …: its items as the lowering holds them.
        const items: readonly LoopItem[] = this.lists.list(iterable.expr);
        if (this.iterations + items.length > MAX_ITERATIONS) {
          throw tooManyIterations(label, items.length, iterable.span);
        }
        return [...items];
      }
    }
  }

  /** Binds a loop target to an item; a constant item (`i` of a range) is a constant node. */
  private bindTarget(target: LoopTarget, item: LoopItem): void {
    if ('kind' in target) {
      const items = Array.isArray(item) ? (item as readonly LoopItem[]) : undefined;
      if (items === undefined || items.length !== target.items.length) {
        throw new CodeError(
          'unsupported',
          `\`${this.textOf(target.span)}\` unpacks ${target.items.length} values, but the item has ${items === undefined ? 'one' : String(items.length)}`,
          target.span,
        );
      }
      target.items.forEach((inner, i) => this.bindTarget(inner, items[i] ?? 0));
      return;
    }
    if (Array.isArray(item)) {
      throw new CodeError(
        'unsupported',
        `\`${target.name}\` would hold a tuple: unpack it into names (\`for i, x in …\`)`,
        target.span,
      );
    }
    this.checkOwn(target);
    const single = item as number | { readonly constant: number };
    let node: number;
    if (typeof single === 'number') {
      node = single;
    } else {
      node = this.constant(single.constant, target.span, { text: shown(single.constant) });
      this.builder.rename(node, { name: this.graphName(target.name) });
    }
    this.frame.bindValue(target.name, node);
    this.reference(target, node, 'write');
  }

  /** `i = 2`: the first name of the target that holds a known number. */
  private targetLabel(target: LoopTarget, item: LoopItem): string | undefined {
    if ('kind' in target) {
      const items = item as readonly LoopItem[];
      const labels = target.items
        .map((inner, i) => this.targetLabel(inner, items[i] ?? 0))
        .filter((label): label is string => label !== undefined);
      return labels.length === 0 ? undefined : labels.join(', ');
    }
    const node = typeof item === 'number' ? item : undefined;
    const value =
      node === undefined ? (item as { readonly constant: number }).constant : this.values[node];
    return value === undefined ? undefined : `${target.name} = ${shown(value)}`;
  }

  /** A name's value now, when known (no reference, no input made). */
  private known(name: string): number | undefined {
    for (let frame: Frame | undefined = this.frame; frame !== undefined; frame = frame.parent) {
      const node = frame.values.get(name);
      if (node !== undefined) {
        return this.values[node];
      }
    }
    const input = this.inputs.get(name);
    return input === undefined ? undefined : this.values[input];
  }

  /**
   * A line that computes a value. `g.backward()` makes g the output; a display line `a.grad`
   * after it computes nothing: its reference to a's node shows ∂g/∂a.
   */
  private expressionStatement(statement: Statement & { kind: 'expression' }): Produced | undefined {
    const { autograd, value } = statement;
    if (autograd === 'grad') {
      // Before `.backward()` runs a gradient holds 0: nothing to show then.
      if (this.backward !== undefined && value.kind === 'name' && this.isBound(value.name)) {
        this.read(value);
      }
      return undefined;
    }
    const node = this.expression(value);
    const name = value.kind === 'name' ? value.name : undefined;
    const produced =
      name === undefined ? { node, returned: false } : { name, node, returned: false };
    if (autograd === 'backward') {
      if (this.frame !== this.top || this.backward !== undefined) {
        throw new CodeError(
          'unsupported',
          this.frame !== this.top
            ? '`.backward()` inside a called function is not supported: call it on the output, outside the function'
            : 'a second `.backward()`: gradients add up over calls, which is not followed; inspect one `.backward()`',
          statement.span,
        );
      }
      this.backward = produced;
    }
    return produced;
  }

  private isBound(name: string): boolean {
    return this.frame.values.has(name) || this.inputs.has(name);
  }

  private assign(
    statement: Statement & { kind: 'assign' },
    firstNew: number,
  ): Produced | undefined {
    const { target, value } = statement;
    this.checkOwn(target);
    const closure = value.kind === 'name' ? this.closureNamed(value.name) : undefined;
    if (closure !== undefined) {
      // `h = g`: another name for the function.
      this.frame.bindFunction(target.name, closure);
      return undefined;
    }
    const made = { references: this.references.length, calls: this.callValues.length };
    const computed = this.assignedValue(target, value);
    if (typeof computed !== 'number') {
      this.frame.bind(target.name, computed);
      return undefined;
    }
    const node = computed;
    if (this.bindsInput(statement) && this.isFixedValue(node, firstNew, made)) {
      // `x = -2`, `h = 1e-4`, `c = 2 ** 0.5`: a value the code fixes is an input of its own.
      const fixed = this.values[node] ?? NaN;
      this.builder.truncate(firstNew);
      this.values.length = firstNew;
      return {
        name: target.name,
        node: this.literalInput(target, fixed, statement.span),
        returned: false,
      };
    }
    const name = this.graphName(target.name);
    const version = this.nextVersion(name);
    // `a = x` makes a another name for x's node rather than renaming it.
    if (node >= firstNew && this.isUnnamedOp(node)) {
      this.builder.rename(node, { name, version });
    }
    this.frame.bindValue(target.name, node);
    this.reference(target, node, 'write');
    return { name: target.name, node, returned: false };
  }

  /** JavaScript: a function may assign only the names it declares. */
  private checkOwn(target: NameAt): void {
    const { call } = this.frame;
    if (call !== undefined && !this.frame.locals.has(target.name)) {
      throw new CodeError(
        'unsupported',
        `\`${call.definition.name.name}\` assigns \`${target.name}\`, which it does not declare: a function that changes a variable outside it is not supported`,
        target.span,
      );
    }
  }

  /** Names inside a call carry the function's name: `act.t`. */
  private graphName(name: string): string {
    const { call } = this.frame;
    return call === undefined ? name : `${call.definition.name.name}.${name}`;
  }

  /** Each assignment that runs makes the next version of its name. */
  private nextVersion(name: string): number {
    const version = (this.versions.get(name) ?? (this.inputs.has(name) ? 1 : 0)) + 1;
    this.versions.set(name, version);
    return version;
  }

  /** JavaScript binds a block's function declarations before its first statement runs. */
  private hoist(body: readonly Statement[]): void {
    for (const statement of body) {
      if (statement.kind === 'function' && statement.definition.hoisted) {
        this.define(statement.definition);
      }
    }
  }

  private define(definition: FunctionDefinition): void {
    const closure: Closure = { definition, frame: this.frame };
    const defaults = definition.defaults === 'definition' ? this.definedDefaults(definition) : {};
    this.frame.bindFunction(definition.name.name, { ...closure, ...defaults });
  }

  /**
   * Python computes defaults when `def` runs: those that read a name are computed here, so
   * that `c = 2; def g(k=c): …; c = 6` gives g the 2. Literal defaults wait for a call (an
   * uncalled function adds no constants). A body that cannot be read fails at its call.
   */
  private definedDefaults(definition: FunctionDefinition): { defaults?: Map<string, number> } {
    const params = readOrUndefined(definition)?.params ?? [];
    const defaults = new Map<string, number>();
    for (const param of params) {
      if (param.default !== undefined && namesIn(param.default).length > 0) {
        defaults.set(param.name.name, this.expression(param.default));
      }
    }
    return defaults.size === 0 ? {} : { defaults };
  }

  /**
   * Whether an assignment of a fixed value makes an input: in the selection's own frame, but for
   * a computation of constants that is itself the output (`f = 2 * pi`), which keeps its graph.
   */
  private bindsInput(statement: Statement & { kind: 'assign' }): boolean {
    if (statement.value.kind === 'detached') {
      // `c = torch.tensor(2.0)`: a constant, not an input.
      return false;
    }
    if (this.loops > 0) {
      // A number assigned in a loop is assigned at every iteration: a constant, not an input.
      return false;
    }
    if (this.frame !== this.top || isNumberLiteral(statement.value)) {
      return this.frame === this.top;
    }
    const body = this.request.fragment.body;
    const isOutput =
      this.request.output === undefined
        ? statement === body[body.length - 1]
        : statement.target.name === this.request.output;
    return !isOutput;
  }

  /**
   * Whether `node`, made by the statement from `firstNew` on, is a number the code fixes: made
   * of constants only, reading no name and calling no function defined in the code.
   */
  private isFixedValue(
    node: number,
    firstNew: number,
    made: { readonly references: number; readonly calls: number },
  ): boolean {
    if (node < firstNew || this.values[node] === undefined) {
      return false;
    }
    if (this.references.length !== made.references || this.callValues.length !== made.calls) {
      return false;
    }
    for (let id = firstNew; id < this.builder.size; id += 1) {
      const current = this.builder.node(id);
      if (current.kind === 'input') {
        return false;
      }
      if (current.kind === 'op' && current.operands.some((operand) => operand < firstNew)) {
        return false;
      }
    }
    return true;
  }

  /**
   * `x = -2` in the selection: x is an input whose value is that number. Binding x again to a
   * number makes another input (`x₂`): the output reads the binding in force where it reads x.
   */
  private literalInput(target: NameAt, value: number, span: Span): number {
    const { name } = target;
    const rebound = this.bindings.has(name) || this.versions.has(name);
    const version = rebound ? this.nextVersion(name) : undefined;
    const node = this.builder.input(name, {
      range: this.lines.rangeOf(target.span),
      key: `${name}@${target.span.from}`,
      ...(version === undefined ? {} : { version }),
    });
    this.addBinding(name, node, target.span.from);
    this.values[node] = this.bindingValue(name, node, target.span.from, value);
    if (!this.inputs.has(name)) {
      this.inputs.set(name, node);
    }
    if (!rebound) {
      this.versions.set(name, 1);
    }
    this.literals.set(node, { value, span });
    this.top.bindValue(name, node);
    this.reference(target, node, 'write');
    return node;
  }

  private isUnnamedOp(node: number): boolean {
    const made = this.builder.node(node);
    return made.kind !== 'input' && made.name === undefined;
  }

  private expression(root: Expr): number {
    return postOrder<Expr, number>(root, (expr) => this.visit(expr));
  }

  private visit(expr: Expr): number | Expansion<Expr, number> {
    switch (expr.kind) {
      case 'number':
        return this.constant(expr.value, expr.span, { text: expr.text });
      case 'name':
        return this.read(expr);
      case 'op':
        return new Expansion(expr.args, (operands) =>
          checkedNode(expr, this.values, operands, this.op(expr.op, operands, expr.span)),
        );
      case 'formula':
        return new Expansion(expr.args, (operands) =>
          checkedNode(expr, this.values, operands, this.formula(expr.formula, operands, expr.span)),
        );
      case 'conditional':
        return this.conditional(expr);
      case 'logical':
        return this.logical(expr);
      case 'compare':
      case 'not':
        return this.truthValue(expr);
      case 'call':
        return this.call(expr);
      case 'list':
        return this.lists.scalar(expr);
      case 'detached':
        return new Expansion([expr.operand], ([node = 0]) => this.detached(expr, node));
    }
  }

  /** `a.data`: the value a holds here, as a constant that the gradient does not flow through. */
  private detached(expr: Expr & { kind: 'detached' }, node: number): number {
    const value = this.values[node];
    if (value === undefined) {
      const names = this.unknownInputs(node);
      throw new CodeError(
        'unknown-name',
        `\`${this.textOf(expr.span)}\` reads a plain number, so ${names.join(', ')} need${names.length === 1 ? 's' : ''} a value first: give ${names.length === 1 ? 'it' : 'them'} a value (e.g. ${names.map((name) => `${name}=1`).join(', ')})`,
        expr.span,
        names,
      );
    }
    return this.constant(value, expr.span, { note: expr.note });
  }

  /** A call of a function defined in the code: its body, lowered with the arguments. */
  private call(call: CallExpr): number | Expansion<Expr, number> {
    const closure = this.closureNamed(call.callee.name);
    if (closure === undefined) {
      const library = call.library?.();
      if (library === undefined) {
        throw this.notCallable(call);
      }
      return new Expansion([library], ([node = 0]) => node);
    }
    const firstNew = this.builder.size;
    const args = [...call.args, ...call.keywords.map((keyword) => keyword.value)];
    // A list argument is made first and stands in the arguments as a negative id (listArgs).
    const lists = args.map((arg) => this.listArgument(arg));
    const numbers = args.filter((_, i) => lists[i] === undefined);
    return new Expansion(numbers, (nodes) => {
      const queue = [...nodes];
      const all = lists.map((list) => {
        if (list === undefined) {
          return queue.shift() ?? 0;
        }
        this.listArgs.push(list);
        return -this.listArgs.length;
      });
      return this.inline(call, closure, all, firstNew);
    });
  }

  /** The list an argument gives (a name holding one, a literal, a comprehension …), if any. */
  private listArgument(arg: Expr): readonly Value[] | undefined {
    const lists =
      (arg.kind === 'name' && this.listNamed(arg) !== undefined) ||
      (arg.kind === 'list' && !['index', 'reduce', 'fold'].includes(arg.of.form));
    return lists ? this.lists.list(arg) : undefined;
  }

  /** The function `name` stands for here, or undefined when it holds a number (or nothing). */
  private closureNamed(name: string): Closure | undefined {
    for (let frame: Frame | undefined = this.frame; frame !== undefined; frame = frame.parent) {
      const closure = frame.functions.get(name);
      if (closure !== undefined) {
        return closure;
      }
      if (frame.values.has(name) || frame.lists.has(name) || frame.locals.has(name)) {
        return undefined;
      }
    }
    const definition = this.inputs.has(name) ? undefined : this.request.functionBefore?.(name);
    return definition === undefined ? undefined : { definition, frame: this.top };
  }

  private inline(
    call: CallExpr,
    closure: Closure,
    args: readonly number[],
    firstNew: number,
  ): number {
    const { definition } = closure;
    this.enter(call, closure);
    // The inlined body's nodes are one 'call' group of the graph, labelled with the call.
    const written = this.textOf(call.span).replace(/\s+/g, ' ');
    const label = written.length <= 60 ? written : `${definition.name.name}(…)`;
    this.builder.openGroup('call', label, this.lines.rangeOf(call.span));
    try {
      const parts = this.inContext(call, definition, () => definition.read());
      const received = matchArguments(definition.name.name, parts.params, call, args);
      const result = this.inContext(call, definition, () => {
        const frame = new Frame({ definition, call }, closure.frame, localsOf(parts));
        this.bindParameters(frame, closure, received, firstNew);
        return this.runIn(frame, parts.body);
      });
      if (result === undefined) {
        throw new CodeError(
          'unsupported',
          `\`${definition.name.name}\` (line ${this.lineOf(definition.span)}) returns no value, so its call gives no number: end it with \`return …\``,
          call.span,
        );
      }
      this.callValues.push({ node: result, name: definition.name.name });
      return result;
    } finally {
      this.builder.closeGroup();
      this.active.pop();
    }
  }

  /** Refuses recursion and calls nested or repeated beyond the limits, at the call. */
  private enter(call: CallExpr, closure: Closure): void {
    const name = closure.definition.name.name;
    const from = closure.definition.span.from;
    const cycle = this.active.findIndex((active) => active.definition.span.from === from);
    if (cycle >= 0) {
      const chain = [...this.active.slice(cycle), closure].map(
        (active) => active.definition.name.name,
      );
      throw new CodeError(
        'unsupported',
        `\`${name}\` calls itself (${chain.join(' → ')}): recursive functions are not followed`,
        call.span,
      );
    }
    if (this.active.length >= MAX_CALL_DEPTH) {
      throw new CodeError(
        'too-deep',
        `the call of \`${name}\` is nested more than ${MAX_CALL_DEPTH} calls deep: calls nested this deep are not followed`,
        call.span,
      );
    }
    if (++this.calls > MAX_CALLS) {
      throw new CodeError(
        'too-large',
        `the selection makes more than ${MAX_CALLS} calls of functions, more than can be inspected`,
        call.span,
      );
    }
    this.active.push(closure);
  }

  /** Each parameter holds its argument's node, or its default computed now. */
  private bindParameters(
    frame: Frame,
    closure: Closure,
    received: readonly Received[],
    firstNew: number,
  ): void {
    // JavaScript computes a default at the call, seeing the parameters before it but not the
    // body's declarations; Python's were computed where the function was defined.
    const params = new Map(received.map(({ param }) => [param.name.name, param.name.span]));
    const defaultsIn =
      closure.definition.defaults === 'call'
        ? new Frame(frame.call, closure.frame, params)
        : closure.frame;
    for (const slot of received) {
      const { param } = slot;
      const list =
        slot.kind === 'argument' && slot.node < 0 ? this.listArgs[-slot.node - 1] : undefined;
      if (list !== undefined) {
        frame.bind(param.name.name, list);
        if (defaultsIn !== closure.frame) {
          defaultsIn.bind(param.name.name, list);
        }
        continue;
      }
      const stale =
        slot.kind === 'default'
          ? closure.definition.staleDefaults?.get(param.name.name)
          : undefined;
      if (stale !== undefined) {
        throw new CodeError('unsupported', stale, frame.call?.call.span ?? this.request.span);
      }
      const node =
        slot.kind === 'argument'
          ? slot.node
          : (closure.defaults?.get(param.name.name) ?? this.runExpression(defaultsIn, slot.expr));
      // A value computed for the call is named after the parameter; a named one keeps its name.
      if (node >= firstNew && this.isUnnamedOp(node) && !this.isCallValue(node)) {
        const name = `${closure.definition.name.name}.${param.name.name}`;
        this.builder.rename(node, { name, version: this.nextVersion(name) });
      }
      frame.bindValue(param.name.name, node);
      if (defaultsIn !== closure.frame) {
        defaultsIn.bindValue(param.name.name, node);
      }
      this.reference(param.name, node, 'parameter');
    }
  }

  private runExpression(frame: Frame, expr: Expr): number {
    const caller = this.frame;
    this.frame = frame;
    try {
      return this.expression(expr);
    } finally {
      this.frame = caller;
    }
  }

  /** The body's statements up to its `return`: the node returned, or undefined for none. */
  private runIn(frame: Frame, body: readonly Statement[]): number | undefined {
    const caller = this.frame;
    this.frame = frame;
    try {
      this.hoist(body);
      for (const statement of body) {
        const produced = this.statement(statement);
        if (produced?.returned === true) {
          return produced.node;
        }
      }
      return undefined;
    } finally {
      this.frame = caller;
    }
  }

  /** An error inside a call also says which call: the function may be called from many places. */
  private inContext<T>(call: CallExpr, definition: FunctionDefinition, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof CodeError) || this.explained.has(error)) {
        throw error;
      }
      const explained = new CodeError(
        error.kind,
        `${error.message} (in \`${definition.name.name}\`, called on line ${this.lineOf(call.span)})`,
        error.span,
        error.names,
      );
      this.explained.add(explained);
      throw explained;
    }
  }

  /**
   * Names the call values a statement left unnamed, in the order they were made, but for the
   * node `kept`, whose call values wait for the caller's statement.
   */
  private nameCallValues(from: number, kept: number): void {
    // A call whose value is another call's takes the outer function's name.
    const latest = new Map<number, string>();
    for (const value of this.callValues.splice(from)) {
      if (value.node === kept) {
        this.callValues.push(value);
      } else {
        latest.set(value.node, value.name);
      }
    }
    for (const [node, name] of latest) {
      if (this.isUnnamedOp(node)) {
        this.builder.rename(node, { name, version: this.nextVersion(name) });
      }
    }
  }

  private isCallValue(node: number): boolean {
    return this.callValues.some((value) => value.node === node);
  }

  private notCallable(call: CallExpr): CodeError {
    const { name, span } = call.callee;
    const defined = this.firstAssignments.get(name);
    if (this.holdsValue(name)) {
      return new CodeError(
        'unknown-function',
        `\`${name}\` holds a number here, not a function`,
        span,
      );
    }
    if (defined !== undefined && defined.from > span.from) {
      return new CodeError(
        'unknown-function',
        `\`${name}\` is called before it is defined (line ${this.lineOf(defined)})`,
        span,
      );
    }
    return new CodeError(
      'unknown-function',
      `\`${name}\` is not a function that can be differentiated here: ${this.request.callable ?? 'functions defined in the code are'}`,
      span,
    );
  }

  private holdsValue(name: string): boolean {
    for (let frame: Frame | undefined = this.frame; frame !== undefined; frame = frame.parent) {
      if (frame.values.has(name)) {
        return true;
      }
    }
    return (
      this.inputs.has(name) ||
      this.before(name) !== undefined ||
      this.request.listBefore?.(name) !== undefined
    );
  }

  private lineOf(span: Span): number {
    return this.lines.positionAt(span.from).line + 1;
  }

  /** `a if c else b`: only the branch taken is in the graph, as in define-by-run autodiff. */
  private conditional(expr: Expr & { kind: 'conditional' }): Expansion<Expr, number> {
    const test = this.decide(expr.test, 'decides which branch is taken');
    const taken = truthy(test);
    const note = `${this.textOf(expr.test.span)} is ${String(taken)} at this point: took the ${taken ? 'first' : 'second'} branch`;
    return this.select(taken ? expr.consequent : expr.alternative, expr.span, note);
  }

  /** `a or b` gives a or b itself, so it is the same choice as a conditional. */
  private logical(expr: Expr & { kind: 'logical' }): Expansion<Expr, number> {
    const left = this.decide(expr.left, `decides what \`${expr.operator}\` gives`);
    const takesLeft = givesLeft(expr.operator, left);
    const note = `${this.textOf(expr.left.span)} is ${truthy(left) ? 'truthy' : 'falsy'} at this point: \`${expr.operator}\` gave its ${takesLeft ? 'left' : 'right'} operand`;
    return this.select(takesLeft ? expr.left : expr.right, expr.span, note);
  }

  private select(branch: Expr, span: Span, note: string): Expansion<Expr, number> {
    return new Expansion([branch], ([node = 0]) => this.op('select', [node], span, note));
  }

  /** A comparison used as a number is 1 or 0 at this point; its gradient is 0. */
  private truthValue(expr: Expr): number {
    const value = this.decide(expr, 'is used as a number here');
    const note = `${this.textOf(expr.span)} is ${String(truthy(value))} at this point`;
    return this.constant(value, expr.span, { note });
  }

  /**
   * The value of `expr` now; an error naming the inputs that still need a value. A call in it
   * is lowered: its value is its node's.
   */
  private decide(expr: Expr, why: string): number {
    const missing = new Set<string>();
    const valueOf = (node: number): number | undefined => {
      const known = this.values[node];
      if (known === undefined) {
        this.unknownInputs(node).forEach((input) => missing.add(input));
      }
      return known;
    };
    const value = evaluate(
      expr,
      (name) => valueOf(this.read(name)),
      (call) => valueOf(this.expression(call)),
    );
    if (value !== undefined) {
      return value;
    }
    const names = [...missing];
    throw new CodeError(
      'unknown-name',
      `\`${this.textOf(expr.span)}\` ${why}, so ${names.join(', ')} need${names.length === 1 ? 's' : ''} a value first: give ${names.length === 1 ? 'it' : 'them'} a value (e.g. ${names.map((name) => `${name}=1`).join(', ')})`,
      expr.span,
      names,
    );
  }

  /** The inputs without a value that `node` depends on. */
  private unknownInputs(node: number): string[] {
    const names: string[] = [];
    const seen = new Set<number>();
    const stack = [node];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      const current = this.builder.node(id);
      if (seen.has(id) || this.values[id] !== undefined) {
        continue;
      }
      seen.add(id);
      if (current.kind === 'input') {
        names.push(current.name);
      } else if (current.kind === 'op') {
        stack.push(...current.operands);
      }
    }
    return names;
  }

  /**
   * The value an assignment binds: a list literal in the selection's own frame makes each number
   * it holds an input of its own (`ws[0]`); a computed item is named after its place.
   */
  private assignedValue(target: NameAt, value: Expr): Value {
    const computed =
      value.kind === 'list' && value.of.form === 'items' && this.frame === this.top
        ? this.listLiteral(target.name, value.of.items)
        : this.lists.value(value);
    if (typeof computed !== 'number') {
      this.nameItems(this.graphName(target.name), computed);
    }
    return computed;
  }

  private listLiteral(
    name: string,
    items: readonly { readonly value: Expr; readonly spread: boolean }[],
    depth = 0,
  ): Value[] {
    const [first] = items;
    if (depth >= MAX_LIST_DEPTH && first !== undefined) {
      throw listsTooDeep(first.value.span);
    }
    if (items.some((item) => item.spread)) {
      return items.flatMap((item) =>
        item.spread ? this.lists.list(item.value) : [this.lists.value(item.value)],
      );
    }
    return items.map(({ value }, i) => {
      const place = `${name}[${i}]`;
      if (isNumberLiteral(value)) {
        const fixed = evaluate(value, () => undefined) ?? NaN;
        return this.literalInput({ name: place, span: value.span }, fixed, value.span);
      }
      if (value.kind === 'list' && value.of.form === 'items') {
        return this.listLiteral(place, value.of.items, depth + 1);
      }
      return this.lists.value(value);
    });
  }

  /** Unnamed items of a list bound to a name are named after their place (`ys[1]`). */
  private nameItems(name: string, list: readonly Value[]): void {
    list.forEach((item, i) => {
      if (typeof item !== 'number') {
        this.nameItems(`${name}[${i}]`, item);
      } else if (this.isUnnamedOp(item) && !this.isCallValue(item)) {
        const place = `${name}[${i}]`;
        this.builder.rename(item, { name: place, version: this.nextVersion(place) });
      }
    });
  }

  /** `a, b = xs`, `a, b = 1.0, 2.0`: every item is computed before any name is bound. */
  private unpack(statement: UnpackStatement): Produced | undefined {
    const { target, value } = statement;
    const named = (item: Value, at: number) => target.items[at];
    const literals =
      this.frame === this.top &&
      value.kind === 'list' &&
      value.of.form === 'items' &&
      value.of.items.length === target.items.length &&
      value.of.items.every((item) => !item.spread)
        ? value.of.items
        : undefined;
    const items: Value[] = [];
    if (literals === undefined) {
      items.push(...this.listFor(value, target.items.length));
    } else {
      literals.forEach((item, at) => {
        const into = named(0, at);
        items.push(
          into !== undefined && !('items' in into) && isNumberLiteral(item.value)
            ? Number.NaN
            : this.lists.value(item.value),
        );
      });
    }
    const bound = new Map<string, { value: Value; at: NameAt }>();
    bindTarget(target, items, bound);
    literals?.forEach((item, at) => {
      const into = named(0, at);
      if (into !== undefined && !('items' in into) && isNumberLiteral(item.value)) {
        const fixed = evaluate(item.value, () => undefined) ?? NaN;
        this.checkOwn(into);
        this.literalInput(into, fixed, statement.span);
        bound.delete(into.name);
      }
    });
    for (const [name, { value: item, at }] of bound) {
      this.checkOwn(at);
      if (typeof item !== 'number') {
        this.nameItems(this.graphName(name), item);
        this.frame.bind(name, item);
        continue;
      }
      if (this.isUnnamedOp(item) && !this.isCallValue(item)) {
        const graphName = this.graphName(name);
        this.builder.rename(item, { name: graphName, version: this.nextVersion(graphName) });
      }
      this.frame.bindValue(name, item);
      this.reference(at, item, 'write');
    }
    // The last name bound is what the statement produces (`a, b = x, y` alone: b).
    const last = targetNames(target).at(-1);
    const node = last === undefined ? undefined : this.top.values.get(last.name);
    return last === undefined || node === undefined || this.frame !== this.top
      ? undefined
      : { name: last.name, node, returned: false };
  }

  /** A list is no output: the graph's output is one number. */
  private refuseListOutput(last: Produced | undefined): void {
    const { output, fragment, span } = this.request;
    const final = fragment.body[fragment.body.length - 1];
    const assigned = final?.kind === 'assign' ? final.target.name : undefined;
    const name = output ?? (assigned !== last?.name ? assigned : undefined);
    const list = name === undefined ? undefined : this.top.lists.get(name);
    if (name !== undefined && list !== undefined) {
      throw new CodeError(
        'unsupported',
        `\`${name}\` is a list of ${list.length} item${list.length === 1 ? '' : 's'}, and the output must be one number: reduce it (\`sum(${name})\`) or take an item (\`${name}[0]\`)`,
        span,
      );
    }
  }

  /** The items of a list unpacked into `count` names. */
  private listFor(value: Expr, count: number): readonly Value[] {
    const list = this.lists.list(value);
    if (list.length !== count) {
      throw new CodeError(
        'unsupported',
        `${count} names are unpacked from \`${this.textOf(value.span)}\`, which has ${list.length} item${list.length === 1 ? '' : 's'}: the counts must match`,
        value.span,
      );
    }
    return list;
  }

  /**
   * The list `name` holds here; undefined when it holds a number (or nothing yet). A list
   * assigned above the selection gives each element an input of its own (`xs[0]`).
   */
  private listNamed(name: NameAt): readonly Value[] | undefined {
    for (let frame: Frame | undefined = this.frame; frame !== undefined; frame = frame.parent) {
      const list = frame.lists.get(name.name);
      if (list !== undefined) {
        return list;
      }
      if (
        frame.values.has(name.name) ||
        frame.functions.has(name.name) ||
        frame.locals.has(name.name)
      ) {
        return undefined;
      }
    }
    const known = this.listInputs.get(name.name);
    if (known !== undefined || !this.listBeforeOnly(name.name)) {
      return known;
    }
    const before = this.request.listBefore?.(name.name) ?? [];
    const range = this.lines.rangeOf(name.span);
    const made = before.map((value, i) => {
      const place = `${name.name}[${i}]`;
      const node = this.builder.input(place, { range });
      this.addBinding(place, node, -1);
      this.values[node] = this.request.given(place) ?? value;
      this.inputs.set(place, node);
      return node;
    });
    this.listInputs.set(name.name, made);
    return made;
  }

  /** Whether `name` holds a list before the selection (and the selection has not bound it). */
  private listBeforeOnly(name: string): boolean {
    return (
      !this.inputs.has(name) &&
      this.request.given(name) === undefined &&
      this.request.listBefore?.(name) !== undefined
    );
  }

  /** Runs `run` in a scope of its own binding `names` (a comprehension's, a callback's). */
  private within<T>(names: ReadonlyMap<string, { value: Value; at: NameAt }>, run: () => T): T {
    const frame = new Frame(this.frame.call, this.frame, new Map());
    for (const [name, { value, at }] of names) {
      frame.bind(name, value);
      if (typeof value === 'number') {
        this.unrolling += 1;
        try {
          this.reference(at, value, 'write');
        } finally {
          this.unrolling -= 1;
        }
      }
    }
    const caller = this.frame;
    this.frame = frame;
    this.unrolling += 1;
    try {
      return run();
    } finally {
      this.unrolling -= 1;
      this.frame = caller;
    }
  }

  private read(name: NameAt & { readonly implicit?: boolean }): number {
    const node = this.valueOf(name);
    this.claimOnRead(name.name, node);
    if (name.implicit !== true) {
      this.reference(name, node, 'read');
    }
    return node;
  }

  /** The node `name` holds here: in the running call, where its function was defined … */
  private valueOf(name: NameAt): number {
    for (let frame: Frame | undefined = this.frame; frame !== undefined; frame = frame.parent) {
      const node = frame.values.get(name.name);
      if (node !== undefined) {
        return node;
      }
      if (frame.functions.has(name.name)) {
        throw functionAsValue(name);
      }
      if (frame.lists.has(name.name)) {
        throw listAsNumber(name);
      }
      const local = frame.locals.get(name.name);
      if (local !== undefined && frame.call !== undefined) {
        throw new CodeError(
          'unknown-name',
          `\`${name.name}\` is read before \`${frame.call.definition.name.name}\` assigns it (line ${this.lineOf(local)})`,
          name.span,
        );
      }
    }
    // … or outside the selection: an input.
    const input = this.inputs.get(name.name);
    if (input !== undefined) {
      return input;
    }
    if (this.listInputs.has(name.name) || this.listBeforeOnly(name.name)) {
      throw listAsNumber(name);
    }
    if (
      this.before(name.name) === undefined &&
      this.request.functionBefore?.(name.name) !== undefined
    ) {
      throw functionAsValue(name);
    }
    return this.newInput(name);
  }

  /** A name read before the selection assigns it must have a value from elsewhere. */
  private newInput(name: NameAt): number {
    const assignedAt = this.firstAssignments.get(name.name);
    if (assignedAt !== undefined && this.before(name.name) === undefined) {
      throw new CodeError(
        'unknown-name',
        `\`${name.name}\` is read before it is assigned (line ${this.lines.positionAt(assignedAt.from).line + 1}) and has no value: assign it earlier, or give it a value`,
        name.span,
        [name.name],
      );
    }
    return this.input(name);
  }

  private input(name: NameAt): number {
    const node = this.builder.input(name.name, { range: this.lines.rangeOf(name.span) });
    if (!this.bindingOffsets.has(node)) {
      this.addBinding(name.name, node, -1);
    }
    this.values[node] = this.bindingValue(name.name, node, -1, this.request.valueBefore(name.name));
    this.inputs.set(name.name, node);
    // Made at the name's first read (or as a parameter): that read claims it.
    this.claimOnRead(name.name, node);
    return node;
  }

  private constant(value: number, span: Span, meta: { text?: string; note?: string }): number {
    this.checkSize(span);
    // Spread last: V8 builds `{ ...a, b }` far more slowly than `{ b, ...a }`.
    const node = this.builder.constant(value, { range: this.lines.rangeOf(span), ...meta });
    this.values[node] = value;
    return node;
  }

  private op(op: OpName, operands: readonly number[], span: Span, note?: string): number {
    this.checkSize(span);
    const range = this.lines.rangeOf(span);
    const node = this.builder.op(op, operands, note === undefined ? { range } : { range, note });
    const args = operands.map((operand) => this.values[operand]);
    this.values[node] = args.every((arg) => arg !== undefined)
      ? opSpec(op).forward(args as number[])
      : undefined;
    return node;
  }

  /** The ops of a library formula, all at the call's place; each argument is computed once. */
  private formula(formula: Formula, operands: readonly number[], span: Span): number {
    if ('arg' in formula) {
      return operands[formula.arg] ?? 0;
    }
    if ('constant' in formula) {
      return this.constant(formula.constant, span, { text: formula.text });
    }
    const parts = formula.of.map((part) => this.formula(part, operands, span));
    return this.op(formula.op, parts, span);
  }

  private checkSize(span: Span): void {
    const limit = this.request.maxNodes ?? MAX_NODES;
    if (this.builder.size >= limit) {
      throw new CodeError(
        'too-large',
        `the selection makes a graph of more than ${limit} nodes, which is more than can be inspected`,
        span,
      );
    }
    if (this.active.length > 0 && ++this.inlinedNodes > MAX_INLINED_NODES) {
      throw new CodeError(
        'too-large',
        `the calls of functions make more than ${MAX_INLINED_NODES} nodes, more than can be inspected`,
        span,
      );
    }
  }

  private chooseOutput(last: Produced | undefined): { name: string; node: number } {
    const { fragment, output, span } = this.request;
    if (output !== undefined) {
      return { name: output, node: this.lookup(output) };
    }
    if (this.backward !== undefined) {
      return { name: this.backward.name ?? this.unusedName(), node: this.backward.node };
    }
    if (last === undefined) {
      throw new CodeError(
        'no-output',
        'nothing to inspect: the selection holds no expression, assignment or return',
        span,
      );
    }
    if (fragment.params !== undefined && !last.returned) {
      throw new CodeError(
        'no-output',
        `${fragment.functionName === undefined ? 'the function' : `\`${fragment.functionName}\``} returns nothing: a function is inspected through its return value`,
        span,
      );
    }
    if (last.returned) {
      return { name: fragment.functionName ?? 'return', node: last.node };
    }
    return { name: last.name ?? this.unusedName(), node: last.node };
  }

  private lookup(name: string): number {
    const node = this.top.values.get(name) ?? this.inputs.get(name);
    if (node === undefined) {
      const known = [...this.top.values.keys()];
      throw new CodeError(
        'no-output',
        `there is no \`${name}\` to take as the output: ${known.length > 0 ? `the selection assigns ${known.join(', ')}` : 'the selection assigns no names'}`,
        this.request.span,
      );
    }
    return node;
  }

  /** A name for an unnamed output (a bare expression) that the code does not use. */
  private unusedName(): string {
    const taken = (name: string): boolean => this.top.values.has(name) || this.inputs.has(name);
    return ['f', 'g', 'h'].find((name) => !taken(name)) ?? 'output';
  }

  private reference(at: NameAt, node: number, role: Reference['role']): void {
    if ((this.active.length > 0 || this.unrolling > 0) && !this.firstInSelection(at.span)) {
      return;
    }
    const reference: Reference = { name: at.name, range: this.lines.rangeOf(at.span), node, role };
    const index = this.referenceIndex.get(at.span);
    if (index !== undefined) {
      // The same text read again by a later iteration: the last one is what the text shows.
      this.references[index] = reference;
      return;
    }
    this.referenceIndex.set(at.span, this.references.length);
    this.references.push(reference);
  }

  /**
   * A name inside a called function has a reference when it is in the inspected code, for its
   * first call only: the same text stands for another node at each call.
   */
  private firstInSelection(span: Span): boolean {
    const inspected = this.request.span;
    if (span.from < inspected.from || span.to > inspected.to || this.referenced.has(span)) {
      return false;
    }
    this.referenced.add(span);
    return true;
  }

  private sortedReferences(): Reference[] {
    return [...this.references].sort(
      (a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
    );
  }

  private textOf(span: Span): string {
    return excerpt(this.lines.text.slice(span.from, span.to));
  }
}

/** `-2`, `1e-3`: a number as written, possibly negated. */
function isNumberLiteral(expr: Expr): boolean {
  if (expr.kind === 'number') {
    return true;
  }
  const [operand] = expr.kind === 'op' && expr.op === 'neg' ? expr.args : [];
  return operand?.kind === 'number';
}

function firstAssignments(body: readonly Statement[]): Map<string, Span> {
  const first = new Map<string, Span>();
  for (const event of statementEvents(body)) {
    const target =
      event.kind === 'bind'
        ? event.target
        : event.kind === 'define'
          ? event.definition.name
          : undefined;
    if (target !== undefined && !first.has(target.name)) {
      first.set(target.name, target.span);
    }
  }
  return first;
}

/** A list read where a number is needed: tensor code, which is read elsewhere. */
function listAsNumber(name: NameAt): CodeError {
  return new CodeError(
    'unsupported',
    `\`${name.name}\` is a list, used here as a number: arithmetic on whole lists is tensor code, which is not read here; take an item (\`${name.name}[0]\`), reduce it (\`sum(${name.name})\`) or write a comprehension`,
    name.span,
  );
}

/** Whether a loop body holds a `break` or `return` of its own (not one of an inner loop's). */
function exits(body: readonly Statement[]): boolean {
  return body.some((statement) => {
    switch (statement.kind) {
      case 'break':
      case 'return':
        return true;
      case 'if':
        return exits(statement.consequent) || exits(statement.alternative);
      case 'block':
        return exits(statement.body);
      case 'for':
      case 'while':
        return returns(statement.body);
      case 'switch':
        return statement.cases.some((branch) => returns(branch.body));
      default:
        return false;
    }
  });
}

/** Whether any statement inside returns. */
function returns(body: readonly Statement[]): boolean {
  return body.some((statement) => {
    switch (statement.kind) {
      case 'return':
        return true;
      case 'if':
        return returns(statement.consequent) || returns(statement.alternative);
      case 'block':
      case 'for':
      case 'while':
        return returns(statement.body);
      case 'switch':
        return statement.cases.some((branch) => returns(branch.body));
      default:
        return false;
    }
  });
}

/** What a loop variable takes at one iteration: a node, a constant (`range`), a tuple. */
type LoopItem = number | { readonly constant: number } | readonly LoopItem[];

function functionAsValue(name: NameAt): CodeError {
  return new CodeError(
    'unsupported',
    `\`${name.name}\` is a function: using it as a number is not supported, call it`,
    name.span,
  );
}
