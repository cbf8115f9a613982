/** Number formatting for people: significant digits, U+2212 minus, ∞ and NaN spelled out. */

export interface FormatOptions {
  /** Significant digits (default 6). */
  readonly precision?: number;
  /** Use U+2212 "−" instead of "-" (default true). */
  readonly unicodeMinus?: boolean;
}

export function formatNumber(value: number, options: FormatOptions = {}): string {
  const precision = clampPrecision(options.precision ?? 6);
  const minus = options.unicodeMinus === false ? '-' : '\u2212';
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : `${minus}∞`;
  }
  if (value === 0) {
    return '0';
  }
  const text = plainDigits(Math.abs(value), precision);
  return value < 0 ? `${minus}${text}` : text;
}

function plainDigits(magnitude: number, precision: number): string {
  const exponent = Math.floor(Math.log10(magnitude));
  if (exponent < -4 || exponent >= precision) {
    const [mantissa = '0', power = '0'] = magnitude.toExponential(precision - 1).split('e');
    return `${trimZeros(mantissa)}e${power.replace('+', '')}`;
  }
  return trimZeros(magnitude.toPrecision(precision));
}

function trimZeros(text: string): string {
  if (!text.includes('.') || text.includes('e')) {
    return text;
  }
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function clampPrecision(precision: number): number {
  return Math.min(17, Math.max(1, Math.round(precision)));
}
