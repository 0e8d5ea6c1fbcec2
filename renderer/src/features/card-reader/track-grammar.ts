/**
 * The ISO/IEC 7813 magstripe track layout, checked one typed character at a time. The swipe
 * detector uses it to keep holding keys that arrive slower than reader speed (a loaded PC, or
 * automation under CPU load) for as long as they still look like a card track, and to give them
 * back the moment they stop looking like one:
 *
 *   track 1  %B<PAN>^<NAME>^<YYMM|^><service code|^><discretionary>?
 *   track 2  ;<PAN>=<YYMM|=><service code|=><discretionary>?
 *
 * followed by an optional LRC character, then another track, Enter, or nothing. The state holds
 * counters only, never characters, so it is never a copy of card data.
 *
 * The checks are strict where typing differs from a card early (the character after the start
 * sentinel, PAN digits and length) and lenient where real cards vary (name, discretionary data):
 * being too lenient only delays the echo of something typed, being too strict lets a slow
 * swipe leak into a text field.
 */

/** ISO/IEC 7812-1 PAN lengths. */
const PAN_MIN = 8;
const PAN_MAX = 19;
/** ISO/IEC 7813 record lengths, start and end sentinels included. */
const TRACK_MAX: Readonly<Record<1 | 2, number>> = { 1: 79, 2: 40 };

type Field = 'format' | 'pan' | 'name' | 'expiry' | 'service' | 'data' | 'end' | 'lrc';

export interface TrackState {
  readonly track: 1 | 2;
  readonly field: Field;
  /** Characters of the current field so far. */
  readonly count: number;
  /** Characters of this track so far, start sentinel included. */
  readonly length: number;
}

const isDigit = (c: string): boolean => c.length === 1 && c >= '0' && c <= '9';
/** Track 1's 6-bit alphabet (space to underscore) without the two sentinels. */
const isTrack1Char = (c: string): boolean => c.length === 1 && c >= ' ' && c <= '_' && c !== '%' && c !== '?';

/** The state after a start sentinel, or null when `c` starts no track. */
export const startTrack = (c: string): TrackState | null => {
  if (c === '%') return { track: 1, field: 'format', count: 0, length: 1 };
  if (c === ';') return { track: 2, field: 'pan', count: 0, length: 1 };
  return null;
};

/** True once a track's end sentinel (and maybe its LRC) has been read: Enter or a pause may end the swipe. */
export const isComplete = (s: TrackState | null): boolean => s !== null && (s.field === 'end' || s.field === 'lrc');

/** The state after `c`, or null when `c` cannot continue a card swipe here. */
export const nextTrack = (s: TrackState, c: string): TrackState | null => {
  if (s.field === 'end' || s.field === 'lrc') {
    // Between tracks: the next track's start sentinel, or once, right after `?`, the LRC.
    const next = startTrack(c);
    if (next !== null) return next;
    return s.field === 'end' && c.length === 1 ? { ...s, field: 'lrc', count: 0 } : null;
  }
  if (s.length + 1 > TRACK_MAX[s.track]) return null;
  const sep = s.track === 1 ? '^' : '=';
  const more: TrackState = { ...s, count: s.count + 1, length: s.length + 1 };
  const to = (field: Field): TrackState => ({ ...s, field, count: 0, length: s.length + 1 });
  /** A fixed-width digit field, or a lone separator where the card leaves it out. */
  const fixed = (width: number, then: Field): TrackState | null => {
    if (s.count === 0 && c === sep) return to(then);
    if (!isDigit(c)) return null;
    return s.count + 1 === width ? to(then) : more;
  };
  switch (s.field) {
    case 'format':
      return c === 'B' ? to('pan') : null;
    case 'pan':
      if (isDigit(c)) return s.count < PAN_MAX ? more : null;
      return c === sep && s.count >= PAN_MIN ? to(s.track === 1 ? 'name' : 'expiry') : null;
    case 'name':
      if (c === '^') return to('expiry');
      return isTrack1Char(c) ? more : null;
    case 'expiry':
      return fixed(4, 'service');
    case 'service':
      return fixed(3, 'data');
    case 'data':
      if (c === '?') return to('end');
      return (s.track === 1 ? isTrack1Char(c) : isDigit(c) || c === '=') ? more : null;
  }
};
