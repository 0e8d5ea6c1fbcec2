import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Tells main the person at the counter is active (pointer or keys): main keeps the idle clock
 * and locks the session after the idle limit (at most 15 minutes, RULES 6) whatever the page
 * does; the lock screen follows main. `report` is throttled by the session service.
 */
export const useActivity = (active: boolean, report: () => void): void => {
  useEffect(() => {
    if (!active) return;
    for (const type of ACTIVITY) window.addEventListener(type, report, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, report, { capture: true });
    };
  }, [active, report]);
};
