/**
 * A tensor node's details in headless Chromium, the test playing the extension host with the
 * host's own answers (protocol/tensorDetailAnswers) from a real engine result: the tables ask
 * for the window in sight and show its numbers, scrolling asks for another, the dimension
 * picker of a rank-3 tensor shows the chosen axes and slice, and a clicked cell shows the chain
 * rule of its gradient, term by term, with numbers computed here from the inputs.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { formatNumber } from '../../src/engine/format';
import type { Tensor } from '../../src/engine/tensor/tensor';
import { TensorGraphBuilder } from '../../src/engine/tensor/tensorBuilder';
import { inspectTensorGraph } from '../../src/engine/tensor/tensorInspect';
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';
import { tensorSnapshotMessage } from '../../src/protocol/messages';
import type { PanelTensorInspection, WebviewMessage } from '../../src/protocol/protocol';
import { tensorDetailsReply } from '../../src/protocol/tensorDetailAnswers';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';
import { mulberry32, randomTensor } from '../support/tensorOpChecks';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const URI = 'file:///work/details.py';
const f = (value: number) => formatNumber(value, { precision: 6 });

interface Fixture {
  readonly result: TensorInspectionResult;
  readonly values: Readonly<Record<string, Tensor>>;
}

/** L = Σ (X @ W) ⊙ R + Σ T ⊙ S: X (300, 40) is big, T (2, 3, 4) has rank 3. */
function fixture(): Fixture {
  const random = mulberry32(7);
  const b = new TensorGraphBuilder();
  const X = b.input('X', [300, 40]);
  const W = b.input('W', [40, 3]);
  const T = b.input('T', [2, 3, 4]);
  const R = randomTensor(random, [300, 3]);
  const S = randomTensor(random, [2, 3, 4]);
  const all = { kind: 'sum', axes: null, keepdims: false } as const;
  const mul = { kind: 'elementwise', op: 'mul' } as const;
  const y = b.op({ kind: 'matmul' }, [X, W]);
  const first = b.op(all, [b.op(mul, [y, b.constant(R, { text: 'R' })])]);
  const second = b.op(all, [b.op(mul, [T, b.constant(S, { text: 'S' })])]);
  const loss = b.op({ kind: 'elementwise', op: 'add' }, [first, second], { name: 'L' });
  const values = {
    X: randomTensor(random, [300, 40]),
    W: randomTensor(random, [40, 3]),
    T: randomTensor(random, [2, 3, 4]),
    R,
  };
  return { result: inspectTensorGraph(b.build(loss), values, {}), values };
}

function panelInspection(result: TensorInspectionResult): PanelTensorInspection {
  return {
    uri: URI,
    fileName: 'details.py',
    result: tensorPanelResult(result),
    lineOffset: 0,
    outputChosen: false,
    request: {
      selection: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } },
      values: {},
    },
  };
}

type Request = Extract<WebviewMessage, { type: 'tensorWindow' | 'elementChain' }>;

/** Plays the host: answers every request the page posted since the last call. */
class Host {
  private answered = 0;

  constructor(
    private readonly panel: PanelPage,
    private readonly result: TensorInspectionResult,
  ) {}

  async answer(): Promise<Request[]> {
    const posted = (await this.panel.posted()) as unknown as WebviewMessage[];
    const requests = posted.filter(
      (m): m is Request => m.type === 'tensorWindow' || m.type === 'elementChain',
    );
    const fresh = requests.slice(this.answered);
    this.answered = requests.length;
    for (const request of fresh) {
      await this.panel.send(tensorDetailsReply(this.result, request));
    }
    return fresh;
  }

