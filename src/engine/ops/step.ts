import { call, type Sym } from '../sym';

/**
 * The unit step as a formula: relu(sign(x)) is 1 for x > 0 and 0 otherwise (0 at 0, as
 * PyTorch takes relu'(0)), built from ops in the catalogue so it prints and evaluates.
 */
export function step(x: Sym): Sym {
  return call('relu', call('sign', x));
}
