/**
 * The natural logarithm exactly as glibc (2.28 and later) computes it on x86-64 processors
 * with FMA, which is the `log` NumPy's legacy Gaussian calls on Linux: the same table, the same
 * polynomials and the same operations, fused where glibc's FMA build fuses them (read from its
 * machine code). JavaScript's `Math.log` differs from it in about 7 % of draws, the correctly
 * rounded logarithm in about 8 in 10,000 — and one ulp of one draw changes a Gaussian.
 *
 * The table and coefficients are those of Arm's optimized-routines (math/log_data.c, MIT
 * licence), which glibc took over: N = 128 subintervals, invc ≈ 1/c and logc ≈ log(c) each.
 */
import { fusedMultiplyAdd as fma } from './fusedMultiplyAdd';

/** ln2hi, ln2lo, A[0..4] (the main polynomial), B[0..10] (the one near 1), as 64-bit patterns. */
const HEADER = [
  '3fe62e42fefa3800',
  '3d2ef35793c76730',
  'bfe0000000000001',
  '3fd555555551305b',
  'bfcfffffffeb4590',
  '3fc999b324f10111',
  'bfc55575e506c89f',
  'bfe0000000000000',
  '3fd5555555555577',
  'bfcffffffffffdcb',
  '3fc999999995dd0c',
  'bfc55555556745a7',
  '3fc24924a344de30',
  'bfbfffffa4423d65',
  '3fbc7184282ad6ca',
  'bfb999eb43b068ff',
  '3fb78182f7afd085',
  'bfb5521375d145cd',
];
/** invc and logc of each of the 128 subintervals, as 64-bit patterns. */
const TABLE = [
  '3ff734f0c3e0de9f',
  'bfd7cc7f79e69000',
  '3ff713786a2ce91f',
  'bfd76feec20d0000',
  '3ff6f26008fab5a0',
  'bfd713e31351e000',
  '3ff6d1a61f138c7d',
  'bfd6b85b38287800',
  '3ff6b1490bc5b4d1',
  'bfd65d5590807800',
  '3ff69147332f0cba',
  'bfd602d076180000',
  '3ff6719f18224223',
  'bfd5a8ca86909000',
  '3ff6524f99a51ed9',
  'bfd54f4356035000',
  '3ff63356aa8f24c4',
  'bfd4f637c36b4000',
  '3ff614b36b9ddc14',
  'bfd49da7fda85000',
  '3ff5f66452c65c4c',
  'bfd445923989a800',
  '3ff5d867b5912c4f',
  'bfd3edf439b0b800',
  '3ff5babccb5b90de',
  'bfd396ce448f7000',
  '3ff59d61f2d91a78',
  'bfd3401e17bda000',
  '3ff5805612465687',
  'bfd2e9e2ef468000',
  '3ff56397cee76bd3',
  'bfd2941b3830e000',
  '3ff54725e2a77f93',
  'bfd23ec58cda8800',
  '3ff52aff42064583',
  'bfd1e9e129279000',
  '3ff50f22dbb2bddf',
  'bfd1956d2b48f800',
  '3ff4f38f4734ded7',
  'bfd141679ab9f800',
  '3ff4d843cfde2840',
  'bfd0edd094ef9800',
  '3ff4bd3ec078a3c8',
  'bfd09aa518db1000',
  '3ff4a27fc3e0258a',
  'bfd047e65263b800',
  '3ff4880524d48434',
  'bfcfeb224586f000',
  '3ff46dce1b192d0b',
  'bfcf474a7517b000',
  '3ff453d9d3391854',
  'bfcea4443d103000',
  '3ff43a2744b4845a',
  'bfce020d44e9b000',
  '3ff420b54115f8fb',
  'bfcd60a22977f000',
  '3ff40782da3ef4b1',
  'bfccc00104959000',
  '3ff3ee8f5d57fe8f',
  'bfcc202956891000',
  '3ff3d5d9a00b4ce9',
  'bfcb81178d811000',
  '3ff3bd60c010c12b',
  'bfcae2c9ccd3d000',
  '3ff3a5242b75dab8',
  'bfca45402e129000',
  '3ff38d22cd9fd002',
  'bfc9a877681df000',
  '3ff3755bc5847a1c',
  'bfc90c6d69483000',
  '3ff35dce49ad36e2',
  'bfc87120a645c000',
  '3ff34679984dd440',
  'bfc7d68fb4143000',
  '3ff32f5cceffcb24',
  'bfc73cb83c627000',
  '3ff3187775a10d49',
  'bfc6a39a9b376000',
  '3ff301c8373e3990',
  'bfc60b3154b7a000',
  '3ff2eb4ebb95f841',
  'bfc5737d76243000',
  '3ff2d50a0219a9d1',
  'bfc4dc7b8fc23000',
  '3ff2bef9a8b7fd2a',
  'bfc4462c51d20000',
  '3ff2a91c7a0c1bab',
  'bfc3b08abc830000',
  '3ff293726014b530',
  'bfc31b996b490000',
  '3ff27dfa5757a1f5',
  'bfc2875490a44000',
  '3ff268b39b1d3bbf',
  'bfc1f3b9f879a000',
  '3ff2539d838ff5bd',
  'bfc160c8252ca000',
  '3ff23eb7aac9083b',
  'bfc0ce7f57f72000',
  '3ff22a012ba940b6',
  'bfc03cdc49fea000',
  '3ff2157996cc4132',
  'bfbf57bdbc4b8000',
  '3ff201201dd2fc9b',
  'bfbe370896404000',
  '3ff1ecf4494d480b',
  'bfbd17983ef94000',
  '3ff1d8f5528f6569',
  'bfbbf9674ed8a000',
  '3ff1c52311577e7c',
  'bfbadc79202f6000',
  '3ff1b17c74cb26e9',
  'bfb9c0c3e7288000',
  '3ff19e010c2c1ab6',
  'bfb8a646b372c000',
  '3ff18ab07bb670bd',
  'bfb78d01b3ac0000',
  '3ff1778a25efbcb6',
  'bfb674f145380000',
  '3ff1648d354c31da',
  'bfb55e0e6d878000',
  '3ff151b990275fdd',
  'bfb4485cdea1e000',
  '3ff13f0ea432d24c',
  'bfb333d94d6aa000',
  '3ff12c8b7210f9da',
  'bfb22079f8c56000',
  '3ff11a3028ecb531',
  'bfb10e4698622000',
  '3ff107fbda8434af',
  'bfaffa6c6ad20000',
  '3ff0f5ee0f4e6bb3',
  'bfadda8d4a774000',
  '3ff0e4065d2a9fce',
  'bfabbcece4850000',
  '3ff0d244632ca521',
  'bfa9a1894012c000',
  '3ff0c0a77ce2981a',
  'bfa788583302c000',
  '3ff0af2f83c636d1',
  'bfa5715e67d68000',
  '3ff09ddb98a01339',
  'bfa35c8a49658000',
  '3ff08cabaf52e7df',
  'bfa149e364154000',
  '3ff07b9f2f4e28fb',
  'bf9e72c082eb8000',
  '3ff06ab58c358f19',
  'bf9a55f152528000',
  '3ff059eea5ecf92c',
  'bf963d62cf818000',
  '3ff04949cdd12c90',
  'bf9228fb8caa0000',
  '3ff038c6c6f0ada9',
  'bf8c317b20f90000',
  '3ff02865137932a9',
  'bf8419355daa0000',
  '3ff0182427ea7348',
  'bf781203c2ec0000',
  '3ff008040614b195',
  'bf60040979240000',
  '3fefe01ff726fa1a',
  '3f6feff384900000',
  '3fefa11cc261ea74',
  '3f87dc41353d0000',
  '3fef6310b081992e',
  '3f93cea3c4c28000',
  '3fef25f63ceeadcd',
  '3f9b9fc114890000',
  '3feee9c8039113e7',
  '3fa1b0d8ce110000',
  '3feeae8078cbb1ab',
  '3fa58a5bd001c000',
  '3fee741aa29d0c9b',
  '3fa95c8340d88000',
  '3fee3a91830a99b5',
  '3fad276aef578000',
  '3fee01e009609a56',
  '3fb07598e598c000',
  '3fedca01e577bb98',
  '3fb253f5e30d2000',
  '3fed92f20b7c9103',
  '3fb42edd8b380000',
  '3fed5cac66fb5cce',
  '3fb606598757c000',
  '3fed272caa5ede9d',
  '3fb7da76356a0000',
  '3fecf26e3e6b2ccd',
  '3fb9ab434e1c6000',
  '3fecbe6da2a77902',
  '3fbb78c7bb0d6000',
  '3fec8b266d37086d',
  '3fbd431332e72000',
  '3fec5894bd5d5804',
  '3fbf0a3171de6000',
  '3fec26b533bb9f8c',
  '3fc067152b914000',
  '3febf583eeece73f',
  '3fc147858292b000',
  '3febc4fd75db96c1',
  '3fc2266ecdca3000',
  '3feb951e0c864a28',
  '3fc303d7a6c55000',
  '3feb65e2c5ef3e2c',
  '3fc3dfc33c331000',
  '3feb374867c9888b',
  '3fc4ba366b7a8000',
  '3feb094b211d304a',
  '3fc5933928d1f000',
  '3feadbe885f2ef7e',
  '3fc66acd2418f000',
  '3feaaf1d31603da2',
  '3fc740f8ec669000',
  '3fea82e63fd358a7',
  '3fc815c0f51af000',
  '3fea5740ef09738b',
  '3fc8e92954f68000',
  '3fea2c2a90ab4b27',
  '3fc9bb3602f84000',
  '3fea01a01393f2d1',
  '3fca8bed1c2c0000',
  '3fe9d79f24db3c1b',
  '3fcb5b515c01d000',
  '3fe9ae2505c7b190',
  '3fcc2967ccbcc000',
  '3fe9852ef297ce2f',
  '3fccf635d5486000',
  '3fe95cbaeea44b75',
  '3fcdc1bd3446c000',
  '3fe934c69de74838',
  '3fce8c01b8cfe000',
  '3fe90d4f2f6752e6',
  '3fcf5509c0179000',
  '3fe8e6528effd79d',
  '3fd00e6c121fb800',
  '3fe8bfce9fcc007c',
  '3fd071b80e93d000',
  '3fe899c0dabec30e',
  '3fd0d46b9e867000',
  '3fe87427aa2317fb',
  '3fd13687334bd000',
  '3fe84f00acb39a08',
  '3fd1980d67234800',
  '3fe82a49e8653e55',
  '3fd1f8ffe0cc8000',
  '3fe8060195f40260',
  '3fd2595fd7636800',
  '3fe7e22563e0a329',
  '3fd2b9300914a800',
  '3fe7beb377dcb5ad',
  '3fd3187210436000',
  '3fe79baa679725c2',
  '3fd377266dec1800',
  '3fe77907f2170657',
  '3fd3d54ffbaf3000',
  '3fe756cadbd6130c',
  '3fd432eee32fe000',
];

