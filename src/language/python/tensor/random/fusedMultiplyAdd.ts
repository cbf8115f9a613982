/**
 * a·b + c rounded once, as the FMA instruction computes it; JavaScript has no FMA. Boldo and
 * Melquiond's emulation ("Emulation of FMA and correctly rounded sums: proved algorithms using
 * rounding to odd", IEEE Trans. Computers 57(4), 2008): the exact product as two doubles, the
 * exact sum with c, the two tails added rounded to odd, one final rounding to nearest. Exact
 * for operands whose products and sums neither overflow nor underflow.
 */

const SPLITTER = 134217729; // 2^27 + 1
const bits = new DataView(new ArrayBuffer(8));

export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const productHi = a * b;
  const productLo = productTail(a, b, productHi);
  if (productLo === 0) {
    return productHi + c;
  }
  const sumHi = c + productHi;
  const cPart = sumHi - productHi;
  const sumLo = c - cPart + (productHi - (sumHi - cPart));
  // Exact tails need no rounding to odd: one rounding is left either way.
  return sumLo === 0 ? sumHi + productLo : sumHi + sumRoundedToOdd(sumLo, productLo);
}

/** a·b − RN(a·b), exactly (Dekker). */
function productTail(a: number, b: number, product: number): number {
  const aSplit = SPLITTER * a;
  const aHigh = aSplit - (aSplit - a);
  const aLow = a - aHigh;
  const bSplit = SPLITTER * b;
  const bHigh = bSplit - (bSplit - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/** x + y rounded to odd: exact sums as they are, others to the neighbour whose last bit is 1. */
function sumRoundedToOdd(x: number, y: number): number {
  const sum = x + y;
  const yPart = sum - x;
  const error = x - (sum - yPart) + (y - yPart);
  if (error === 0) {
    return sum;
  }
  bits.setFloat64(0, sum);
  const low = bits.getUint32(4);
  if ((low & 1) === 1) {
    return sum;
  }
  // The exact sum lies beyond `sum` in the direction of `error`: one ulp that way.
  if (error > 0 === sum > 0) {
    bits.setUint32(4, low | 1);
  } else if (low > 0) {
    bits.setUint32(4, low - 1);
  } else {
    bits.setUint32(4, 0xffffffff);
    bits.setUint32(0, bits.getUint32(0) - 1);
  }
  return bits.getFloat64(0);
}
