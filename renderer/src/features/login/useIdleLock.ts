import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` after `minutes` without pointer or keyboard use (RULES.md 6: 15 minutes by
 * default). Checks on a short interval against the clock rather than one long timer, so a
 * sleeping PC that wakes after the limit locks at once.
 */
export const useIdleLock = (minutes: number, active: boolean, onIdle: () => void): void => {
  const last = useRef(0);
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const touch = (): void => {
      last.current = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) callback.current();
    }, 5_000);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes, active]);
};
