/**
 * Every op's partials against central differences, and its partial formulas against its
 * partials, at hand-picked points and at seeded random points away from kinks.
 */
import assert from 'node:assert/strict';
import type { OpName } from '../../../src/engine/opName';
import { OPS } from '../../../src/engine/ops';
import { evaluateSym } from '../../../src/engine/symbolic/evaluate';
import { variable } from '../../../src/engine/sym';
import { mulberry32 } from '../../support/randomGraph';
import { centralDifference, close } from './numeric';
import { CASES, randomPoints } from './opCases';

const RANDOM_POINTS = 40;
/** Central differences with a step of cbrt(ε) are good to about 1e-10 here; 1e-7 leaves room. */
const DIFFERENCE_TOLERANCE = 1e-7;
/** The formulas and the numeric partials compute the same numbers by different roundings. */
const FORMULA_TOLERANCE = 1e-10;

const names = Object.keys(OPS) as OpName[];

function pointsFor(name: OpName, index: number): number[][] {
  return [
    ...CASES[name].grid.map((args) => [...args]),
    ...randomPoints(name, mulberry32(0x5eed + index), RANDOM_POINTS),
  ];
}

const show = (args: readonly number[]): string => `(${args.join(', ')})`;

describe('op partials', () => {
  names.forEach((name, index) => {
    describe(name, () => {
      const spec = OPS[name];
      const points = pointsFor(name, index);

      it('matches central differences at every point, for every operand', () => {
        for (const args of points) {
          const partials = spec.partials(args, spec.forward(args));
          assert.equal(
            partials.length,
            args.length,
            `${name}${show(args)}: one partial per operand`,
          );
          partials.forEach((partial, i) => {
            const numeric = centralDifference(spec, args, i);
            assert.ok(
              Number.isFinite(partial) && close(partial, numeric, DIFFERENCE_TOLERANCE),
              `∂${name}${show(args)}/∂arg${i}: analytic ${partial}, numeric ${numeric}`,
            );
          });
        }
      });

      it('has partial formulas that evaluate to the partials', () => {
        for (const args of points) {
          const vars = args.map((_, i) => variable(`a${i}`));
          const env = Object.fromEntries(args.map((a, i) => [`a${i}`, a]));
          const formulas = spec.partialFormulas(vars);
          const partials = spec.partials(args, spec.forward(args));
          assert.equal(
            formulas.length,
            args.length,
            `${name}${show(args)}: one formula per operand`,
          );
          formulas.forEach((formula, i) => {
            const value = evaluateSym(formula, env);
            assert.ok(
              close(value, partials[i] ?? NaN, FORMULA_TOLERANCE),
              `∂${name}${show(args)}/∂arg${i}: formula gives ${value}, partial is ${partials[i]}`,
            );
          });
        }
      });

      it('reports no kink and one piece around each smooth point', () => {
        for (const args of points) {
          assert.equal(spec.kink?.(args), undefined, `${name}${show(args)} is a smooth point`);
          if (spec.piece !== undefined) {
            const piece = spec.piece(args);
            assert.ok(Number.isFinite(piece), `${name}${show(args)}: piece ${piece}`);
            // A small nudge of any operand stays in the same piece.
            args.forEach((a, i) => {
              for (const delta of [-1e-6, 1e-6]) {
                const nudged = [...args];
                nudged[i] = a + delta * Math.max(1, Math.abs(a));
                assert.equal(
                  spec.piece?.(nudged),
                  piece,
                  `${name}${show(nudged)} vs ${show(args)}`,
                );
              }
            });
          }
        }
      });

      if (spec.zeroGradient === true) {
        it('has partials 0 everywhere (zeroGradient)', () => {
          for (const args of points) {
            assert.deepEqual(
              spec.partials(args, spec.forward(args)).map((p) => p === 0),
              args.map(() => true),
            );
          }
        });
      }
    });
  });
});
