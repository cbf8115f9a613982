/**
 * A scan of the extension's own source with the TypeScript parser (not regular expressions, so
 * comments, strings and property names never count): what it imports, which globals it
 * reaches for, and whether anything could turn text into code or reach the network.
 */
import { builtinModules } from 'node:module';
import ts from 'typescript';

export interface Finding {
  /** Path relative to the repository, with forward slashes. */
  readonly file: string;
  /** 1-based, as editors show it. */
  readonly line: number;
  readonly column: number;
  readonly rule: string;
}

/** Which Node built-ins a file may import: the only files that may import any at all. */
export interface NodeAllowance {
  readonly files: RegExp;
  readonly modules: readonly string[];
}

/** A single reviewed exception to a rule, with the reason it is safe. */
export interface Exception {
  readonly file: string;
  readonly rule: RegExp;
  readonly why: string;
}

export interface Policy {
  readonly nodeBuiltins: readonly NodeAllowance[];
  /** npm packages a file may import (a relative import is always fine). */
  readonly packages: readonly { readonly name: string; readonly files: RegExp }[];
  /** Files that may use the `process` global. */
  readonly processGlobal: RegExp;
  readonly exceptions: readonly Exception[];
}

/** Modules that run programs, evaluate code or talk to the network: never, anywhere. */
export const FORBIDDEN_MODULES = [
  'node:child_process',
  'node:vm',
  'node:http',
  'node:https',
  'node:http2',
  'node:net',
  'node:tls',
  'node:dgram',
  'node:dns',
  'node:cluster',
  'node:worker_threads',
  'node:inspector',
  'node:repl',
];

/** Globals that evaluate text as code or open a connection, wherever they are referenced. */
export const FORBIDDEN_GLOBALS = [
  'eval',
  'Function',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'importScripts',
  'Worker',
  'SharedWorker',
];

/** Properties that open a connection whatever object they are read from. */
const FORBIDDEN_PROPERTIES = ['sendBeacon'];
/** Objects through which a global can be reached by name: `globalThis.eval`, `window['fetch']`. */
const GLOBAL_OBJECTS = ['globalThis', 'window', 'self', 'global', 'frames', 'parent', 'top'];
/** Timers run a string argument as code. */
const STRING_TIMERS = ['setTimeout', 'setInterval', 'setImmediate'];

const BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

/** `node:fs/promises` for `fs/promises` or `node:fs/promises`; undefined for anything else. */
export function builtinName(specifier: string): string | undefined {
  const bare = specifier.replace(/^node:/, '');
  const root = bare.split('/')[0] ?? bare;
  return specifier.startsWith('node:') || BUILTINS.has(bare) || BUILTINS.has(root)
    ? `node:${bare}`
    : undefined;
}

export function scanSource(file: string, text: string, policy: Policy): Finding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const findings: Finding[] = [];
  const report = (node: ts.Node, rule: string): void => {
    const at = source.getLineAndCharacterOfPosition(node.getStart(source));
    findings.push({ file, line: at.line + 1, column: at.character + 1, rule });
  };
  const visit = (node: ts.Node): void => {
    checkNode(node, file, policy, report);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings.filter(
    (finding) =>
      !policy.exceptions.some(
        (exception) => exception.file === finding.file && exception.rule.test(finding.rule),
      ),
  );
}

type Report = (node: ts.Node, rule: string) => void;

function checkNode(node: ts.Node, file: string, policy: Policy, report: Report): void {
  const specifier = moduleSpecifier(node);
  if (specifier !== undefined) {
    if (ts.isStringLiteralLike(specifier)) {
      checkModule(specifier, specifier.text, file, policy, report);
    } else {
      report(specifier, `a module loaded by a computed name (${specifier.getText()})`);
    }
    return;
  }
  if (ts.isIdentifier(node)) {
    checkIdentifier(node, file, policy, report);
    return;
  }
  if (ts.isElementAccessExpression(node)) {
    const key = node.argumentExpression;
    if (ts.isStringLiteralLike(key) && FORBIDDEN_GLOBALS.includes(key.text)) {
      report(node, `\`${key.text}\` reached by name`);
    }
    return;
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    const first = node.arguments[0];
    if (STRING_TIMERS.includes(node.expression.text) && first !== undefined && isText(first)) {
      report(node, `\`${node.expression.text}\` with a string (runs it as code)`);
    }
  }
}

