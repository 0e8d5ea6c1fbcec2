import type { AcquirerLink, HostAnswer } from './link-types';
import type { ClearCard } from '../card/clear-card';

const down: HostAnswer = { outcome: 'failed', responseCode: null, authCode: null, rrn: null, failure: 'no-connection', resign: false };

/**
 * The link when live mode asks for a host this build cannot reach (no ISO 8583 link
 * configured): every request fails before anything is sent, so sales go offline or are refused.
 */
export class UnconfiguredLink implements AcquirerLink<ClearCard> {
  readonly kind = 'iso8583' as const;
  signOn = (): Promise<HostAnswer> => Promise.resolve(down);
  authorize = (): Promise<HostAnswer> => Promise.resolve(down);
  reverse = (): Promise<HostAnswer> => Promise.resolve(down);
  inquire = (): Promise<HostAnswer & { found: boolean }> => Promise.resolve({ ...down, found: false });
  echo = (): Promise<boolean> => Promise.resolve(false);
  close = (): Promise<void> => Promise.resolve();
}
