import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InspectionResult } from '../../src/engine/result';
import {
  isEncodedHostMessage,
  parseHostMessage,
  parsePanelState,
  parseWebviewMessage,
  snapshotJsonAround,
  snapshotMessage,
} from '../../src/protocol/messages';
import type {
  HostMessage,
  PanelInspection,
  PanelState,
  WebviewMessage,
} from '../../src/protocol/protocol';
import { fromWire, toWire, wireJson } from '../../src/protocol/wire';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';

/** What postMessage does to a message on its way: JSON there and back. */
function overTheWire(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message));
}

async function source(
  text: string,
  language: 'python' | 'math',
  values: Record<string, number> = {},
): Promise<PanelInspection> {
  const inspection = await inspectionOf({
    source: text,
    language,
    values,
    ...(language === 'python' ? { selection: linesRange(text, 3, 4) } : {}),
    check: true,
  });
  return {
    uri: 'file:///work/reference.py',
    fileName: 'reference.py',
    result: inspection.result,
    values: inspection.values,
    lineOffset: 0,
    outputChosen: false,
    request: { selection: inspection.program.range, values: { z: -4 } },
  };
}

const WEBVIEW_MESSAGES: readonly WebviewMessage[] = [
  { type: 'ready' },
  { type: 'selectNode', node: 3, reveal: true },
  { type: 'highlightNode', node: null },
  { type: 'highlightNode', node: 0 },
  { type: 'setValues', values: { z: 2, 'act.t': -0.5 } },
  { type: 'chooseOutput', node: 2 },
  { type: 'chooseOutput', node: null },
  { type: 'exportSvg', view: { colors: 'dark', hideConstants: true, hideOffPath: false } },
  { type: 'exportPng', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
  { type: 'exportDot' },
  { type: 'copyTable', format: 'latex' },
  { type: 'log', level: 'warn', message: 'something' },
  { type: 'showPrevious' },
  { type: 'drawn', snapshot: 3 },
  {
    type: 'drawn',
    snapshot: 4,
    timings: { decodeMs: 1.5, checkMs: 2, renderMs: 40.25, frameMs: 16 },
  },
];

const MALFORMED_WEBVIEW_MESSAGES: readonly [string, unknown][] = [
  ['no type', { node: 1 }],
  ['unknown type', { type: 'runCode', code: 'process.exit()' }],
  ['inherited type', { type: 'toString' }],
  ['node not an id', { type: 'selectNode', node: -1, reveal: true }],
  ['node a float', { type: 'highlightNode', node: 1.5 }],
  ['value not finite', { type: 'setValues', values: { z: null } }],
  ['value a text', { type: 'setValues', values: { z: '2' } }],
  ['empty name', { type: 'setValues', values: { '': 2 } }],
  ['values an array', { type: 'setValues', values: [2] }],
  ['remote image', { type: 'exportPng', dataUrl: 'https://example.com/x.png' }],
  ['svg data', { type: 'exportPng', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }],
  ['bad base64', { type: 'exportPng', dataUrl: 'data:image/png;base64,<script>' }],
  ['unknown colours', { type: 'exportSvg', view: { colors: 'red', hideConstants: true } }],
  ['unknown format', { type: 'copyTable', format: 'html' }],
  ['unknown level', { type: 'log', level: 'fatal', message: 'x' }],
  ['snapshot not a count', { type: 'drawn', snapshot: -1 }],
  ['timing not a number', { type: 'drawn', snapshot: 1, timings: { decodeMs: '1' } }],
  ['not an object', 'ready'],
  ['null', null],
];

describe('panel protocol', () => {
  let reference: PanelInspection;
  before(async () => {
    reference = await source(REFERENCE_PYTHON, 'python');
  });

  describe('host → webview', () => {
    it('a snapshot survives JSON and reads back as the same inspection', () => {
      const parsed = parseHostMessage(overTheWire(snapshotMessage(reference, { precision: 6 }, 2)));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
      const message = parsed.message;
      assert.equal(message.type, 'snapshot');
      assert.ok(message.type === 'snapshot' && message.inspection !== null);
      assert.deepEqual(message.inspection.result, reference.result);
      assert.equal(message.selectedNode, 2);
      assert.deepEqual(message.settings, { precision: 6 });
      assert.deepEqual(message.inspection.request, reference.request);
    });

    it('keeps NaN and ±Infinity, which JSON cannot carry', async () => {
      const broken = await source('f = log(x) + 1/y', 'math', { x: -1, y: 0 });
      assert.ok(
        Number.isNaN(broken.result.value) && broken.result.nodes.some((n) => n.value === Infinity),
      );
      const parsed = parseHostMessage(
        overTheWire(snapshotMessage(broken, { precision: 6 }, undefined)),
      );
      assert.ok(parsed.ok && parsed.message.type === 'snapshot');
      assert.ok(parsed.message.inspection !== null);
      assert.deepEqual(parsed.message.inspection.result, broken.result);
      assert.deepEqual(fromWire(overTheWire(toWire([NaN, Infinity, -Infinity, 0]))), [
        NaN,
        Infinity,
        -Infinity,
        0,
      ]);
    });

    it('a snapshot joined around the worker JSON of its result reads as snapshotMessage does', async () => {
      const broken = await source('f = log(x) + 1/y', 'math', { x: -1, y: 0 });
      const named = await source(
        'a = 1\n__proto__ = 2\nconstructor = 3\nq = __proto__ * constructor\nf = q + a\n',
        'python',
      );
      for (const [one, selected] of [
        [reference, 2],
        [{ ...broken, stale: 'the code changed', outputChosen: true }, undefined],
        [{ ...named, request: { ...named.request, outputNode: 1 } }, 0],
      ] as const) {
        const { result, ...rest } = one;
        const { before, after } = snapshotJsonAround(rest, { precision: 4 }, selected);
        const joined = JSON.parse(`${before}${wireJson(result)}${after}`) as unknown;
        assert.deepEqual(joined, overTheWire(snapshotMessage(one, { precision: 4 }, selected)));
        const parsed = parseHostMessage(joined);
        assert.ok(parsed.ok && parsed.message.type === 'snapshot', parsed.ok ? '' : parsed.problem);
        assert.deepEqual(parsed.message.inspection?.result, result);
      }
    });

    it('wireJson writes what JSON.stringify(toWire(…)) writes, quicker when nothing is non-finite', () => {
      fc.assert(
        fc.property(
          fc.jsonValue(),
          fc.constantFrom(NaN, Infinity, -Infinity, 1.5),
          (value, number) => {
            for (const candidate of [value, { value, number }, [number, value]]) {
              assert.equal(wireJson(candidate), JSON.stringify(toWire(candidate)));
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('recognizes an encoded message only with bytes', () => {
      assert.ok(isEncodedHostMessage({ type: 'encoded', json: new Uint8Array([123, 125]) }));
      assert.ok(!isEncodedHostMessage({ type: 'encoded', json: '{}' }));
      assert.ok(!isEncodedHostMessage({ type: 'encoded', json: [123, 125] }));
      assert.ok(!isEncodedHostMessage(null));
    });

    it('accepts an empty snapshot and the small messages', () => {
      const messages: HostMessage[] = [
        { type: 'snapshot', inspection: null, settings: { precision: 3 }, selectedNode: null },
        { type: 'selectNode', node: 4 },
        { type: 'stale', reason: 'the code changed' },
        { type: 'stale', reason: null },
        { type: 'notice', level: 'error', message: 'no value for z' },
        { type: 'status', status: { kind: 'current' } },
        { type: 'status', status: { kind: 'pending' } },
        {
          type: 'status',
          status: {
            kind: 'refused',
            message: 'np.fft.fft is not supported (yet)',
            place: { fileName: 'softmax.py', line: 7, column: 5 },
            previousShown: false,
          },
        },
      ];
      for (const message of messages) {
        const parsed = parseHostMessage(overTheWire(toWire(message)));
        assert.ok(parsed.ok, `${message.type}: ${parsed.ok ? '' : parsed.problem}`);
        assert.deepEqual(parsed.message, message);
      }
    });

    it('drops a status of no known kind, or a refusal without its place', () => {
      const malformed: unknown[] = [
        { type: 'status', status: { kind: 'stale' } },
        { type: 'status', status: { kind: 'toString' } },
        { type: 'status', status: null },
        { type: 'status', status: { kind: 'refused', message: 'x', previousShown: false } },
        {
          type: 'status',
          status: {
            kind: 'refused',
            message: 'x',
            place: { fileName: 'a.py', line: -1, column: 1 },
            previousShown: false,
          },
        },
      ];
      for (const message of malformed) {
        const parsed = parseHostMessage(message);
        assert.equal(parsed.ok, false, JSON.stringify(message));
        assert.match(parsed.ok ? '' : parsed.problem, /^status\./);
      }
    });

    it('drops a snapshot whose graph points outside itself, saying where', () => {
      const wire = overTheWire(snapshotMessage(reference, { precision: 6 }, undefined)) as {
        inspection: { result: InspectionResult & { nodes: { operands: number[] }[] } };
      };
      wire.inspection.result.nodes[2]!.operands = [0, 7];
      const parsed = parseHostMessage(wire);
      assert.equal(parsed.ok, false);
      assert.match(parsed.ok ? '' : parsed.problem, /nodes\[2\] uses a later node/);
      const missingField = overTheWire(snapshotMessage(reference, { precision: 6 }, undefined)) as {
        inspection: { result: { steps: unknown[] } };
      };
      missingField.inspection.result.steps[1] = { kind: 'edge', index: 1 };
      const second = parseHostMessage(missingField);
      assert.equal(second.ok, false);
      assert.match(second.ok ? '' : second.problem, /^snapshot\.inspection\.result\.steps\[1\]\./);
    });
  });

  describe('webview → host', () => {
    it('accepts every declared message', () => {
      for (const message of WEBVIEW_MESSAGES) {
        const parsed = parseWebviewMessage(overTheWire(message));
        assert.ok(parsed.ok, `${message.type}: ${parsed.ok ? '' : parsed.problem}`);
        assert.deepEqual(parsed.message, message);
      }
    });

    for (const [what, data] of MALFORMED_WEBVIEW_MESSAGES) {
      it(`drops a malformed message: ${what}`, () => {
        const parsed = parseWebviewMessage(data);
        assert.equal(parsed.ok, false);
        assert.ok(!parsed.ok && parsed.problem.length > 0);
      });
    }

    it('a value named __proto__ stays a value and pollutes nothing', () => {
      const data = JSON.parse('{"type":"setValues","values":{"__proto__":2}}') as unknown;
      const parsed = parseWebviewMessage(data);
      assert.ok(parsed.ok && parsed.message.type === 'setValues');
      assert.equal(Object.getOwnPropertyDescriptor(parsed.message.values, '__proto__')?.value, 2);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });

  describe('saved state', () => {
    it('reads back what the webview saved, and nothing else', () => {
      const state: PanelState = {
        version: 1,
        uri: reference.uri,
        request: { selection: reference.request.selection, values: { z: Infinity } },
        ui: {
          mode: 'forward',
          index: 1,
          hideConstants: true,
          hideOffPath: false,
          selectedNode: null,
        },
      };
      assert.deepEqual(parsePanelState(overTheWire(toWire(state))), state);
      assert.equal(parsePanelState(undefined), undefined);
      assert.equal(parsePanelState({ version: 2, uri: 'x' }), undefined);
      assert.equal(parsePanelState({ version: 1, uri: 'x', ui: { mode: 'sideways' } }), undefined);
    });
  });

  describe('never throws, whatever arrives', () => {
    const types = fc.constantFrom(
      'ready',
      'selectNode',
      'highlightNode',
      'setValues',
      'chooseOutput',
      'exportSvg',
      'exportPng',
      'exportDot',
      'copyTable',
      'log',
      'snapshot',
      'stale',
      'notice',
      '__proto__',
      'constructor',
    );
    const shaped = fc
      .record({ type: types }, { requiredKeys: [] })
      .chain((base) =>
        fc.dictionary(fc.string(), fc.anything()).map((rest) => ({ ...rest, ...base })),
      );
    const anything = fc.oneof(fc.anything(), shaped, fc.jsonValue());

    it('random data to the webview-message parser', () => {
      fc.assert(
        fc.property(anything, (data) => {
          const parsed = parseWebviewMessage(data);
          assert.equal(typeof parsed.ok, 'boolean');
        }),
        { numRuns: 2000 },
      );
    });

    it('random data to the host-message and state parsers', () => {
      fc.assert(
        fc.property(anything, (data) => {
          assert.equal(typeof parseHostMessage(data).ok, 'boolean');
          parsePanelState(data);
        }),
        { numRuns: 2000 },
      );
    });

    it('random mutations of a real snapshot', () => {
      const wire = overTheWire(snapshotMessage(reference, { precision: 6 }, undefined));
      const paths = leafPaths(wire);
      fc.assert(
        fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
          const copy = overTheWire(wire);
          setAt(copy, path, value);
          assert.equal(typeof parseHostMessage(copy).ok, 'boolean');
        }),
        { numRuns: 1000 },
      );
    });

    it('absurdly deep nesting is dropped, not a crash', () => {
      let deep: unknown = 1;
      for (let i = 0; i < 100_000; i += 1) {
        deep = [deep];
      }
      assert.equal(parseHostMessage({ type: 'stale', reason: deep }).ok, false);
      assert.equal(parseWebviewMessage({ type: 'setValues', values: { a: deep } }).ok, false);
    });
  });
});

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) {
    return [prefix];
  }
  const entries = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => leafPaths(item, [...prefix, key]))];
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  if (path.length === 0) {
    return;
  }
  let at = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    at = at[key] as Record<string | number, unknown>;
  }
  at[path.at(-1)!] = value;
}
