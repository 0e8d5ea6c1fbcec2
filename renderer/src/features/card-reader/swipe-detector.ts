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
 *
 * Timing alone fails on a loaded PC (and under CI load), where a real swipe's keys can arrive
 * further apart than `interKeyMs` and the card number would land in the focused field. So a
 * second rule holds keys that keep matching the ISO 7813 track grammar (track-grammar.ts) with
 * a much more generous gap, `grammarKeyGapMs`, and sends them once the tracks are complete (on
 * Enter, or after a `grammarKeyGapMs` quiet spell). The moment they stop matching, or pause
 * longer, everything held is given back exactly as typed. Keys stay held while either rule
 * accepts them; what the timing rule alone recognised it still recognises, the same way.
 *
 * Card data is never given back (RULES 1): once the held keys are a start sentinel and six or
 * more digits (a card number under way) they are held through a longer pause, `panHoldMs` (a
 * reader stalled mid-swipe), and whatever is held that looks like card data (card-data.ts) is
 * dropped with a `card-dropped` event (the screen says a card was swiped there) instead of
 * being typed into the field. The rest of that track, if the keys go on, is dropped too.
 */
import { looksLikeCardData, TRACK_TAIL } from './card-data';
import { isComplete, nextTrack, startTrack } from './track-grammar';
import type { TrackState } from './track-grammar';

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
  /** Longest gap between two keys that still match the track grammar (slow, loaded machines). */
  grammarKeyGapMs?: number;
  /** Longest gap while a card number is under way (sentinel and 6+ digits held): a stalled reader. */
  panHoldMs?: number;
  /** After card data was dropped, track characters this close together are dropped too. */
  dropTailMs?: number;
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
  /** Held keys were card data (a slow or cut swipe): dropped, never typed; tell the cashier. */
  | { type: 'card-dropped' }
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
  private readonly grammarKeyGapMs: number;
  private readonly panHoldMs: number;
  private readonly dropTailMs: number;
  /** After a drop: track characters before this time are dropped as well. */
  private dropUntil = Number.NEGATIVE_INFINITY;
  private mode: Mode = 'idle';
  private buffer: string[] = [];
  private lastTs = 0;
  private lrcPending = false;
  /** Every key held so far came within `interKeyMs`: the timing rule still applies. */
  private timed = false;
  /** The timing rule saw at least `minSwipeLength` reader-speed keys: this is a reader. */
  private reader = false;
  /** Where the held keys are in the track grammar; null once they stopped matching it. */
  private grammar: TrackState | null = null;
  /** Slowest gap between held keys, to know whether the short end grace means anything. */
  private maxGap = 0;
  private ime = { count: 0, lastTs: Number.NEGATIVE_INFINITY, warned: false };

  constructor(opts: SwipeDetectorOptions = {}) {
    this.interKeyMs = opts.interKeyMs ?? 50;
    this.endGraceMs = opts.endGraceMs ?? 35;
    this.minSwipeLength = opts.minSwipeLength ?? 10;
    this.maxSwipeLength = opts.maxSwipeLength ?? 512;
    this.imeBurst = opts.imeBurst ?? 4;
    // 300 ms: well above the 40-120 ms gaps of a stalled reader or of automation on a loaded CI
    // runner, yet a cashier who types `;` and pauses gets it back within 0.3 s, and a slow swipe
    // paused longer than this is more likely typing than a reader, so it is given back.
    this.grammarKeyGapMs = opts.grammarKeyGapMs ?? 300;
    // 3 s: a reader on a busy PC can stall that long mid-swipe; nobody types `;` and six digits by hand.
    this.panHoldMs = opts.panHoldMs ?? 3_000;
    this.dropTailMs = opts.dropTailMs ?? 3_000;
  }

  /** The longest gap the grammar rule allows now: longer while a card number is under way. */
  private grammarGap(): number {
    if (isComplete(this.grammar)) return this.grammarKeyGapMs;
    return /^[;%]B?\d{6}/.test(this.buffer.join('')) ? this.panHoldMs : this.grammarKeyGapMs;
  }

  /** After held card data was dropped, the key that ended the hold is dropped too if it continues the track. */
  private dropsTail(char: string | null, ts: number): boolean {
    if (char === null || ts > this.dropUntil || !TRACK_TAIL.test(char)) return false;
    this.dropUntil = char === '\r' ? Number.NEGATIVE_INFINITY : ts + this.dropTailMs;
    return true;
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

    // The rest of a track whose card number was just dropped: dropped too, quietly.
    if (this.mode === 'idle' && !input.repeat && this.dropsTail(char, input.timestamp)) return { swallow: true, events };
    this.dropUntil = Number.NEGATIVE_INFINITY;

    if (this.mode !== 'idle') {
      const gap = input.timestamp - this.lastTs;
      const timed = this.timed && gap <= this.interKeyMs;
      // The grammar vouches only for keys that come within its (generous) gap.
      const track = gap <= this.grammarGap() ? this.grammar : null;
      if (char === '\r' && !input.repeat) {
        // Enter ends the hold: swallowed with the swipe if a reader typed it or the tracks are complete.
        if ((timed && this.buffer.length >= this.minSwipeLength) || isComplete(track)) {
          this.emitSwipe(events);
          return { swallow: true, events };
        }
        this.finish(events, input.timestamp);
        return { swallow: this.dropsTail(char, input.timestamp), events };
      }
      const grammar = track !== null && char !== null && !input.repeat ? nextTrack(track, char) : null;
      if (char !== null && !input.repeat && (timed || grammar !== null)) {
        return { swallow: this.append(char, input.timestamp, timed, grammar, events), events };
      }
      // Neither rule accepts this key: the held keys end here, and this key is then handled as
      // if nothing were held (so the field gets the held text first, then this key, in order).
      this.finish(events, input.timestamp);
      if (!input.repeat && this.dropsTail(char, input.timestamp)) return { swallow: true, events };
    }

    if (char !== null && isSentinel(char) && !input.repeat) {
      this.mode = 'reading';
      this.buffer = [char];
      this.lastTs = input.timestamp;
      this.lrcPending = false;
      this.timed = true;
      this.reader = this.buffer.length >= this.minSwipeLength;
      this.grammar = startTrack(char);
      this.maxGap = 0;
      return { swallow: true, events };
    }
    return { swallow: false, events };
  }

  /** Call at `nextDeadline()`: ends a swipe (or gives back typing) after the quiet spell. */
  tick(now: number): DetectorEvent[] {
    const events: DetectorEvent[] = [];
    const deadline = this.nextDeadline();
    if (deadline !== null && now >= deadline) this.finish(events, now);
    return events;
  }

  /** When `tick` should next run, or null when nothing is held. */
  nextDeadline(): number | null {
    if (this.mode === 'idle') return null;
    if (this.timingDecides()) {
      return this.mode === 'reading' ? this.lastTs + this.interKeyMs + 1 : this.lastTs + this.endGraceMs;
    }
    return this.lastTs + this.grammarGap() + 1;
  }

  /** Drops anything held (unmount): a half swipe is card data and is not given back. */
  reset(): void {
    this.buffer = [];
    this.mode = 'idle';
    this.lrcPending = false;
    this.timed = false;
    this.reader = false;
    this.grammar = null;
    this.maxGap = 0;
  }

  /**
   * Whether the quiet spell that ends the hold is the timing rule's short one. The grammar
   * waits longer while a track is unfinished (a stalled reader may still be typing), and after
   * a finished track whose keys came slower than the end grace (the next track or Enter may
   * simply not have arrived yet, and a split swipe would reach main as two).
   */
  private timingDecides(): boolean {
    if (!this.timed) return false;
    if (this.grammar === null) return true;
    return isComplete(this.grammar) && this.maxGap <= this.endGraceMs;
  }

  private append(char: string, ts: number, timed: boolean, grammar: TrackState | null, events: DetectorEvent[]): boolean {
    if (this.buffer.length >= this.maxSwipeLength) {
      // Far longer than any card: some other device or automation is typing. Give it all back.
      this.buffer.push(char);
      this.giveBack(events, ts);
      return true;
    }
    this.buffer.push(char);
    this.maxGap = Math.max(this.maxGap, ts - this.lastTs);
    this.lastTs = ts;
    this.timed = timed;
    this.grammar = grammar;
    if (timed && this.buffer.length >= this.minSwipeLength) this.reader = true;
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

  /**
   * Ends what is held: a swipe if the tracks are complete or enough keys came at reader speed
   * (a fast, cut-off swipe still goes to main, which names what is missing); typing otherwise.
   * Slow keys that never completed a track are given back, as the timing rule alone would have.
   */
  private finish(events: DetectorEvent[], now: number): void {
    if (this.mode === 'idle') return;
    if (this.reader || isComplete(this.grammar)) this.emitSwipe(events);
    else this.giveBack(events, now);
  }

  private emitSwipe(events: DetectorEvent[]): void {
    events.push({ type: 'swipe', raw: this.buffer.join('') });
    this.reset();
  }

  /** Gives held keys back to the field, unless they are card data: then they are dropped. */
  private giveBack(events: DetectorEvent[], now: number): void {
    const text = this.buffer.join('');
    if (looksLikeCardData(text)) {
      events.push({ type: 'card-dropped' });
      this.dropUntil = Math.max(now, this.lastTs) + this.dropTailMs;
    } else events.push({ type: 'flush', text });
    this.reset();
  }

  private onComposing(ts: number, events: DetectorEvent[]): DetectorEvent[] {
    if (this.mode !== 'idle') {
      // An IME took over mid-swipe: a short hold is typing, a long one is card data and is dropped.
      if (this.buffer.length < this.minSwipeLength) this.giveBack(events, ts);
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