const bits = new DataView(new ArrayBuffer(8));

function fromPattern(pattern: string): number {
  bits.setUint32(0, Number.parseInt(pattern.slice(0, 8), 16));
  bits.setUint32(4, Number.parseInt(pattern.slice(8), 16));
  return bits.getFloat64(0);
}

const HEADER_VALUES = HEADER.map(fromPattern);
const [LN2_HI, LN2_LO, A0, A1, A2, A3, A4] = HEADER_VALUES.slice(0, 7) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = HEADER_VALUES.slice(7) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const TABLE_VALUES = Float64Array.from(TABLE, fromPattern);

/** Below this, 1 − 2⁻⁴ … 1 + 0x1.09p−4, glibc's own polynomial in x − 1. */
const NEAR_ONE_LOW = 0.9375;
const NEAR_ONE_HIGH = 1.064697265625;
const SMALLEST_NORMAL = 2 ** -1022;

export function glibcLog(x: number): number {
  if (x >= NEAR_ONE_LOW && x < NEAR_ONE_HIGH) {
    return x === 1 ? 0 : logNearOne(x);
  }
  if (!(x >= SMALLEST_NORMAL) || x === Infinity) {
    return x > 0 && x < SMALLEST_NORMAL ? logOfWords(...scaledSubnormal(x)) : Math.log(x);
  }
  bits.setFloat64(0, x);
  return logOfWords(bits.getUint32(0), bits.getUint32(4));
}

