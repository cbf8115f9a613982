/**
 * Which style the backward pass is written in: staged scalar code for scalar code, NumPy in
 * matrix form for code with arrays. The math front end has no code to write into, and code
 * computing with an autograd library's values is not written for.
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
  const library = autogradLibrary(source);
  if (library !== undefined) {
    const plain = kind === 'scalar' ? 'numbers' : 'NumPy arrays';
    return {
      ok: false,
      message: `the forward pass computes with ${library}, not plain ${plain}: the backward pass is written for plain ${plain}`,
    };
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
  return { ok: true, style: 'numpy-matrix' };
}

/**
 * Values of an autograd library (micrograd's Value, torch tensors, JAX's immutable arrays,
 * TensorFlow.js): code written for numbers would compute with them differently or not at all.
 */
function autogradLibrary(source: string): string | undefined {
  if (/\bValue\s*\(/.test(source)) {
    return "micrograd's Value objects";
  }
  if (/^\s*(?:import|from)\s+torch\b/m.test(source)) {
    return 'PyTorch tensors (a backward pass in torch is not written yet)';
  }
  if (/^\s*(?:import|from)\s+jax\b/m.test(source)) {
    return "JAX arrays (immutable: the notes' in-place updates do not apply)";
  }
  if (/@tensorflow\/tfjs|\btf\.\w+\(/.test(source)) {
    return 'TensorFlow.js tensors';
  }
  return undefined;
}
