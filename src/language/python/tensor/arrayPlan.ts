/**
 * What array code a selection reads, found from the syntax tree alone: the statements above it
 * that assign names it needs (and every NumPy draw, which moves the seeded stream), the
 * functions it calls, and whether any of that makes arrays — which decides, cheaply, between
 * the tensor reader and the scalar one.
 */
import { field, meaningfulChildren, walkOverlapping } from '../../code/syntax';
import type { SyntaxNode, TreeCursor } from '../../code/treeSitter';
import { spanOf } from '../../span';
import type { PythonModules } from '../pythonModules';

/**
 * A statement above the selection to read first. One that is not `needed` only draws from
 * NumPy's seeded stream: read when it can be, so later draws stay NumPy's own.
 */
export interface PlannedStatement {
  readonly node: SyntaxNode;
  readonly needed: boolean;
}

export interface ReadPlan {
  /** Statements above the selection at module level, to read first. */
  readonly before: readonly PlannedStatement[];
  /** Then, inside the enclosing function (its parameters bound), the statements above the selection. */
  readonly inFunction: readonly PlannedStatement[];
  /** The function the selection lies in, whose parameters become inputs. */
  readonly enclosing?: SyntaxNode;
  /** Functions the file defines at module level, by name. */
  readonly definitions: ReadonlyMap<string, SyntaxNode>;
  /** Whether the code read makes or multiplies arrays. */
  readonly usesArrays: boolean;
  /** Every name the selection and the code it reads mention. */
  readonly names: ReadonlySet<string>;
}

/** The modules array code names without importing them. */
const CONVENTIONAL: ReadonlyMap<string, string> = new Map([
  ['np', 'numpy'],
  ['numpy', 'numpy'],
  ['torch', 'torch'],
  ['nn', 'torch.nn'],
  ['jnp', 'jax.numpy'],
  ['jax', 'jax'],
]);

const NUMPY_MAKERS = new Set([
  'array',
  'asarray',
  'zeros',
  'ones',
  'full',
  'eye',
  'identity',
  'arange',
  'linspace',
  'zeros_like',
  'ones_like',
  'full_like',
]);

const TORCH_MAKERS = new Set([
  'zeros',
  'ones',
  'full',
  'eye',
  'arange',
  'linspace',
  'randn',
  'rand',
  'randint',
  'zeros_like',
  'ones_like',
  'randn_like',
  'from_numpy',
]);

export function planRead(
  root: SyntaxNode,
  selected: readonly SyntaxNode[],
  modules: PythonModules,
): ReadPlan {
  const definitions = definitionsIn(root);
  const [first] = selected;
  const enclosing = first === undefined ? undefined : enclosingFunction(first);
  const wanted = new Set<string>();
  freeNames(selected, wanted);
  closeOverFunctions(wanted, definitions);
  const moduleLevel = precedingStatements(root, enclosing ?? first);
  const inFunction =
    enclosing === undefined || first === undefined
      ? []
      : precedingStatements(field(enclosing, 'body') ?? enclosing, first);
  const drawing = drawingFunctions(definitions, modules);
  const keptInFunction = needed(inFunction, wanted, definitions, modules, drawing);
  if (enclosing !== undefined) {
    identifiersIn(enclosing, wanted);
  }
  const keptAtTop = needed(moduleLevel, wanted, definitions, modules, drawing);
  const before = [...keptAtTop, ...keptInFunction];
  const read = [
    ...before.filter((planned) => planned.needed).map((planned) => planned.node),
    ...selected,
    ...[...wanted].flatMap((name) => {
      const definition = definitions.get(name);
      // The enclosing function is read through the selection and the statements it needs,
      // not whole: its other statements (the PyTorch half of a test) choose no reader.
      return definition === undefined || definition.id === enclosing?.id ? [] : [definition];
    }),
  ];
  return {
    before: keptAtTop,
    inFunction: keptInFunction,
    ...(enclosing === undefined ? {} : { enclosing }),
    definitions,
    usesArrays: read.some((node) => makesArrays(node, modules)),
    names: wanted,
  };
}

function definitionsIn(root: SyntaxNode): Map<string, SyntaxNode> {
  const definitions = new Map<string, SyntaxNode>();
  for (const statement of meaningfulChildren(root)) {
    const fn =
      statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    const name = fn?.type === 'function_definition' ? field(fn, 'name')?.text : undefined;
    if (fn !== undefined && name !== undefined) {
      definitions.set(name, fn);
    }
  }
  return definitions;
}