/** A subnormal x as glibc reads it: x·2⁵² with 52 taken off the exponent field. */
function scaledSubnormal(x: number): [number, number] {
  bits.setFloat64(0, x * 2 ** 52);
  return [(bits.getUint32(0) - (52 << 20)) | 0, bits.getUint32(4)];
}

/**
 * log(x) = k·ln2 + log(c) + log1p(z/c − 1) for the 64-bit pattern of x (high and low words):
 * k and the subinterval i from x − 0x3fe6000000000000, z = x scaled into [0x1.6p−1, 0x1.6p0).
 */
function logOfWords(high: number, low: number): number {
  const offsetHigh = (high - 0x3fe60000) | 0;
  const index = (offsetHigh >>> 13) & 127;
  const k = offsetHigh >> 20;
  bits.setUint32(0, (high - (offsetHigh & 0xfff00000)) >>> 0);
  bits.setUint32(4, low);
  const z = bits.getFloat64(0);
  const invc = TABLE_VALUES[2 * index]!;
  const logc = TABLE_VALUES[2 * index + 1]!;
  const w = fma(k, LN2_HI, logc);
  const r = fma(z, invc, -1);
  const a21 = fma(r, A2, A1);
  const hi = r + w;
  const r2 = r * r;
  const lo = fma(k, LN2_LO, w - hi + r);
  const r3 = r * r2;
  const a43 = fma(r, A4, A3);
  const loAndSquare = fma(r2, A0, lo);
  const poly = fma(a43, r2, a21);
  return fma(r3, poly, loAndSquare) + hi;
}

/** Near 1: a polynomial in r = x − 1, its r²/2 term split so that it is exact. */
function logNearOne(x: number): number {
  const r = x - 1;
  const b21 = fma(r, B2, B1);
  const b54 = fma(r, B5, B4);
  const r2 = r * r;
  const b87 = fma(r, B8, B7);
  const low = fma(r2, B3, b21);
  const middle = fma(r2, B6, b54);
  const r3 = r * r2;
  const high = fma(r3, B10, fma(r2, B9, b87));
  const poly = fma(fma(high, r3, middle), r3, low);
  const rScaled = fma(r, 2 ** 27, r);
  const rHi = fma(-(2 ** 27), r, rScaled);
  const rHiSquared = rHi * rHi;
  const rLo = r - rHi;
  const hi = fma(rHiSquared, B0, r);
  const lo = fma(B0 * rLo, r + rHi, fma(rHiSquared, B0, r - hi));
  return hi + fma(poly, r3, lo);
}
