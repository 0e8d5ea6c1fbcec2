/**
 * Runs `task` once the frame being prepared has been painted: a requestAnimationFrame callback
 * runs just before that paint and a task it posts runs after it. Where nothing is painted (a
 * hidden page, tests without frames) it runs as the next task. Returns a cancel function.
 */
export const afterPaint = (task: () => void): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const painting = typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible';
  if (!painting) {
    timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

/**
 * Runs `task` in an idle period (between frames while the list scrolls), or after `timeout` ms
 * at the latest; as the next task where idle callbacks do not exist.
 */
export const whenIdle = (task: () => void, timeout = 1000): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout });
  else setTimeout(task, 0);
};
