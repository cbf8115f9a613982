/**
 * erf and erfc in float64 (JavaScript has neither), after Sun's fdlibm s_erf.c, whose
 * rational approximations are accurate to below 1 ulp on each of five intervals of |x|.
 */

const ERX = 8.45062911510467529297e-1;
/** 2/√π − 1: erf(x) ≈ x + EFX·x for tiny x. */
const EFX = 1.28379167095512586316e-1;

// erf on [0, 0.84375): x + x·P(x²)/Q(x²)
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const QQ = [
  1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3,
  1.32494738004321644526e-4, -3.9602282787753681232e-6,
];
// erf on [0.84375, 1.25): ERX + P(s)/Q(s), s = |x| − 1
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2,
  -2.166375594868790843e-3,
];
const QA = [
  1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2,
  1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
// erfc on [1.25, 1/0.35): exp(−x² − 0.5625 + R(s)/S(s))/x, s = 1/x²
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2,
  -8.12874355063065934246e1, -9.81432934416914548592,
];
const SA = [
  1, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2,
  6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2,
  6.57024977031928170135, -6.04244152148580987438e-2,
];
// erfc on [1/0.35, 28): as above with other coefficients
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3,
  -4.83519191608651397019e2,
];
const SB = [
  1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3,
  3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2,
  -2.24409524465858183362e1,
];

/** c[0] + c[1]·z + c[2]·z² + … by Horner's rule. */
function poly(c: readonly number[], z: number): number {
  let sum = 0;
  for (let i = c.length - 1; i >= 0; i -= 1) {
    sum = sum * z + (c[i] ?? 0);
  }
  return sum;
}

/** The smallest |x| where erf(x) rounds to ±1 and erfc(x) to 0 (for x > 0) or 2 (x < 0). */
const SATURATED = 6;
const ERFC_UNDERFLOW = 28;

/**
 * erfc(a) for a ≥ 1.25, as exp(−a² − 0.5625 + R/S)/a. The square a² is split as
 * hi² + (hi − a)(hi + a) with hi holding the top 26 bits of a, so hi² is exact: a rounded a²
 * inside exp would cost up to a²·2⁻⁵³ of relative accuracy.
 */
function erfcTail(a: number): number {
  const s = 1 / (a * a);
  const ratio = a < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
  const split = 134217729 * a; // 2^27 + 1: Dekker's split
  const hi = split - (split - a);
  return (Math.exp(-hi * hi - 0.5625) * Math.exp((hi - a) * (hi + a) + ratio)) / a;
}

export function erf(x: number): number {
  const a = Math.abs(x);
  if (Number.isNaN(x)) {
    return NaN;
  }
  if (a < 0.84375) {
    if (a < 2 ** -28) {
      return x + EFX * x;
    }
    const z = x * x;
    return x + (x * poly(PP, z)) / poly(QQ, z);
  }
  let magnitude: number;
  if (a < 1.25) {
    const s = a - 1;
    magnitude = ERX + poly(PA, s) / poly(QA, s);
  } else {
    magnitude = a >= SATURATED ? 1 : 1 - erfcTail(a);
  }
  return x < 0 ? -magnitude : magnitude;
}

/** 1 − erf(x), without the cancellation of that difference for large x. */
export function erfc(x: number): number {
  const a = Math.abs(x);
  if (Number.isNaN(x)) {
    return NaN;
  }
  if (a < 0.84375) {
    if (a < 2 ** -56) {
      return 1 - x;
    }
    const z = x * x;
    const y = poly(PP, z) / poly(QQ, z);
    // Below 1/4 the sum x + x·y is small next to 1; above, 0.5 − (x·y + (x − 0.5)) keeps more bits.
    return x < 0.25 ? 1 - (x + x * y) : 0.5 - (x * y + (x - 0.5));
  }
  if (a < 1.25) {
    const s = a - 1;
    const ratio = poly(PA, s) / poly(QA, s);
    return x > 0 ? 1 - ERX - ratio : 1 + (ERX + ratio);
  }
  if (x > 0) {
    return x >= ERFC_UNDERFLOW ? 0 : erfcTail(x);
  }
  return a >= SATURATED ? 2 : 2 - erfcTail(a);
}
