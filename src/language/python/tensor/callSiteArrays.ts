/**
 * Values for a function's parameters from a call of it at the top of the file (array code):
 * the module's statements up to that call are read (they are what the function's free names
 * hold when the call runs), then the call's arguments, which the function's parameters bind
 * before its body is read. Without a usable call, the code before the function is read as
 * before.
 */
import { shapeText } from '../../../engine/tensor/shape';
import { argumentsOf } from '../../code/callSiteArguments';
import { CodeError } from '../../code/codeError';
import { chooseCallSite } from '../../code/callSiteChoice';
import { callSiteNote } from '../../code/callSiteNote';
import { callSitesOf, transformBinding } from '../../code/callSites';
import type { Target } from '../../code/selection';
import { assignedNamesIn, excerpt, field } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { formatNumber } from '../../../engine/format';
import type { FrontEndRequest } from '../../frontEnd';
import type { SourceLines } from '../../sourceLines';
import { spanOf } from '../../span';
import type { PythonModules } from '../pythonModules';
import type { ArrayReader } from './arrayReader';
import { planRead, type PlannedStatement, type ReadPlan } from './arrayPlan';
import { parametersOf } from './arraySyntax';
import type { PyValue } from './arrayValue';

export interface CallSiteSetup {
  readonly root: SyntaxNode;
  readonly target: Target;
  readonly plan: ReadPlan;
  readonly lines: SourceLines;
  readonly request: FrontEndRequest;
  readonly modules: PythonModules;
  /** A fresh reader (each call tried starts from the top of the file). */
  readonly reader: () => ArrayReader;
  /** Reads one planned statement (its errors are the selection's when it is needed). */
  readonly read: (reader: ArrayReader, planned: PlannedStatement) => void;
}

/** A reader that has read the code before the selected function runs, its call's arguments set. */
export function readUpToCall(setup: CallSiteSetup): ArrayReader {
  const definition = setup.plan.enclosing ?? selectedDefinition(setup.target);
  const name = definition === undefined ? undefined : field(definition, 'name')?.text;
  const atCall =
    definition === undefined || name === undefined
      ? undefined
      : readAtCall(definition, name, setup);
  if (atCall !== undefined) {
    return atCall;
  }
  const reader = setup.reader();
  for (const planned of setup.plan.before) {
    setup.read(reader, planned);
  }
  return reader;
}

function readAtCall(
  definition: SyntaxNode,
  name: string,
  setup: CallSiteSetup,
): ArrayReader | undefined {
  const params = parametersOf(definition).map((param) => ({
    ...param,
    name: { name: param.name, span: param.span },
  }));
  const { arrays = {}, values = {} } = setup.request;
  const typed = (param: string): boolean =>
    Object.hasOwn(arrays, param) || Object.hasOwn(values, param);
  if (params.every((param) => typed(param.name.name)) && setup.request.callSite === undefined) {
    return undefined;
  }
  // Only a call at the top of the file runs with values the reader knows.
  const sites = callSitesOf(setup.root, name, spanOf(definition)).filter(
    (site) => statementOf(site.call)?.parent?.id === setup.root.id,
  );
  const context = { name, span: spanOf(definition) };
  return chooseCallSite(sites, setup.request.callSite, setup.lines, context, (site) => {
    const reader = setup.reader();
    const statement = statementOf(site.call) ?? site.call;
    // `dfdx = jax.grad(f)` is what the call's site stands for: nothing to read.
    const before = planRead(setup.root, [statement], setup.modules).before.filter(
      (planned) => transformBinding(planned.node) === undefined,
    );
    for (const planned of before) {
      readFor(reader, planned, setup);
    }
    const given = argumentsOf(site, params, name, false).filter(
      ({ param }) => !typed(param.name.name),
    );
    const bound = given.map(({ param, value }) => ({
      name: param.name.name,
      value: reader.expr(value),
      span: spanOf(value),
      text: value.text,
    }));
    if (bound.length === 0 && setup.request.callSite === undefined) {
      // The parameters this call gives have values already: another call may give the others.
      throw new CodeError(
        'unsupported',
        `\`${excerpt(site.call.text)}\` gives no parameter a value`,
        site.span,
      );
    }
    reader.callSiteArguments = new Map(bound.map((argument) => [argument.name, argument]));
    const said = bound.map(
      (argument) => `${argument.name} = ${valueText(argument.value, argument.text)}`,
    );
    reader.note(callSiteNote(site, name, said, params, setup.lines));
    return reader;
  });
}

function valueText(value: PyValue, text: string): string {
  switch (value.kind) {
    case 'number':
      return formatNumber(value.value);
    case 'array':
      return value.value.shape.length === 0
        ? formatNumber(value.value.data[0] ?? NaN)
        : `${excerpt(text)} (shape ${shapeText(value.value.shape)})`;
    default:
      return excerpt(text);
  }
}

/** The statement a call lies in, at whatever depth. */
function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  while (current !== null && !/statement$|definition$/.test(current.type)) {
    current = current.parent;
  }
  return current ?? undefined;
}

/** The function selected by itself (imports around it aside). */
function selectedDefinition(target: Target): SyntaxNode | undefined {
  const code = target.nodes.filter(
    (node) => !/^(?:import|import_from|future_import)_statement$/.test(node.type),
  );
  const [sole] = code;
  if (sole === undefined || code.length !== 1) {
    return undefined;
  }
  const inner = sole.type === 'decorated_definition' ? field(sole, 'definition') : sole;
  return inner?.type === 'function_definition' ? inner : undefined;
}

/** What an assignment binds, by the node type that assigns and its target's field. */
const TARGETS = { assignment: 'left', augmented_assignment: 'left', for_statement: 'left' };

/**
 * A statement that only makes what the call passes (`W0 = np.zeros((3, 2))`) is read for its
 * values: the parameters are the inputs, so W0 is not one too ("not used by" the function).
 */
function readFor(reader: ArrayReader, planned: PlannedStatement, setup: CallSiteSetup): void {
  const assigned = assignedNamesIn(planned.node, TARGETS);
  if (assigned.length > 0 && assigned.every((name) => !setup.plan.names.has(name))) {
    reader.asConstants(() => setup.read(reader, planned));
    return;
  }
  setup.read(reader, planned);
}
