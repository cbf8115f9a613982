/**
 * Runs sequences of `np.random` calls in real NumPy (/usr/bin/python3) and the same calls on
 * our NumpyLegacyRandom, each call's values flattened, so tests can compare them bit for bit.
 */
import { spawnSync } from 'node:child_process';
import { NumpyLegacyRandom } from '../../../../../src/language/python/tensor/random/numpyLegacyRandom';

const PYTHON = '/usr/bin/python3';

export type RandomCall =
  | readonly ['seed', number | readonly number[]]
  | readonly ['randn' | 'rand' | 'standard_normal' | 'random_sample', readonly number[]]
  | readonly ['normal' | 'uniform' | 'randint', number, number, readonly number[]]
  | readonly ['permutation', number]
  | readonly ['choice', number, readonly number[]];

/** The values of every call but `seed` (an empty list for it), in order. */
export type CallValues = number[][];

const RUNNER = String.raw`
import json, sys
import numpy as np

def run(call):
    name, args = call[0], call[1:]
    r = np.random
    if name == 'seed':
        r.seed(args[0])
        return []
    if name in ('randn', 'rand'):
        out = getattr(r, name)(*args[0])
    elif name in ('standard_normal', 'random_sample'):
        out = getattr(r, name)(tuple(args[0]))
    elif name in ('normal', 'uniform', 'randint'):
        out = getattr(r, name)(args[0], args[1], tuple(args[2]))
    elif name == 'permutation':
        out = r.permutation(args[0])
    elif name == 'choice':
        out = r.choice(args[0], tuple(args[1]))
    else:
        raise ValueError(name)
    return [float(v) for v in np.ravel(np.asarray(out))]

sessions = json.load(sys.stdin)
print(json.dumps([[run(call) for call in session] for session in sessions]))
`;

/** Each session's calls in NumPy, one process for all sessions. */
export function numpyValues(sessions: readonly (readonly RandomCall[])[]): CallValues[] {
  const run = spawnSync(PYTHON, ['-c', RUNNER], {
    input: JSON.stringify(sessions),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) {
    throw new Error(`${PYTHON} (with python3-numpy) failed: ${run.stderr || String(run.error)}`);
  }
  return JSON.parse(run.stdout) as CallValues[];
}

/** The same calls on a fresh NumpyLegacyRandom. */
export function ourValues(session: readonly RandomCall[]): CallValues {
  const random = new NumpyLegacyRandom();
  return session.map((call) => Array.from(ourCall(random, call)));
}

function ourCall(random: NumpyLegacyRandom, call: RandomCall): Float64Array {
  switch (call[0]) {
    case 'seed':
      random.seed(call[1]);
      return new Float64Array(0);
    case 'randn':
      return random.randn(call[1]);
    case 'rand':
      return random.rand(call[1]);
    case 'standard_normal':
      return random.standardNormal(call[1]);
    case 'random_sample':
      return random.randomSample(call[1]);
    case 'normal':
      return random.normal(call[1], call[2], call[3]);
    case 'uniform':
      return random.uniform(call[1], call[2], call[3]);
    case 'randint':
      return random.randint(call[1], call[2], call[3]);
    case 'permutation':
      return random.permutation(call[1]);
    case 'choice':
      return random.choice(call[1], call[2]);
  }
}
