import type { BuildFlavor } from '../build-flavor';
import type { UpdateFeed } from './update-feed';

/**
 * When the desktop app may look for, download and install an update. Pure decisions; the
 * controller (update-controller.ts) asks them at each step.
 *
 * Signature checks are electron-updater's, and this policy only lets it run where they hold:
 * - Windows: after downloading, electron-updater checks the installer's Authenticode signature
 *   is valid and its signer matches `publisherName` in app-update.yml (electron-builder writes
 *   the signing certificate's name there). With no `publisherName` (an unsigned build) it would
 *   skip that check, so an unsigned Windows build does not update at all.
 * - macOS: the update ZIP goes to Squirrel.Mac, which installs it only if it is signed with the
 *   same Developer ID as the running app (its designated requirement).
 * - Every download is also checked against the SHA-512 in latest.yml / latest-mac.yml.
 * Linux builds have no signature check in electron-updater, so they do not update.
 */
export type UpdateOffReason =
  | 'not-packaged'
  | 'training-build'
  | 'unsupported-platform'
  | 'no-feed'
  | 'invalid-feed'
  | 'unsigned-build';

export interface BuildFacts {
  packaged: boolean;
  flavor: BuildFlavor;
  platform: NodeJS.Platform;
  feed: UpdateFeed;
}

/** Whether this build can update itself at all (fixed for the life of the process); null = it can. */
export const buildUpdateGate = (b: BuildFacts): UpdateOffReason | null => {
  if (!b.packaged) return 'not-packaged';
  if (b.flavor === 'training') return 'training-build';
  if (b.platform !== 'win32' && b.platform !== 'darwin') return 'unsupported-platform';
  if (b.feed.kind === 'none') return 'no-feed';
  if (b.feed.kind === 'invalid') return 'invalid-feed';
  if (b.platform === 'win32' && b.feed.publisherNames.length === 0) return 'unsigned-build';
  return null;
};

/** What the counter is doing now, as main knows it. */
export interface CounterState {
  /** The console is in training mode (Settings → General). */
  trainingMode: boolean;
  /** Why the counter is mid-sale (counter-activity.ts), or null when idle. */
  busy: string | null;
}

export type CheckDecision = { action: 'check' } | { action: 'skip'; reason: 'training-mode' } | { action: 'defer'; reason: string };

/**
 * At a scheduled check: nothing in training mode (a training console never changes version
 * under a trainee); wait while a sale is in flight, so a download never competes with an
 * authorisation on a slow line; otherwise check, and download in the background.
 */
export const decideCheck = (s: CounterState): CheckDecision => {
  if (s.trainingMode) return { action: 'skip', reason: 'training-mode' };
  if (s.busy !== null) return { action: 'defer', reason: s.busy };
  return { action: 'check' };
};

/** `reason`: `nothing-downloaded`, `training-mode`, or what the counter is busy with. */
export type InstallDecision = { install: true } | { install: false; reason: string };

/**
 * When the app quits with an update downloaded: install it, unless the console is in training
 * mode or main still has a sale step in flight (the app is being closed mid-sale). Then the same
 * version that started the sale resolves it on the next start, and the update waits for the next
 * quit. Installing never happens while the app runs, so it never interrupts a sale.
 */
export const decideInstallAtQuit = (s: CounterState & { downloaded: boolean }): InstallDecision => {
  if (!s.downloaded) return { install: false, reason: 'nothing-downloaded' };
  if (s.trainingMode) return { install: false, reason: 'training-mode' };
  if (s.busy !== null) return { install: false, reason: s.busy };
  return { install: true };
};
