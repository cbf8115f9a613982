/**
 * Which style the backward pass is written in: staged scalar code for scalar code, NumPy in
 * matrix form for code with arrays. The math front end has no code to write into.
 */
import type { LanguageId } from '../../language/frontEnd';
import type { BackwardStyle } from './writtenBackward';

export type StyleChoice =
  | { readonly ok: true; readonly style: BackwardStyle }
  | { readonly ok: false; readonly message: string };

export function backwardStyle(
  language: LanguageId,
  kind: 'scalar' | 'tensor',
  source: string,
): StyleChoice {
  if (language === 'math') {
    return { ok: false, message: 'math notation has no code to write a backward pass in' };
  }
  if (kind === 'scalar') {
    return { ok: true, style: 'staged-scalar' };
  }
  if (language !== 'python') {
    return {
      ok: false,
      message:
        'a backward pass in matrix form is written for NumPy code only (this file is JavaScript/TypeScript)',
    };
  }
  if (/^\s*import\s+torch\b|^\s*from\s+torch\b/m.test(source)) {
    return {
      ok: false,
      message:
        'a backward pass in matrix form is written for NumPy code only; PyTorch code (torch tensors) is not written yet',
    };
  }
  return { ok: true, style: 'numpy-matrix' };
}
