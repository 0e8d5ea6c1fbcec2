import { describe, expect, it } from 'vitest';
import { rotate } from './rotation';

const at = (day: string, time = '12:00:00') => `${day}T${time}.000Z`;
const rules = { keepToday: 3, keepDays: 7, keepWeeks: 4 };

describe('backup rotation', () => {
  it('keeps the newest few of today and drops the older ones of today', () => {
    const items = ['08', '09', '10', '11', '12'].map((h) => ({ name: `t${h}`, createdAt: at('2026-03-10', `${h}:00:00`) }));
    const { keep, remove } = rotate(items, rules, at('2026-03-10', '13:00:00'));
    expect(keep.sort()).toEqual(['t10', 't11', 't12']);
    expect(remove.sort()).toEqual(['t08', 't09']);
  });

  it('keeps one per day for a week: the newest of each day', () => {
    const items = [
      { name: 'd1-early', createdAt: at('2026-03-09', '08:00:00') },
      { name: 'd1-late', createdAt: at('2026-03-09', '20:00:00') },
      { name: 'd5', createdAt: at('2026-03-05') },
    ];
    expect(rotate(items, rules, at('2026-03-10')).remove).toEqual(['d1-early']);
  });

  it('keeps one per week after the first week, up to the limit, and drops what is older', () => {
    const items = [
      { name: 'w1a', createdAt: at('2026-03-01') },
      { name: 'w1b', createdAt: at('2026-02-28') },
      { name: 'w2', createdAt: at('2026-02-20') },
      { name: 'old', createdAt: at('2025-12-01') },
      { name: 'today', createdAt: at('2026-03-10') },
    ];
    const { remove } = rotate(items, rules, at('2026-03-10'));
    expect(remove.sort()).toEqual(['old', 'w1b']);
  });

  it('never removes a protected backup or the newest one', () => {
    const items = [
      { name: 'undo', createdAt: at('2025-01-01') },
      { name: 'only', createdAt: at('2025-02-01') },
    ];
    const { keep } = rotate(items, { keepToday: 1, keepDays: 1, keepWeeks: 0 }, at('2026-03-10'), new Set(['undo']));
    expect(keep.sort()).toEqual(['only', 'undo']);
  });
});