function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current !== null; current = current.parent) {
    if (current.type === 'function_definition') {
      return current;
    }
  }
  return undefined;
}

/** The statements of the container holding `node` (at its level) that come before it. */
function precedingStatements(container: SyntaxNode, node: SyntaxNode | undefined): SyntaxNode[] {
  if (node === undefined) {
    return [];
  }
  let level: SyntaxNode | null = node;
  while (level !== null && level.parent !== null && level.parent.id !== container.id) {
    level = level.parent;
  }
  if (level === null || level.parent === null) {
    return [];
  }
  return meaningfulChildren(container).filter(
    (statement) => statement.endIndex <= (level?.startIndex ?? 0),
  );
}

/** The functions the wanted names call read names too: those are wanted as well. */
function closeOverFunctions(
  wanted: Set<string>,
  definitions: ReadonlyMap<string, SyntaxNode>,
): void {
  const done = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, definition] of definitions) {
      if (wanted.has(name) && !done.has(name)) {
        done.add(name);
        identifiersIn(definition, wanted);
        grew = true;
      }
    }
  }
}

/**
 * Walking back from the selection: a statement is read when it assigns a wanted name or draws
 * from NumPy's stream (seeds included); then what it reads is wanted too.
 */
function needed(
  statements: readonly SyntaxNode[],
  wanted: Set<string>,
  definitions: ReadonlyMap<string, SyntaxNode>,
  modules: PythonModules,
  drawing: ReadonlySet<string>,
): PlannedStatement[] {
  const kept: PlannedStatement[] = [];
  for (let i = statements.length - 1; i >= 0; i -= 1) {
    const statement = statements[i];
    if (statement === undefined) {
      continue;
    }
    const type = statement.type;
    if (type === 'import_statement' || type === 'import_from_statement') {
      continue;
    }
    const assigned = assignedNames(statement);
    const wantedHere = assigned.some((name) => wanted.has(name));
    if (wantedHere) {
      kept.push({ node: statement, needed: true });
      identifiersIn(statement, wanted);
      closeOverFunctions(wanted, definitions);
    } else if (drawsRandom(statement, modules, drawing)) {
      kept.push({ node: statement, needed: false });
    }
  }
  return kept.reverse();
}

function assignedNames(statement: SyntaxNode): string[] {
  const names: string[] = [];
  if (statement.type === 'function_definition' || statement.type === 'class_definition') {
    const name = field(statement, 'name')?.text;
    return name === undefined ? [] : [name];
  }
  if (statement.type === 'decorated_definition') {
    const inner = field(statement, 'definition');
    return inner === undefined ? [] : assignedNames(inner);
  }
  visit(statement, (cursor) => {
    const type = cursor.nodeType;
    if (type === 'assignment' || type === 'augmented_assignment' || type === 'for_statement') {
      const left = field(cursor.currentNode, 'left');
      if (left !== undefined) {
        identifiersIn(left, names);
      }
    }
    if (type === 'call') {
      // `x.requires_grad_()` changes x.
      const fn = field(cursor.currentNode, 'function');
      const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
      if (object?.type === 'identifier') {
        names.push(object.text);
      }
    }
    return type !== 'function_definition';
  });
  return names;
}

/**
 * The names the selection reads before it assigns them: `x = torch.Tensor(…)` at its top makes
 * an earlier `x = Value(-4.0)` of the same function unneeded (micrograd's test, then its
 * PyTorch half).
 */
function freeNames(selected: readonly SyntaxNode[], into: Set<string>): void {
  const bound = new Set<string>();
  for (const node of selected) {
    const assignment = plainAssignment(node);
    const read: string[] = [];
    identifiersIn(assignment === undefined ? node : assignment.right, read);
    for (const name of read) {
      if (!bound.has(name)) {
        into.add(name);
      }
    }
    for (const name of assignment?.names ?? []) {
      bound.add(name);
    }
  }
}

