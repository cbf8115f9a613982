/** Hand-made check reports: the views' inputs, with numbers chosen to read easily. */
import type {
  BackwardCheckReport,
  GradientComparison,
  GradientPairing,
} from '../../src/core/handBackward/report';

function at(line: number, column: number, length: number) {
  return { start: { line, column }, end: { line, column: column + length } };
}

function pairing(gradient: string, of: string, line: number): GradientPairing {
  return {
    gradient,
    of,
    output: 'loss',
    convention: 'd-name',
    range: at(line, 0, gradient.length),
  };
}

export const DSCORES_CORRECT: GradientComparison = {
  pairing: pairing('dscores', 'scores', 18),
  verdict: 'correct',
  maxRelativeError: 2e-13,
  worst: { index: [1, 0], handWritten: 0.25, engine: 0.25, relativeError: 2e-13 },
  handShape: [5, 3],
  engineShape: [5, 3],
};

export const DW_MISSING_REG: GradientComparison = {
  pairing: pairing('dW', 'W', 19),
  verdict: 'wrong',
  maxRelativeError: 0.93,
  worst: { index: [0, 1], handWritten: -0.27, engine: -0.28, relativeError: 0.93 },
  handShape: [4, 3],
  engineShape: [4, 3],
  explanation: {
    kind: 'missing-term',
    text: 'the regularisation gradient `reg * W` (line 15) is missing',
  },
};

/** The softmax classifier with `dW += reg * W` deleted: dW wrong on line 20. */
export const MISSING_REG: BackwardCheckReport = {
  kind: 'tensor',
  output: 'loss',
  comparisons: [DSCORES_CORRECT, DW_MISSING_REG],
  firstWrong: {
    range: DW_MISSING_REG.pairing.range,
    gradient: 'dW',
    of: 'W',
    ...(DW_MISSING_REG.worst === undefined ? {} : { worst: DW_MISSING_REG.worst }),
    explanation: DW_MISSING_REG.explanation ?? { kind: 'other', text: '' },
  },
  notes: [],
};

export const ALL_CORRECT: BackwardCheckReport = {
  kind: 'tensor',
  output: 'loss',
  comparisons: [DSCORES_CORRECT],
  notes: [],
};
