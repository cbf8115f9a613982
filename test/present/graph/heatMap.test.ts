import assert from 'node:assert/strict';
import {
  HEAT_LEVELS,
  heatClass,
  heatClassName,
  heatColor,
  heatMapSvg,
  heatScale,
  heatSize,
} from '../../../src/present/graph/heatMap';

describe('heat map palette and cells', () => {
  it('scales by the largest finite magnitude, ignoring NaN and ±∞', () => {
    assert.equal(heatScale([1, -4, NaN, Infinity, -Infinity, 3]), 4);
    assert.equal(heatScale([NaN, 0]), 0);
  });

  it('is symmetric around 0: equal magnitudes get opposite levels, 0 only for 0', () => {
    assert.equal(heatClass(4, 4), HEAT_LEVELS);
    assert.equal(heatClass(-4, 4), -HEAT_LEVELS);
    assert.equal(heatClass(2, 4), -heatClass(-2, 4));
    assert.equal(heatClass(0, 4), 0);
    assert.equal(heatClass(1e-9, 4), 1, 'a tiny number is not drawn as 0');
    assert.equal(heatClass(-3, 0), 0, 'no scale (all zero or non-finite) draws the neutral colour');
  });

  it('orders levels by magnitude', () => {
    const levels = [-4, -3, -1, 0, 1, 3, 4].map((value) => heatClass(value, 4));
    assert.deepEqual(levels, [-5, -4, -2, 0, 2, 4, 5]);
  });

  it('marks NaN, +∞ and −∞ with their own classes, never a level', () => {
    assert.equal(heatClass(NaN, 4), 'nan');
    assert.equal(heatClass(Infinity, 4), 'pinf');
    assert.equal(heatClass(-Infinity, 4), 'ninf');
    assert.equal(heatClassName('nan'), 'gl-heat-nan');
    assert.equal(heatClassName(-3), 'gl-heat-n3');
    assert.equal(heatClassName(2), 'gl-heat-p2');
    assert.equal(heatClassName(0), 'gl-heat-zero');
  });

  it('mixes each end into the neutral colour (fixed palettes) and the theme’s colours (panel)', () => {
    assert.equal(heatColor('light', -HEAT_LEVELS), '#2166ac');
    assert.equal(heatColor('light', HEAT_LEVELS), '#b35806');
    assert.equal(heatColor('light', 0), '#f7f7f7');
    // Level 2 of 5: 0.4 · end + 0.6 · neutral per channel, rounded (worked out in Python).
    assert.equal(heatColor('light', -2), '#a1bdd9');
    assert.equal(
      heatColor('theme', 3),
      'color-mix(in srgb, var(--vscode-charts-orange, #b35806) 60%, var(--vscode-editor-background, #f7f7f7))',
    );
  });

  it('writes one square per cell, one path per colour, inside a frame, with the scale in the tooltip', () => {
    const heat = { rows: 2, cols: 2, cells: [-2, 0, 1, NaN], pooled: false };
    const svg = heatMapSvg(heat, 10, 20, 'value', 'W', 6);
    const paths = [...svg.matchAll(/class="gl-heat-cells ([\w-]+)" d="([^"]+)"/g)].map((match) => [
      match[1],
      match[2],
    ]);
    // Cells in cell units, scaled to 8 and moved to (10, 20): −2 is the negative end, 1 level
    // 3 of 5.
    assert.match(svg, /<g transform="translate\(10,20\) scale\(8\)">/);
    assert.deepEqual(paths, [
      ['gl-heat-n5', 'M0,0h1v1h-1z'],
      ['gl-heat-zero', 'M1,0h1v1h-1z'],
      ['gl-heat-p3', 'M0,1h1v1h-1z'],
      ['gl-heat-nan', 'M1,1h1v1h-1z'],
    ]);
    assert.match(svg, /<title>W: colour scale −2 \(blue\) … 0 … 2 \(orange\)/);
    assert.match(svg, /1 cell hatched/);
    const { width, height } = heatSize(heat);
    assert.match(
      svg,
      new RegExp(`class="gl-heat-frame" x="10" y="20" width="${width}" height="${height}"`),
    );
  });

  it('draws all cells of one colour as one path, a run of them in a row as one rectangle', () => {
    const heat = { rows: 2, cols: 4, cells: [3, 3, -3, 3, 3, 3, 3, 3], pooled: false };
    const svg = heatMapSvg(heat, 0, 0, 'grad', 'b', 6);
    assert.equal([...svg.matchAll(/<path /g)].length, 2);
    assert.match(svg, /class="gl-heat-cells gl-heat-p5" d="M0,0h2v1h-2zM3,0h1v1h-1zM0,1h4v1h-4z"/);
    assert.match(svg, /class="gl-heat-cells gl-heat-n5" d="M2,0h1v1h-1z"/);
  });

  it('fits a 16 × 16 grid in the heat map box and makes a vector’s cells no larger than 8', () => {
    assert.deepEqual(heatSize({ rows: 16, cols: 16, cells: [], pooled: true }), {
      width: 32,
      height: 32,
      cell: 2,
    });
    assert.deepEqual(heatSize({ rows: 1, cols: 3, cells: [], pooled: false }), {
      width: 24,
      height: 8,
      cell: 8,
    });
  });
});
