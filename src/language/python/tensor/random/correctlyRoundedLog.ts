/**
 * The natural logarithm rounded correctly to the nearest double. NumPy's legacy Gaussian takes
 * the C library's `log`, which glibc computes to within 0.52 ulp; JavaScript's `Math.log` may be
 * off by one ulp far more often, and a one-ulp change of one draw changes the Gaussian. This
 * evaluates log in double-double arithmetic (about 100 bits) and rounds once, which agrees with
 * glibc except in its rare misrounded cases.
 */

interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

const LN2: DoubleDouble = { hi: 0.6931471805599453, lo: 2.3190468138462996e-17 };
const TWO_TO_54 = 2 ** 54;
/** Terms of atanh's series: |s| ≤ 0.172, so s^(2·22) is below 2^-110. */
const SERIES_TERMS = 22;
/** 1/(2k + 1) as double-doubles, the coefficients of 2·atanh(s)/(2s) in s². */
const ODD_RECIPROCALS: readonly DoubleDouble[] = Array.from({ length: SERIES_TERMS }, (_, k) =>
  reciprocal(2 * k + 1),
);

const bits = new DataView(new ArrayBuffer(8));

export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Infinity) {
    return Math.log(x);
  }
  // Subnormals scaled into the normal range first.
  const scaled = x < 2 ** -1022 ? x * TWO_TO_54 : x;
  let exponent = exponentOf(scaled) - (scaled === x ? 0 : 54);
  let mantissa = withExponentZero(scaled);
  if (mantissa > Math.SQRT2) {
    mantissa /= 2;
    exponent += 1;
  }
  const logMantissa = logNearOne(mantissa);
  const exponentPart = scale(LN2, exponent);
  return add(exponentPart, logMantissa).hi;
}

/** log(m) for m in [√½, √2]: 2·atanh(s), s = (m − 1)/(m + 1). */
function logNearOne(m: number): DoubleDouble {
  // m − 1 is exact here (Sterbenz); m + 1 is held as a double-double.
  const s = divide({ hi: m - 1, lo: 0 }, twoSum(m, 1));
  const s2 = multiply(s, s);
  let sum = ODD_RECIPROCALS[SERIES_TERMS - 1] ?? { hi: 0, lo: 0 };
  for (let k = SERIES_TERMS - 2; k >= 0; k -= 1) {
    sum = add(multiply(sum, s2), ODD_RECIPROCALS[k] ?? { hi: 0, lo: 0 });
  }
  return scale(multiply(s, sum), 2);
}

function exponentOf(x: number): number {
  bits.setFloat64(0, x);
  return ((bits.getUint16(0) >>> 4) & 0x7ff) - 1023;
}

function withExponentZero(x: number): number {
  bits.setFloat64(0, x);
  bits.setUint16(0, (bits.getUint16(0) & 0x800f) | (1023 << 4));
  return bits.getFloat64(0);
}

function twoSum(a: number, b: number): DoubleDouble {
  const hi = a + b;
  const bPart = hi - a;
  return { hi, lo: a - (hi - bPart) + (b - bPart) };
}

function fastTwoSum(a: number, b: number): DoubleDouble {
  const hi = a + b;
  return { hi, lo: b - (hi - a) };
}

/** Dekker's split and exact product: a·b = hi + lo. */
function twoProduct(a: number, b: number): DoubleDouble {
  const hi = a * b;
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return { hi, lo: aHigh * bHigh - hi + aHigh * bLow + aLow * bHigh + aLow * bLow };
}

function split(a: number): [number, number] {
  const c = 134217729 * a;
  const high = c - (c - a);
  return [high, a - high];
}

function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const sum = twoSum(a.hi, b.hi);
  const tail = twoSum(a.lo, b.lo);
  const first = fastTwoSum(sum.hi, sum.lo + tail.hi);
  return fastTwoSum(first.hi, first.lo + tail.lo);
}

function multiply(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const product = twoProduct(a.hi, b.hi);
  return fastTwoSum(product.hi, product.lo + (a.hi * b.lo + a.lo * b.hi));
}

function scale(a: DoubleDouble, factor: number): DoubleDouble {
  const product = twoProduct(a.hi, factor);
  return fastTwoSum(product.hi, product.lo + a.lo * factor);
}

function divide(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const first = a.hi / b.hi;
  const remainder = add(a, scale(b, -first));
  const second = remainder.hi / b.hi;
  return fastTwoSum(first, second);
}

function reciprocal(n: number): DoubleDouble {
  return divide({ hi: 1, lo: 0 }, { hi: n, lo: 0 });
}