/** The module a node loads: import/export … from, import x = require(), require(), import(). */
function moduleSpecifier(node: ts.Node): ts.Expression | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    return node.moduleSpecifier;
  }
  if (ts.isExternalModuleReference(node)) {
    return node.expression;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    return node.argument.literal as ts.Expression;
  }
  if (!ts.isCallExpression(node)) {
    return undefined;
  }
  const callee = node.expression;
  const loads =
    callee.kind === ts.SyntaxKind.ImportKeyword ||
    (ts.isIdentifier(callee) && callee.text === 'require') ||
    // createRequire(…)(name): a require made for another place.
    (ts.isCallExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'createRequire');
  return loads ? (node.arguments[0] ?? node) : undefined;
}

function checkModule(
  node: ts.Node,
  specifier: string,
  file: string,
  policy: Policy,
  report: Report,
): void {
  if (specifier.startsWith('.')) {
    return;
  }
  const builtin = builtinName(specifier);
  if (builtin === undefined) {
    const allowed = policy.packages.some(
      (entry) =>
        (specifier === entry.name || specifier.startsWith(`${entry.name}/`)) &&
        entry.files.test(file),
    );
    if (!allowed) {
      report(node, `the package \`${specifier}\` (not allowed in this file)`);
    }
    return;
  }
  if (FORBIDDEN_MODULES.includes(builtin)) {
    report(node, `the module \`${specifier}\` (runs programs, evaluates code or uses the network)`);
    return;
  }
  const allowed = policy.nodeBuiltins.some(
    (entry) => entry.files.test(file) && entry.modules.includes(builtin),
  );
  if (!allowed) {
    report(node, `the Node built-in \`${specifier}\` (not allowed in this file)`);
  }
}

function checkIdentifier(node: ts.Identifier, file: string, policy: Policy, report: Report): void {
  const name = node.text;
  const parent = node.parent;
  if (FORBIDDEN_PROPERTIES.includes(name) && ts.isPropertyAccessExpression(parent)) {
    report(node, `\`${name}\` (opens a connection)`);
    return;
  }
  const global = FORBIDDEN_GLOBALS.includes(name);
  if (!global && name !== 'process') {
    return;
  }
  if (!isValueReference(node)) {
    return;
  }
  if (global) {
    report(node, `\`${name}\` (evaluates text as code or uses the network)`);
  } else if (!policy.processGlobal.test(file)) {
    report(node, '`process` outside the command line');
  }
}

/**
 * Whether an identifier refers to a variable (a global, unless declared): not a property name,
 * not the name being declared, not part of a type. `globalThis.eval` refers to the global.
 */
function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
    const object = parent.expression;
    return ts.isIdentifier(object) && GLOBAL_OBJECTS.includes(object.text);
  }
  if (ts.isQualifiedName(parent) || ts.isPropertyAssignment(parent)) {
    return ts.isPropertyAssignment(parent) ? parent.initializer === node : false;
  }
  const declaration = parent as ts.Node & { readonly name?: ts.Node };
  if (declaration.name === node && !ts.isShorthandPropertyAssignment(parent)) {
    return false;
  }
  for (let at: ts.Node = node; at.parent !== undefined; at = at.parent) {
    if (ts.isTypeNode(at) && !ts.isExpressionWithTypeArguments(at)) {
      return false;
    }
    if (ts.isExpression(at.parent) || ts.isStatement(at.parent)) {
      break;
    }
  }
  return true;
}

function isText(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) || ts.isTemplateExpression(node);
}