  /** Answers until `selector` is on the page. */
  async until(selector: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while ((await this.panel.page.locator(selector).count()) === 0) {
      if (Date.now() > deadline) {
        throw new Error(`${selector} did not appear; problems ${await this.panel.problems()}`);
      }
      await this.answer();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }
}

function nodeNamed(result: TensorInspectionResult, name: string): number {
  const node = result.nodes.find((view) => view.label === name);
  assert.ok(node !== undefined, name);
  return node.id;
}

function cell(field: 'value' | 'grad', row: number, col: number): string {
  const grid = field === 'value' ? 'value' : 'gradient';
  return `#gl-tensor-details .gl-tgrid[aria-label="${grid}"] .gl-tgrid-cell[data-row="${row}"][data-col="${col}"]`;
}

describe('tensor node details in headless Chromium', function () {
  this.timeout(30_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;
  const { result, values } = fixture();

  before(async function () {
    this.timeout(60_000);
    [browser, files] = await Promise.all([launchChromium(), buildPanelFiles()]);
    panel = await PanelPage.create(browser, files);
  });

  beforeEach(async () => {
    await panel.load();
    await panel.send(tensorSnapshotMessage(panelInspection(result), { precision: 6 }), true);
    await panel.page.locator('#app[data-snapshots="1"]').waitFor();
  });

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  it('a 300 × 40 value: asks for the cells in sight, shows them, asks again when scrolled', async () => {
    const host = new Host(panel, result);
    const x = nodeNamed(result, 'X');
    await panel.page.locator(`#gl-tensor-nodes tr[data-node="${x}"]`).click();
    await host.until(cell('value', 0, 0));
    const data = values.X!.data;
    assert.equal((await panel.page.locator(cell('value', 0, 0)).innerText()).trim(), f(data[0]!));
    assert.equal(
      (await panel.page.locator(cell('grad', 2, 1)).innerText()).trim(),
      f(result.nodes[x]!.grad![2 * 40 + 1]!),
    );
    const stats = await panel.page.locator('.gl-tdetails-stats[data-field="value"]').innerText();
    assert.ok(stats.startsWith(`min ${f(Math.min(...data))} · max ${f(Math.max(...data))}`));
    const drawn = await panel.page.locator('#gl-tensor-details .gl-tgrid-cell').count();
    assert.ok(drawn > 0 && drawn < (2 * 300 * 40) / 10, `${drawn} cells drawn, not all 24,000`);

    await panel.page
      .locator('#gl-tensor-details .gl-tgrid[aria-label="value"]')
      .evaluate((grid) => {
        grid.scrollTop = 22 * 200;
      });
    await host.until(cell('value', 200, 3));
    const asked = (await panel.posted()).filter(
      (m) => m.type === 'tensorWindow' && m.field === 'value',
    );
    const last = asked.at(-1) as unknown as Extract<Request, { type: 'tensorWindow' }>;
    assert.ok(last.rows.start <= 200 && last.rows.start + last.rows.count > 200);
    assert.ok(last.rows.count < 100, `asked for ${last.rows.count} rows`);
    assert.equal(
      (await panel.page.locator(cell('value', 200, 3)).innerText()).trim(),
      f(data[200 * 40 + 3]!),
    );
  });

  it('opens from the drawn graph by keyboard: a focused node and Enter', async () => {
    const host = new Host(panel, result);
    const w = nodeNamed(result, 'W');
    await panel.page.locator(`#gl-tensor-graph g.gl-node[data-node="${w}"]`).focus();
    await panel.page.keyboard.press('Enter');
    await host.until(cell('grad', 0, 0));
    assert.match(await panel.page.locator('#gl-tensor-details h3').innerText(), /^W\s+\(40, 3\)$/);
  });

  it('a rank-3 tensor: rows axis 0, columns axis 2, axis 1 sliced at 2', async () => {
    const host = new Host(panel, result);
    const t = nodeNamed(result, 'T');
    await panel.send({ type: 'selectNode', node: t });
    await host.until(cell('value', 1, 2));
    const page = panel.page;
    // By default the last two axes: T[0, 1, 2] at row 1, column 2.
    const data = values.T!.data;
    assert.equal((await page.locator(cell('value', 1, 2)).innerText()).trim(), f(data[6]!));
    await page.locator('select[data-axis-of="rows"]').selectOption('0');
    await page.locator('select[data-axis-of="columns"]').selectOption('2');
    await page.locator('input[data-slice-axis="1"]').fill('2');
    await page.locator('input[data-slice-axis="1"]').dispatchEvent('change');
    await host.answer();
    const asked = (await panel.posted()).at(-1) as unknown as Extract<
      Request,
      { type: 'tensorWindow' }
    >;
    assert.deepEqual([asked.axes, asked.fixed], [[0, 2], [2]]);
    await host.until(cell('value', 1, 3));
    // T[1, 2, 3] = data[1·12 + 2·4 + 3].
    const expected = f(data[12 + 8 + 3]!);
    const deadline = Date.now() + 5_000;
    while ((await page.locator(cell('value', 1, 3)).innerText()).trim() !== expected) {
      assert.ok(Date.now() < deadline, 'the slice is shown');
      await host.answer();
    }
    assert.equal(await page.locator(cell('value', 1, 4)).count(), 0, 'axis 2 has 4 columns');
  });

  it('a clicked gradient cell of W shows ∂L/∂W[5, 2] = Σₖ X[k, 5] · ∂L/∂(X @ W)[k, 2], its terms', async () => {
    const host = new Host(panel, result);
    const w = nodeNamed(result, 'W');
    await panel.send({ type: 'selectNode', node: w });
    await host.until(cell('grad', 5, 2));
    await panel.page.locator(cell('grad', 5, 2)).click();
    await host.until('#gl-element-chain .gl-tchain-formula');
    const chain = panel.page.locator('#gl-element-chain');
    assert.equal(
      (await chain.locator('.gl-tchain-formula').innerText()).trim(),
      '∂L/∂W[5, 2] = Σₖ X[k, 5] · ∂L/∂(X @ W)[k, 2]',
    );
    // L = Σ (X @ W) ⊙ R + …: ∂L/∂(X @ W) = R, so term k is X[k, 5] · R[k, 2].
    const X = values.X!.data;
    const R = values.R!.data;
    const terms = await chain.locator('.gl-tchain-terms li').allInnerTexts();
    assert.equal(terms.length, 64);
    for (const k of [0, 1, 63]) {
      const x = X[k * 40 + 5]!;
      const r = R[k * 3 + 2]!;
      assert.equal(
        terms[k]!.trim(),
        `X[${k}, 5] · ∂L/∂(X @ W)[${k}, 2] = ${f(x)} × ${f(r)} = ${f(x * r)}`,
      );
    }
    assert.equal((await chain.locator('.gl-tchain-more').innerText()).trim(), '… 236 more terms');
    let sum = 0;
    for (let k = 0; k < 300; k += 1) sum += X[k * 40 + 5]! * R[k * 3 + 2]!;
    assert.equal(
      (await chain.locator('.gl-tchain-sum').innerText()).trim(),
      `= ${f(sum)} (Σ of 300 terms)`,
    );
    assert.equal(
      (await chain.locator('.gl-tchain-gradient').innerText()).trim(),
      `∂L/∂W[5, 2] = ${f(sum)}`,
    );
    assert.equal(await panel.page.locator('.gl-tgrid-cell--chosen').count(), 2, 'in both tables');

    // The keyboard: a focused cell and Enter.
    await panel.page.locator(cell('value', 0, 1)).focus();
    await panel.page.keyboard.press('Enter');
    await host.until('#gl-element-chain h4:text-is("Element W[0, 1] (L is L)")');
    const steps = await panel.page.locator('.gl-tdetails-steps li').allInnerTexts();
    assert.equal(steps.length, 1);
    assert.ok(steps[0]!.includes('(40, 3) = (40, 300) · (300, 3)'), steps[0]);
  });
});
