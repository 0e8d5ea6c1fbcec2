import type { Settings } from './settings';

/**
 * Which card host a record's money went to, as a stable id (RULES 13a): `training` for the
 * simulated host (training mode, or the simulator chosen as the host), else the live ISO 8583
 * host by address and terminal. Every sale and queued advice stores the id it was taken on;
 * main refuses a request whose id differs from the link in use, so a training switch or a new
 * host address can never settle, forward, inquire or reverse a record on the wrong host.
 */
export const TRAINING_LINK = 'training';

export type LinkSettings = Pick<Settings, 'general' | 'acquirer' | 'shop'>;

/** True when the simulated host answers (training mode always uses it). */
export const usesSimulatedHost = (s: LinkSettings): boolean => s.general.trainingMode || s.acquirer.kind === 'simulated';

export const linkIdFor = (s: LinkSettings): string =>
  usesSimulatedHost(s) ? TRAINING_LINK : `iso8583:${s.acquirer.host}:${s.acquirer.port}/${s.shop.terminalId}`;

/** Whether a record taken on `linkId` moved real money (anything but the training host). */
export const isLiveLink = (linkId: string | null): boolean => linkId !== null && linkId !== TRAINING_LINK;

/** The pattern link ids follow (contract schemas check it). */
export const LINK_ID_PATTERN = /^(training|iso8583:[\x21-\x7e]{1,255}:\d{1,5}\/[0-9A-Za-z]{0,8})$/;
