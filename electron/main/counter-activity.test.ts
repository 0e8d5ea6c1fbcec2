import { describe, expect, it } from 'vitest';
import { BUSY_COMMANDS, CounterActivity } from './counter-activity';

/** A promise the test resolves or rejects when it chooses. */
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('counter activity', () => {
  it('is idle with no card held and nothing in flight', () => {
    expect(new CounterActivity(() => 0).busy()).toBeNull();
  });

  it('is busy while the card vault holds a swiped card', () => {
    let cards = 1;
    const activity = new CounterActivity(() => cards);
    expect(activity.busy()).toBe('card-held');
    cards = 0;
    expect(activity.busy()).toBeNull();
  });

  it('is busy while an authorisation is at the card host, and idle again once it answers or fails', async () => {
    const activity = new CounterActivity(() => 0);
    const answer = deferred<string>();
    const authorising = activity.track('acquirer:authorize', () => answer.promise);
    expect(activity.busy()).toBe('acquirer:authorize');
    answer.resolve('approved');
    await expect(authorising).resolves.toBe('approved');
    expect(activity.busy()).toBeNull();

    const failing = deferred<string>();
    const reversal = activity.track('acquirer:reverse', () => failing.promise);
    expect(activity.busy()).toBe('acquirer:reverse');
    failing.reject(new Error('timeout'));
    await expect(reversal).rejects.toThrow('timeout');
    expect(activity.busy()).toBeNull();
  });

  it('stays busy until the last of two overlapping steps finishes', async () => {
    const activity = new CounterActivity(() => 0);
    const first = deferred<void>();
    const second = deferred<void>();
    const a = activity.track('printer:print', () => first.promise);
    const b = activity.track('printer:print', () => second.promise);
    first.resolve();
    await a;
    expect(activity.busy()).toBe('printer:print');
    second.resolve();
    await b;
    expect(activity.busy()).toBeNull();
  });

  it('does not count reads and settings as sale steps', async () => {
    const activity = new CounterActivity(() => 0);
    const pending = deferred<void>();
    const status = activity.track('acquirer:status', () => pending.promise);
    expect(activity.busy()).toBeNull();
    pending.resolve();
    await status;
    expect([...BUSY_COMMANDS].sort()).toEqual(['acquirer:authorize', 'acquirer:forward', 'acquirer:inquire', 'acquirer:reverse', 'acquirer:sign-on', 'printer:print']);
  });
});
