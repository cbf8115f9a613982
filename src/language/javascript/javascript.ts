/**
 * The JavaScript and TypeScript front ends: one reading of both, since TypeScript's additions
 * (annotations, `as`, `!`, `satisfies`, generics) only describe types. Each dialect parses with
 * its own grammar.
 */
import { createCodeFrontEnd } from '../code/codeFrontEnd';
import type { CodeLanguage } from '../code/codeLanguage';
import type { FrontEnd } from '../frontEnd';
import { javascriptLanguage, typescriptLanguage } from './descriptor';
import { JAVASCRIPT_CALLABLE } from './javascriptExpressions';
import type { JavaScriptDialect } from './javascriptOperators';
import { JavaScriptReader } from './javascriptReader';
import { readTensorFlowProgram } from './tensor/tfProgram';
import { expressionTest, type SelectionSyntax } from '../code/selection';
import type { WasmSource } from '../code/treeSitter';

const EXPRESSIONS = new Set([
  'identifier',
  'number',
  'true',
  'false',
  'null',
  'undefined',
  'string',
  'template_string',
  'binary_expression',
  'unary_expression',
  'parenthesized_expression',
  'ternary_expression',
  'call_expression',
  'member_expression',
  'subscript_expression',
  'arrow_function',
  'function_expression',
  'array',
  'object',
  'new_expression',
  'await_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
]);

/** Fields that hold a name being defined, a callee or a type, not a value. */
const NAME_FIELDS = new Set([
  'name',
  'property',
  'function',
  'type',
  'pattern',
  'parameter',
  'parameters',
  'label',
  'key',
  'return_type',
  'type_arguments',
]);
const ASSIGNING = new Set([
  'assignment_expression',
  'augmented_assignment_expression',
  'for_in_statement',
  'assignment_pattern',
]);

const JAVASCRIPT_SYNTAX: SelectionSyntax = {
  containers: new Set(['program', 'statement_block']),
  isExpression: expressionTest({
    expressions: EXPRESSIONS,
    nameFields: NAME_FIELDS,
    assigning: ASSIGNING,
    nameLists: new Set(['formal_parameters']),
  }),
};

export function createJavaScriptFrontEnd(wasm: WasmSource, dialect: JavaScriptDialect): FrontEnd {
  const descriptor = dialect === 'javascript' ? javascriptLanguage : typescriptLanguage;
  const language: CodeLanguage = {
    id: descriptor.id,
    grammar: descriptor.grammar.name,
    displayName: descriptor.displayName,
    syntax: JAVASCRIPT_SYNTAX,
    commentStarts: ['//', '/*', '*'],
    hoistsFunctions: true,
    callable: JAVASCRIPT_CALLABLE,
    // A `\\u0078` escape is spelled with a backslash: let it through as written.
    nameStart: /[\p{ID_Start}$_\\]/u,
    namePart: /[\p{ID_Continue}$\\{}]|\u200c|\u200d/u,
    open: (root, source) => new JavaScriptReader(source, dialect, root),
    readArrays: (root, target, lines, request) =>
      readTensorFlowProgram(root, target, lines, request, descriptor.id),
  };
  return createCodeFrontEnd(language, wasm);
}
