/**
 * Keyboard-emulation card readers type a swipe as keystrokes, 1-2 ms apart, starting with a
 * start sentinel (`%` track 1, `;` track 2) and usually ending with CR. People type tens of
 * milliseconds apart at best. This pure state machine (fed key, time, IME state) decides for
 * each keydown whether it belongs to a swipe and must be swallowed, hands a finished swipe
 * over once, and gives back anything it held that turned out to be typing (a cashier typing
 * `;` in a note must still see it). The same idea as jquery.cardswipe and onscan.js.
 *
 * A swipe ends on Enter, on a short quiet spell after an end sentinel `?` (and its LRC), or
 * on a longer quiet spell otherwise; never only on a long timeout (ARCHITECTURE: readers type
 * the whole swipe in 0.3-0.5 s and the summary should show within 50 ms of the last key).
 */
export interface SwipeDetectorOptions {
  /** Longest gap between two keys of one swipe. */
  interKeyMs?: number;
  /** Quiet time after an end sentinel before the swipe is complete (another track may follow). */
  endGraceMs?: number;
  /** Fewer characters than this is typing, not a reader. */
  minSwipeLength?: number;
  /** Longest swipe accepted (the keyboard-swipe command's limit). */
  maxSwipeLength?: number;
  /** This many fast keys inside an IME composition means a reader is typing into the IME. */
  imeBurst?: number;
}

export interface KeyInput {
  /** KeyboardEvent.key */
  key: string;
  /** KeyboardEvent.timeStamp (or any monotonic milliseconds). */
  timestamp: number;
  /** KeyboardEvent.isComposing, or keyCode 229 / key 'Process'. */
  isComposing: boolean;
  /** KeyboardEvent.repeat: a held key, which readers never produce. */
  repeat?: boolean;
}

export type DetectorEvent =
  /** A complete swipe: send it to main at once and keep no copy. */
  | { type: 'swipe'; raw: string }
  /** Held keys that were typing after all: put them back into the focused field. */
  | { type: 'flush'; text: string }
  /** A reader is typing into an active IME: tell the cashier to switch the IME off. */
  | { type: 'ime-active' };

export interface FeedResult {
  /** preventDefault() and stop this keydown. */
  swallow: boolean;
  events: DetectorEvent[];
}

type Mode = 'idle' | 'reading' | 'after-end';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'OS', 'Hyper', 'Super']);
const isSentinel = (c: string): boolean => c === '%' || c === ';';

export class SwipeDetector {
  private readonly interKeyMs: number;
  private readonly endGraceMs: number;
  private readonly minSwipeLength: number;
  private readonly maxSwipeLength: number;
  private readonly imeBurst: number;
  private mode: Mode = 'idle';
  private buffer: string[] = [];
  private lastTs = 0;
  private lrcPending = false;
  private ime = { count: 0, lastTs: Number.NEGATIVE_INFINITY, warned: false };

  constructor(opts: SwipeDetectorOptions = {}) {
    this.interKeyMs = opts.interKeyMs ?? 50;
    this.endGraceMs = opts.endGraceMs ?? 35;
    this.minSwipeLength = opts.minSwipeLength ?? 10;
    this.maxSwipeLength = opts.maxSwipeLength ?? 512;
    this.imeBurst = opts.imeBurst ?? 4;
  }

  /** True while keys are being held as a possible swipe. */
  get active(): boolean {
    return this.mode !== 'idle';
  }

  feed(input: KeyInput): FeedResult {
    const events: DetectorEvent[] = [];
    if (input.isComposing || input.key === 'Process') return { swallow: false, events: this.onComposing(input.timestamp, events) };
    if (MODIFIERS.has(input.key)) return { swallow: false, events };
    const char = input.key === 'Enter' ? '\r' : input.key.length === 1 ? input.key : null;

    if (this.mode !== 'idle') {
      const late = input.timestamp - this.lastTs > this.interKeyMs;
      if (late || char === null || input.repeat) {
        // The held keys end here; this key is then handled as if nothing were held.
        this.finish(events);
      } else if (char === '\r') {
        if (this.buffer.length >= this.minSwipeLength) {
          this.finish(events);
          return { swallow: true, events };
        }
        this.finish(events);
        return { swallow: false, events };
      } else {
        return { swallow: this.append(char, input.timestamp, events), events };
      }
    }

    if (char !== null && isSentinel(char) && !input.repeat) {
      this.mode = 'reading';
      this.buffer = [char];
      this.lastTs = input.timestamp;
      this.lrcPending = false;
      return { swallow: true, events };
    }
    return { swallow: false, events };
  }

  /** Call at `nextDeadline()`: ends a swipe (or gives back typing) after the quiet spell. */
  tick(now: number): DetectorEvent[] {
    const events: DetectorEvent[] = [];
    const deadline = this.nextDeadline();
    if (deadline !== null && now >= deadline) this.finish(events);
    return events;
  }

  /** When `tick` should next run, or null when nothing is held. */
  nextDeadline(): number | null {
    if (this.mode === 'reading') return this.lastTs + this.interKeyMs + 1;
    if (this.mode === 'after-end') return this.lastTs + this.endGraceMs;
    return null;
  }

  /** Drops anything held (unmount): a half swipe is card data and is not given back. */
  reset(): void {
    this.buffer = [];
    this.mode = 'idle';
    this.lrcPending = false;
  }

  private append(char: string, ts: number, events: DetectorEvent[]): boolean {
    if (this.buffer.length >= this.maxSwipeLength) {
      // Far longer than any card: some other device or automation is typing. Give it all back.
      this.buffer.push(char);
      this.giveBack(events);
      return true;
    }
    this.buffer.push(char);
    this.lastTs = ts;
    if (char === '?') {
      this.mode = 'after-end';
      this.lrcPending = true;
    } else if (this.mode === 'after-end' && this.lrcPending && !isSentinel(char)) {
      this.lrcPending = false; // the LRC; the swipe may still continue with another track
    } else {
      this.mode = 'reading';
      this.lrcPending = false;
    }
    return true;
  }

  /** Ends what is held: a swipe if it is long enough to be a reader, typing otherwise. */
  private finish(events: DetectorEvent[]): void {
    if (this.mode === 'idle') return;
    if (this.buffer.length >= this.minSwipeLength) {
      events.push({ type: 'swipe', raw: this.buffer.join('') });
      this.reset();
    } else {
      this.giveBack(events);
    }
  }

  private giveBack(events: DetectorEvent[]): void {
    events.push({ type: 'flush', text: this.buffer.join('') });
    this.reset();
  }

  private onComposing(ts: number, events: DetectorEvent[]): DetectorEvent[] {
    if (this.mode !== 'idle') {
      // An IME took over mid-swipe: a short hold is typing, a long one is card data and is dropped.
      if (this.buffer.length < this.minSwipeLength) this.giveBack(events);
      else {
        this.reset();
        events.push({ type: 'ime-active' });
        this.ime.warned = true;
      }
    }
    const fast = ts - this.ime.lastTs <= this.interKeyMs;
    this.ime.count = fast ? this.ime.count + 1 : 1;
    if (!fast) this.ime.warned = false;
    this.ime.lastTs = ts;
    if (this.ime.count >= this.imeBurst && !this.ime.warned) {
      this.ime.warned = true;
      events.push({ type: 'ime-active' });
    }
    return events;
  }
}
