import { scrubCardData, TRACK_TAIL } from './card-data';

/**
 * The last line of RULES 1 in the page: whatever gets past the swipe detector (a reader so slow
 * its keys look typed, a paste, a person typing a card number) is taken out of the text field
 * on the `input` event that completes it, before the screen's own handler reads the value, and
 * the rest of that track is taken out as it arrives. Fields marked `data-card-guard="off"` (PIN
 * and passphrase fields, which cannot hold a card number) are left alone.
 *
 * The value is set through the element prototype's setter, so React's controlled inputs see the
 * change as input (their instance setter would record it as React's own and keep the old state).
 */
type Field = HTMLInputElement | HTMLTextAreaElement;

const TAIL_MS = 3_000;

const setValue = (el: Field, value: string): void => {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  try {
    el.setSelectionRange(value.length, value.length);
  } catch {
    // Inputs without a selection (number, email) keep the browser's caret.
  }
};

/** What was typed or pasted between two values, or null when it was not a plain insertion. */
export const insertedText = (before: string, after: string): string | null => {
  if (after.length <= before.length) return null;
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  return p + s === before.length ? after.slice(p, after.length - s) : null;
};

export const installCardFieldGuard = (target: Window, onRemoved: () => void, now: () => number = () => performance.now()): (() => void) => {
  const seen = new WeakMap<Field, string>();
  let tail: { el: Field; until: number } | null = null;
  const isField = (el: EventTarget | null): el is Field => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.dataset.cardGuard !== 'off';

  const onFocus = (e: Event): void => {
    if (isField(e.target)) seen.set(e.target, e.target.value);
  };
  const onInput = (e: Event): void => {
    const el = e.target;
    if (!isField(el)) return;
    const before = seen.get(el) ?? '';
    if (tail && tail.el === el && now() <= tail.until) {
      const added = insertedText(before, el.value);
      if (added && TRACK_TAIL.test(added)) {
        setValue(el, before);
        tail.until = now() + TAIL_MS;
        return;
      }
      tail = null;
    }
    const scrubbed = scrubCardData(el.value);
    if (scrubbed === null) {
      seen.set(el, el.value);
      return;
    }
    setValue(el, scrubbed);
    seen.set(el, scrubbed);
    tail = { el, until: now() + TAIL_MS };
    onRemoved();
  };
  target.addEventListener('focusin', onFocus, { capture: true });
  target.addEventListener('input', onInput, { capture: true });
  return () => {
    target.removeEventListener('focusin', onFocus, { capture: true });
    target.removeEventListener('input', onInput, { capture: true });
  };
};
