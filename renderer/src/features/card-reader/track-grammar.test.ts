import { describe, expect, it } from 'vitest';
import { isComplete, nextTrack, startTrack } from './track-grammar';
import type { TrackState } from './track-grammar';

/** Feeds `text` through the grammar; returns the final state, or the index of the first rejected character. */
const run = (text: string): { state: TrackState | null; rejectedAt: number | null } => {
  let state: TrackState | null = null;
  for (const [i, c] of [...text].entries()) {
    state = state === null ? startTrack(c) : nextTrack(state, c);
    if (state === null) return { state, rejectedAt: i };
  }
  return { state, rejectedAt: null };
};

describe('track grammar', () => {
  it.each([
    '%B6212345678901232^TEST/CARD^3012101000?',
    ';6212345678901232=3012101000?',
    ';6212345678901232=30121010000000000000?', // the e2e sentinel card, 39 characters
    '%B6212345678901232^TEST/CARD^^^?', // expiry and service code left out
    ';62123456=3012101?', // shortest PAN (8 digits), no discretionary data
    `;6212345678901232=3012101${'0'.repeat(14)}?`, // 40 characters: the longest track 2
    '%B6212345678901232^TEST/CARD^3012101000?X;6212345678901232=3012101000?5', // two tracks with LRCs
  ])('reads %s to completion', (text) => {
    const { state, rejectedAt } = run(text);
    expect(rejectedAt).toBeNull();
    expect(isComplete(state)).toBe(true);
  });

  it.each([
    [';a', 1],
    ['%x', 1],
    ['%b', 1],
    [';1234a', 5],
    [`;${'1'.repeat(20)}`, 20],
    [';1234567=', 8], // PAN shorter than 8 digits
    [';6212345678901232=30a', 20],
    [';6212345678901232=3012101000X', 28],
    [`;6212345678901232=3012101${'0'.repeat(15)}?`, 40], // 41 characters: longer than track 2 can be
    ['%B6212345678901232^test', 19], // track 1 has no lower case
    [';6212345678901232=3012101000?12', 30], // one LRC, then only another track
  ])('rejects %s at character %i', (text, at) => {
    expect(run(text).rejectedAt).toBe(at);
  });

  it('is incomplete until the end sentinel', () => {
    expect(isComplete(run(';6212345678901232=3012101000').state)).toBe(false);
    expect(isComplete(null)).toBe(false);
  });
});
