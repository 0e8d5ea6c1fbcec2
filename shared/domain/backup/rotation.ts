/**
 * The rotation shops know from accounting software (issue 17): every backup of today up to
 * `keepToday` (newest first), then the newest of each earlier day for `keepDays` days, then the
 * newest of each week for `keepWeeks` weeks; everything else may be deleted. Backups named in
 * `protect` (the undo of the last restore, the backup retention relied on) are always kept.
 * `dayOf` gives a backup's day in the shop's zone as YYYY-MM-DD.
 */
export interface RotationItem {
  name: string;
  createdAt: string;
}

export interface RotationRules {
  keepToday: number;
  keepDays: number;
  keepWeeks: number;
}

const DAY_MS = 86_400_000;

export const utcDay = (iso: string): string => iso.slice(0, 10);

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

export const rotate = (items: readonly RotationItem[], rules: RotationRules, now: string, protect: ReadonlySet<string> = new Set(), dayOf: (iso: string) => string = utcDay): { keep: string[]; remove: string[] } => {
  const today = dayNumber(dayOf(now));
  const newestFirst = [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const keep = new Set<string>();
  let todayKept = 0;
  const daysSeen = new Set<number>();
  const weeksSeen = new Set<number>();
  for (const item of newestFirst) {
    const day = dayNumber(dayOf(item.createdAt));
    const age = today - day;
    if (age <= 0) {
      if (todayKept < rules.keepToday) {
        keep.add(item.name);
        todayKept++;
      }
      continue;
    }
    if (age <= rules.keepDays) {
      if (!daysSeen.has(day)) {
        daysSeen.add(day);
        keep.add(item.name);
      }
      continue;
    }
    // Weeks counted back from today, so "one per week" does not depend on the weekday.
    const week = Math.floor((age - rules.keepDays - 1) / 7);
    if (week < rules.keepWeeks && !weeksSeen.has(week)) {
      weeksSeen.add(week);
      keep.add(item.name);
    }
  }
  for (const name of protect) keep.add(name);
  // The newest backup is never rotated away, whatever the rules say.
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  return { keep: items.filter((i) => keep.has(i.name)).map((i) => i.name), remove: items.filter((i) => !keep.has(i.name)).map((i) => i.name) };
};
