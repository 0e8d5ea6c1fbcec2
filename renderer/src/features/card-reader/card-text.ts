import { isCardFailureReason } from '../../../../shared/domain/card/reasons';

/** i18n key (namespace `cardReader`) for a failure or error reason from main. */
export const reasonKey = (reason: string | undefined): string | null => {
  if (reason && isCardFailureReason(reason)) return `failure.${reason}`;
  if (reason === 'virtual-reader-off') return 'errors.virtual-reader-off';
  return null;
};

/** `0801:0002` — how vendors print USB ids. */
export const vidPid = (vendorId: number | null, productId: number | null): string =>
  vendorId === null || productId === null ? '—' : `${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`.toUpperCase();

export type HostOs = 'windows' | 'macos' | 'linux';

/** From the host's `process.platform` (app:info) to the guidance section to open first. */
export const hostOs = (platform: string | null | undefined): HostOs | null =>
  platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : platform === 'linux' ? 'linux' : null;
