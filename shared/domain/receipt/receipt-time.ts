import { formatZonedDateTime } from '../time-zone';

/** `2026/11/01 14:03:22` in the shop's zone (the same formatter the screens use). */
export const formatReceiptTime = (ms: number, timeZone: string): string => formatZonedDateTime(ms, timeZone);
