/**
 * Loaded by mocha before any test (.mocharc.json `require`): every inspection the tests make
 * is checked against the engine's invariants, and a broken one fails that test with the list.
 */
import { checkInvariantsEverywhere } from '../../src/engine/invariants';

checkInvariantsEverywhere(true);
