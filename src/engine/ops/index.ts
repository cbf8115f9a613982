/** The op catalogue: every OpName mapped to its spec. */
import type { OpName } from '../opName';
import type { OpSpec } from '../opSpec';
import { elu, gelu, geluTanh, leakyRelu, relu, select, sigmoid, softplus } from './activation';
import { add, div_, floordiv, fmod, mod, mul_, neg_, pow_, sub_ } from './arithmetic';
import { cbrt, exp, expm1, log, log10, log1p, log2, sqrt } from './exponential';
import { acosh, asinh, atanh, cosh, sinh, tanh } from './hyperbolic';
import { abs, ceil, clamp, floor, max, min, round, sign, trunc } from './piecewise';
import { erf, hypot } from './special';
import { acos, asin, atan, atan2, cos, sin, tan } from './trigonometric';

export const OPS: Readonly<Record<OpName, OpSpec>> = {
  add,
  sub: sub_,
  mul: mul_,
  div: div_,
  neg: neg_,
  pow: pow_,
  mod,
  fmod,
  floordiv,
  exp,
  expm1,
  log,
  log1p,
  log2,
  log10,
  sqrt,
  cbrt,
  abs,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  atan2,
  sinh,
  cosh,
  tanh,
  asinh,
  acosh,
  atanh,
  sigmoid,
  relu,
  leaky_relu: leakyRelu,
  elu,
  softplus,
  gelu,
  gelu_tanh: geluTanh,
  erf,
  hypot,
  max,
  min,
  clamp,
  floor,
  ceil,
  round,
  trunc,
  sign,
  select,
};

export function opSpec(name: OpName): OpSpec {
  return OPS[name];
}
