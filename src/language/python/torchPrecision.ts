/**
 * Where and in what precision PyTorch scalars are computed, as pasted code asks for it:
 * `.to(device)`, `.cuda()`, `.cpu()` change nothing here (computed on the CPU), and every number
 * is float64, so a float32 or float16 tensor (PyTorch's default is float32) is said in a note.
 */

/** Methods that give the tensor back on another device or in another precision. */
export const DEVICE_METHODS = new Set(['to', 'cuda', 'cpu', 'float', 'half', 'bfloat16']);

const LOW_PRECISION = /float32|float16|half|bfloat16|^torch\.float$/u;

/** The note for a tensor that PyTorch holds in float32 or less, from its dtype's text. */
export function precisionNote(dtype: string): string | undefined {
  return LOW_PRECISION.test(dtype)
    ? `${dtype}: computed in float64 here, so values may differ from PyTorch's in the last digits`
    : undefined;
}

/** The dtype a scalar tensor is made in: `dtype=` as written, else PyTorch's default. */
export function tensorDtype(written: string | undefined): string {
  return written ?? 'torch.float32 (PyTorch’s default)';
}

/** The dtype a device or precision method asks for (`.float()`: float32), or undefined. */
export function methodDtype(name: string, args: readonly string[]): string | undefined {
  switch (name) {
    case 'float':
      return 'torch.float32 (`.float()`)';
    case 'half':
      return 'torch.float16 (`.half()`)';
    case 'bfloat16':
      return 'torch.bfloat16';
    default:
      return args.find((arg) => LOW_PRECISION.test(arg));
  }
}