/** `x = …`, `a, b = …` as a statement of its own (no branch or loop): the names it binds. */
function plainAssignment(
  statement: SyntaxNode,
): { readonly names: string[]; readonly right: SyntaxNode } | undefined {
  const [inner] = statement.type === 'expression_statement' ? meaningfulChildren(statement) : [];
  const left = inner?.type === 'assignment' ? field(inner, 'left') : undefined;
  const right = inner === undefined ? undefined : field(inner, 'right');
  if (left === undefined || right === undefined) {
    return undefined;
  }
  const targets = left.type === 'identifier' ? [left] : meaningfulChildren(left);
  if (
    !['identifier', 'pattern_list', 'tuple_pattern'].includes(left.type) ||
    targets.some((target) => target.type !== 'identifier')
  ) {
    return undefined;
  }
  return { names: targets.map((target) => target.text), right };
}

function identifiersIn(node: SyntaxNode, into: Set<string> | string[]): void {
  visit(node, (cursor) => {
    if (cursor.nodeType === 'identifier') {
      if (Array.isArray(into)) {
        into.push(cursor.nodeText);
      } else {
        into.add(cursor.nodeText);
      }
    }
    return true;
  });
}

/** Every node inside `node`, through a tree cursor (no node object unless `enter` asks). */
function visit(node: SyntaxNode, enter: (cursor: TreeCursor) => boolean): void {
  walkOverlapping(node, spanOf(node), enter);
}

/** The qualified name of a callee (`np.random.randn` → `numpy.random.randn`). */
function calleePath(fn: SyntaxNode, modules: PythonModules): string | undefined {
  const parts: string[] = [];
  let current: SyntaxNode | undefined = fn;
  while (current?.type === 'attribute') {
    parts.unshift(field(current, 'attribute')?.text ?? '');
    current = field(current, 'object');
  }
  if (current?.type !== 'identifier') {
    return undefined;
  }
  const head = modules.qualify([current.text]) ?? CONVENTIONAL.get(current.text);
  return head === undefined ? undefined : [head, ...parts].join('.');
}

/** Whether `node` draws from NumPy's legacy stream, itself or through a function it calls. */
function drawsRandom(
  node: SyntaxNode,
  modules: PythonModules,
  drawing: ReadonlySet<string>,
): boolean {
  let draws = false;
  visit(node, (cursor) => {
    if (cursor.nodeType === 'call') {
      const fn = field(cursor.currentNode, 'function');
      const path = fn === undefined ? undefined : calleePath(fn, modules);
      draws =
        path?.startsWith('numpy.random.') === true ||
        (fn?.type === 'identifier' && drawing.has(fn.text));
    }
    return !draws;
  });
  return draws;
}

/** The functions the file defines that draw from NumPy's stream, directly or not. */
function drawingFunctions(
  definitions: ReadonlyMap<string, SyntaxNode>,
  modules: PythonModules,
): Set<string> {
  const drawing = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, definition] of definitions) {
      if (!drawing.has(name) && drawsRandom(definition, modules, drawing)) {
        drawing.add(name);
        grew = true;
      }
    }
  }
  return drawing;
}

/** Whether `node` makes an array (a creation call) or multiplies matrices (`@`). */
function makesArrays(node: SyntaxNode, modules: PythonModules): boolean {
  let found = false;
  visit(node, (cursor) => {
    if (cursor.nodeType === '@') {
      found = cursor.currentNode.parent?.type === 'binary_operator';
    } else if (cursor.nodeType === 'call') {
      found = createsArray(cursor.currentNode, modules);
    }
    return !found;
  });
  return found;
}

function createsArray(call: SyntaxNode, modules: PythonModules): boolean {
  const fn = field(call, 'function');
  const path = fn === undefined ? undefined : calleePath(fn, modules);
  if (path === undefined) {
    return false;
  }
  if (
    path.startsWith('numpy.random.') ||
    path.startsWith('jax.numpy.') ||
    path.startsWith('jax.random.')
  ) {
    return true;
  }
  if (path.startsWith('numpy.')) {
    return NUMPY_MAKERS.has(path.slice('numpy.'.length));
  }
  if (path === 'torch.nn.Linear' || path === 'torch.nn.Sequential') {
    return true;
  }
  if (path === 'torch.tensor' || path === 'torch.Tensor' || path === 'torch.as_tensor') {
    const [data] = meaningfulChildren(field(call, 'arguments') ?? call);
    return data?.type === 'list' || data?.type === 'tuple' || data?.type === 'list_comprehension';
  }
  return path.startsWith('torch.') && TORCH_MAKERS.has(path.slice('torch.'.length));
}
