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
import { callSitesOf, transformBinding, type CallSite } from '../../code/callSites';
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
import { detached } from './arrayOps';
import { parametersOf } from './arraySyntax';
import type { PyValue } from './arrayValue';
import { moduleNamesRead } from './moduleNamesRead';

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
    const differentiated = differentiatedParameters(site, params.length, name);
    const moduleReads = moduleNamesRead(
      definition,
      setup.plan.definitions,
      before.map((planned) => planned.node),
    );
    // Under jax.grad only the arguments argnums picks are inputs: what the module holds is not.
    const moduleInputs = differentiated === undefined ? moduleReads : new Set<string>();
    for (const planned of before) {
      readFor(reader, planned, moduleInputs, setup);
    }
    const given = argumentsOf(site, params, name, false).filter(
      ({ param }) => !typed(param.name.name),
    );
    const bound = given.map(({ param, value }) => {
      const constant = differentiated !== undefined && !differentiated.has(params.indexOf(param));
      const read = reader.expr(value);
      return {
        name: param.name.name,
        value: constant && read.kind === 'array' ? detached(read) : read,
        span: spanOf(value),
        text: value.text,
        constant,
      };
    });
    if (bound.length === 0 && setup.request.callSite === undefined) {
      // The parameters this call gives have values already: another call may give the others.
      throw new CodeError(
        'unsupported',
        `\`${excerpt(site.call.text)}\` gives no parameter a value`,
        site.span,
      );
    }
    reader.parameterInputsOnly = differentiated !== undefined;
    reader.callSiteArguments = new Map(bound.map((argument) => [argument.name, argument]));
    const said = bound.map(
      (argument) => `${argument.name} = ${valueText(argument.value, argument.text)}`,
    );
    reader.note(callSiteNote(site, name, said, params, setup.lines));
    if (differentiated !== undefined && site.transform !== undefined) {
      const held = bound.filter((argument) => argument.constant).map((argument) => argument.name);
      const globals = [
        ...new Set(
          before.flatMap((planned) =>
            assignedNamesIn(planned.node, TARGETS).filter((assigned) => moduleReads.has(assigned)),
          ),
        ),
      ];
      if (held.length > 0 || globals.length > 0) {
        const inputs = params.filter((_, index) => differentiated.has(index));
        reader.note(
          constantsNote(site.transform.text, name, {
            inputs: inputs.map((param) => param.name.name),
            argnums: [...differentiated],
            held,
            globals,
          }),
        );
      }
    }
    return reader;
  });
}

/**
 * The parameters a gradient transformation differentiates (by position), or undefined when
 * every parameter is an input: a plain call, `jit`, or argnums not written as numbers.
 */
function differentiatedParameters(
  site: CallSite,
  count: number,
  name: string,
): ReadonlySet<number> | undefined {
  const transform = site.transform;
  if (transform === undefined || transform.kind === 'jit' || transform.argnums === undefined) {
    return undefined;
  }
  const outside = transform.argnums.find((index) => index < 0 || index >= count);
  if (outside !== undefined) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(transform.text)}\` differentiates argument ${outside}, but \`${name}\` has ${count} parameters`,
      site.span,
    );
  }
  return new Set(transform.argnums);
}

/** Which parameters a gradient transformation leaves constant, and why. */
function constantsNote(
  text: string,
  name: string,
  parts: {
    readonly inputs: readonly string[];
    readonly argnums: readonly number[];
    readonly held: readonly string[];
    readonly globals: readonly string[];
  },
): string {
  const { inputs, argnums, held, globals } = parts;
  const heldText = held.length === 0 ? '' : `${held.join(', ')} held constant: `;
  const said = `${heldText}\`${excerpt(text, 60)}\` differentiates ${name} with respect to ${inputs.join(', ')} only (argnums ${argnums.join(', ')})`;
  if (globals.length === 0) {
    return said;
  }
  const verb = globals.length === 1 ? 'is a constant' : 'are constants';
  return `${said}; ${globals.join(', ')}, read from the module, ${verb} there too`;
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
 * A statement that only makes what the call passes (`W0 = np.zeros((3, 2))`, or an `x` the
 * parameter x receives) is read for its values: the parameters are the inputs, so W0 is not
 * one too ("not used by" the function).
 */
function readFor(
  reader: ArrayReader,
  planned: PlannedStatement,
  /** The module's names the function reads: a statement assigning one makes inputs. */
  moduleInputs: ReadonlySet<string>,
  setup: CallSiteSetup,
): void {
  const assigned = assignedNamesIn(planned.node, TARGETS);
  if (assigned.length > 0 && assigned.every((name) => !moduleInputs.has(name))) {
    reader.asConstants(() => setup.read(reader, planned));
    return;
  }
  setup.read(reader, planned);
}
