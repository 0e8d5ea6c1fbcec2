/// <reference lib="dom" />
import type { Page } from '@playwright/test';

/**
 * What is wrong with the layout the page shows now, measured in the browser:
 * - a button, tab, chip or toggle whose label runs onto a second line ("锁/屏");
 * - a label or text cut by its box (ellipsis or hidden overflow: scrollWidth > clientWidth);
 * - a control outside the viewport horizontally, or the page wider than the viewport.
 * Each problem names the element by its test id or text, so a failure says what to fix.
 */
export const layoutProblems = (page: Page, scope = 'body'): Promise<string[]> =>
  page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (!root) return [`no ${selector}`];
    const problems: string[] = [];
    const name = (el: Element): string => {
      const id = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    };
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
    };
    /** Lines of text inside: distinct tops of the rectangles of its text nodes. */
    const lines = (el: Element): number => {
      const tops: number[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width < 1 || rect.height < 1) continue;
          if (!tops.some((t) => Math.abs(t - rect.top) < rect.height / 2)) tops.push(rect.top);
        }
      }
      return tops.length;
    };
    const controls = root.querySelectorAll('button, [role="button"], [role="tab"], .MuiChip-root, .MuiToggleButton-root, a.MuiButton-root');
    for (const el of Array.from(controls)) {
      if (!shown(el)) continue;
      if (lines(el) > 1) problems.push(`wraps: ${name(el)}`);
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`outside the window: ${name(el)}`);
    }
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (!shown(el) || el.children.length > 0 || !(el.textContent ?? '').trim()) continue;
      const s = getComputedStyle(el);
      const clips = s.textOverflow === 'ellipsis' || s.overflowX === 'hidden' || s.overflowX === 'clip';
      if (clips && el.scrollWidth > el.clientWidth + 1) problems.push(`cut: ${name(el)}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page wider than the window: ${document.documentElement.scrollWidth}px`);
    return problems;
  }, scope);

/** The box of an element relative to the viewport, and whether it is wholly inside it. */
export const insideViewport = async (page: Page, testId: string): Promise<{ inside: boolean; box: { x: number; y: number; width: number; height: number } | null }> => {
  const box = await page.getByTestId(testId).boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return { inside: false, box };
  return { inside: box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height, box };
};
