import { useEffect, useRef } from 'react';
import type { Envelope } from '../../../../shared/ipc/envelope';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import { api } from '../../api/client';
import { installCardFieldGuard } from './card-field-guard';
import { SwipeDetector } from './swipe-detector';
import type { DetectorEvent, SwipeDetectorOptions } from './swipe-detector';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

/** Puts keys the detector held back into the focused field, as if typed (React sees an input event). */
const giveBack = (text: string): void => {
  const el = document.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    try {
      el.setRangeText(text, start, end, 'end');
    } catch {
      return; // input types without a selection (number, email) cannot take text back this way
    }
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  } else if (el instanceof HTMLElement && el.isContentEditable) {
    const selection = window.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    if (!range) return;
    range.deleteContents();
    range.insertNode(document.createTextNode(text));
    range.collapse(false);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }
};

/**
 * Listens for keyboard-emulation swipes anywhere in the window (capture phase, so no field or
 * shortcut sees the keys first), swallows them, and sends the raw text straight to main with
 * `card-reader:keyboard-swipe`. Nothing keeps the text: the detector drops its buffer when it
 * emits, and this hook passes `raw` on without storing it. Held keys that are card data are
 * dropped, never given back (`onCardDropped`), and the field guard takes card data out of any
 * field it reaches anyway. Mount once (KeyboardSwipeListener).
 */
export const useSwipeDetector = (
  onSwipe: (result: Envelope<CardSummary>) => void,
  onImeWarning: () => void,
  opts: { enabled?: boolean; detector?: SwipeDetectorOptions; onCardDropped?: () => void } = {},
): void => {
  const { logger } = useRoot();
  const onSwipeRef = useRef(onSwipe);
  const onImeRef = useRef(onImeWarning);
  const onDroppedRef = useRef(opts.onCardDropped);
  useEffect(() => {
    onSwipeRef.current = onSwipe;
    onImeRef.current = onImeWarning;
    onDroppedRef.current = opts.onCardDropped;
  });
  const enabled = opts.enabled ?? true;
  const detectorOptions = JSON.stringify(opts.detector ?? {});

  useEffect(() => {
    if (!enabled) return undefined;
    const detector = new SwipeDetector(JSON.parse(detectorOptions) as SwipeDetectorOptions);
    let timer: number | undefined;

    const handle = (events: DetectorEvent[]): void => {
      for (const event of events) {
        if (event.type === 'swipe') {
          fireAndLog(logger, 'card-reader.keyboard-swipe-failed', api.invoke('card-reader:keyboard-swipe', { raw: event.raw }).then((result) => onSwipeRef.current(result)));
        } else if (event.type === 'flush') giveBack(event.text);
        else if (event.type === 'card-dropped') onDroppedRef.current?.();
        else onImeRef.current();
      }
    };
    const arm = (): void => {
      window.clearTimeout(timer);
      const deadline = detector.nextDeadline();
      if (deadline === null) return;
      timer = window.setTimeout(() => {
        handle(detector.tick(performance.now()));
        arm();
      }, Math.max(0, deadline - performance.now()));
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      // Shortcuts are never part of a swipe; let them through untouched.
      if (event.ctrlKey || event.metaKey || (event.altKey && !event.getModifierState('AltGraph'))) return;
      const result = detector.feed({
        key: event.key,
        timestamp: event.timeStamp,
        isComposing: event.isComposing || event.keyCode === 229,
        repeat: event.repeat,
      });
      if (result.swallow) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      handle(result.events);
      arm();
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    // Whatever still reaches a field as card data (a reader slower than any rule) is taken out of it.
    const unguard = installCardFieldGuard(window, () => onDroppedRef.current?.());
    return () => {
      unguard();
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.clearTimeout(timer);
      detector.reset();
    };
  }, [enabled, detectorOptions, logger]);
};
