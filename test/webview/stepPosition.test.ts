/**
 * The step-through position both step players share (src/webview/stepPosition.ts): moves by
 * command, the whole picture, playing to the end and pausing, and the keys.
 */
import assert from 'node:assert/strict';
import { StepPosition, stepKeys } from '../../src/webview/stepPosition';

function position(total: number, speedMs = 1000) {
  const log: string[] = [];
  const at = new StepPosition(
    () => total,
    { moved: () => log.push(`moved ${at.index}`), replay: () => log.push(`replay ${at.index}`) },
    speedMs,
  );
  return { at, log };
}

describe('step position shared by the scalar and the tensor step players', () => {
  it('moves by command within the steps, from the whole picture to either end', () => {
    const { at, log } = position(3);
    at.step('previous');
    assert.equal(at.index, 2, 'back from the whole picture: the last step');
    at.step('next');
    assert.equal(at.index, 2, 'no step after the last');
    at.step('first');
    at.step('previous');
    assert.equal(at.index, 0);
    at.goTo(null);
    at.step('next');
    assert.equal(at.index, 0);
    assert.deepEqual(log, ['moved 2', 'moved 2', 'moved 0', 'moved 0', 'moved null', 'moved 0']);
  });

  it('has no step to move to when there are none', () => {
    const { at } = position(0);
    at.step('next');
    assert.equal(at.index, null);
    at.togglePlay();
    assert.equal(at.isPlaying, false);
  });

  it('plays from the first step when at the end, to the last, and stops there', async () => {
    const { at, log } = position(3, 1);
    at.index = 2;
    const stopped = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (!at.isPlaying) {
          clearInterval(check);
          resolve();
        }
      }, 1);
    });
    at.togglePlay();
    assert.equal(at.isPlaying, true);
    assert.equal(at.index, 0);
    await stopped;
    assert.equal(at.index, 2);
    assert.deepEqual(log, ['replay 0', 'moved 1', 'moved 2', 'replay 2']);
  });

  it('pauses where it is, and the whole picture stops playing', () => {
    const { at, log } = position(5);
    at.index = 1;
    at.togglePlay();
    at.togglePlay();
    assert.equal(at.isPlaying, false);
    assert.equal(at.index, 1);
    at.togglePlay();
    at.goTo(null);
    assert.equal(at.isPlaying, false);
    assert.deepEqual(log, ['replay 1', 'replay 1', 'replay 1', 'moved null']);
  });

  it('answers ← → Home End Escape and p', () => {
    const { at } = position(4);
    const keys = stepKeys(at);
    assert.deepEqual(Object.keys(keys).sort(), [
      'ArrowLeft',
      'ArrowRight',
      'End',
      'Escape',
      'Home',
      'p',
    ]);
    keys.End!();
    assert.equal(at.index, 3);
    keys.ArrowLeft!();
    keys.ArrowLeft!();
    assert.equal(at.index, 1);
    keys.Home!();
    keys.ArrowRight!();
    assert.equal(at.index, 1);
    keys.p!();
    assert.equal(at.isPlaying, true);
    keys.Escape!();
    assert.equal(at.isPlaying, false);
    assert.equal(at.index, null);
  });
});
