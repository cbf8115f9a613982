/** The Python front end: real Python, read by tree-sitter, lowered to the engine's graph. */
import { createCodeFrontEnd } from '../code/codeFrontEnd';
import { withNotebookLines } from './notebookLines';
import type { CodeLanguage } from '../code/codeLanguage';
import type { FrontEnd } from '../frontEnd';
import { pythonLanguage } from './descriptor';
import { PYTHON_CALLABLE } from './pythonExpressions';
import { PythonModules } from './pythonModules';
import { PythonReader } from './pythonReader';
import { readArrayProgram } from './tensor/arrayProgram';
import { expressionTest, type SelectionSyntax } from '../code/selection';
import { loadParser, parse, type WasmSource } from '../code/treeSitter';

const EXPRESSIONS = new Set([
  'identifier',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'string',
  'concatenated_string',
  'binary_operator',
  'unary_operator',
  'comparison_operator',
  'boolean_operator',
  'not_operator',
  'conditional_expression',
  'call',
  'attribute',
  'subscript',
  'parenthesized_expression',
  'lambda',
  'list',
  'tuple',
  'dictionary',
  'set',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
  'await',
  'named_expression',
]);

/** Fields that hold a name being defined or a callee, not a value. */
const NAME_FIELDS = new Set(['name', 'alias', 'attribute', 'function', 'type', 'module_name']);
const ASSIGNING = new Set(['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause']);
const NAME_LISTS = new Set(['parameters', 'lambda_parameters', 'typed_parameter', 'dotted_name']);

const PYTHON_SYNTAX: SelectionSyntax = {
  containers: new Set(['module', 'block']),
  isExpression: expressionTest({
    expressions: EXPRESSIONS,
    nameFields: NAME_FIELDS,
    assigning: ASSIGNING,
    nameLists: NAME_LISTS,
  }),
};

const PYTHON: CodeLanguage = {
  id: pythonLanguage.id,
  grammar: pythonLanguage.grammar.name,
  displayName: pythonLanguage.displayName,
  syntax: PYTHON_SYNTAX,
  commentStarts: ['#'],
  hoistsFunctions: false,
  callable: PYTHON_CALLABLE,
  nameStart: /[\p{ID_Start}_]/u,
  namePart: /[\p{ID_Continue}]/u,
  open: (root, source) => new PythonReader(new PythonModules(root, source), source),
  readArrays: (root, target, lines, request) =>
    readArrayProgram(root, target, lines, request, new PythonModules(root, lines.text)),
};

export function createPythonFrontEnd(wasm: WasmSource): FrontEnd {
  return withNotebookLines(createCodeFrontEnd(PYTHON, wasm), async (text) =>
    parse(await loadParser(wasm, PYTHON.grammar), text),
  );
}
