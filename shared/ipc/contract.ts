import type { z } from 'zod';
import type { Envelope } from './envelope';
import { appCommands } from './commands/app';
import { settingsCommands, settingsEvents } from './commands/settings';
import { devicesCommands, devicesEvents } from './commands/devices';
import { cardReaderCommands, cardReaderEvents } from './commands/card-reader';
import { printerCommands, printerEvents } from './commands/printer';
import { acquirerCommands, acquirerEvents } from './commands/acquirer';
import { authCommands, authEvents } from './commands/auth';
import { auditCommands, auditEvents } from './commands/audit';
import { settlementCommands } from './commands/settlement';
import { backupCommands } from './commands/backup';
import { evidenceCommands } from './commands/evidence';

/**
 * The one contract between the renderer and main, on both hosts.
 * Commands are `domain:verb`, events are `domain:past-tense`. Each domain keeps its
 * schemas in `commands/<domain>.ts`; this file only assembles them.
 */
export const commands = {
  ...appCommands,
  ...settingsCommands,
  ...devicesCommands,
  ...cardReaderCommands,
  ...printerCommands,
  ...acquirerCommands,
  ...authCommands,
  ...auditCommands,
  ...settlementCommands,
  ...backupCommands,
  ...evidenceCommands,
};

export const events = {
  ...settingsEvents,
  ...devicesEvents,
  ...cardReaderEvents,
  ...printerEvents,
  ...acquirerEvents,
  ...authEvents,
  ...auditEvents,
};

/**
 * Events that name one window or connection (a swipe, a session): main sends them only to the
 * senders it chooses, never to every window, and the customer's window never gets them.
 */
export const TARGETED_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['card-reader:swiped', 'card-reader:failed', 'auth:session-changed']);

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type RequestOf<K extends CommandName> = z.input<Commands[K]['request']>;
export type ParsedRequestOf<K extends CommandName> = z.output<Commands[K]['request']>;
export type ResponseOf<K extends CommandName> = z.output<Commands[K]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What the renderer gets from either host: the preload bridge and the WebSocket client both satisfy it. */
export interface CountersignApi {
  invoke<K extends CommandName>(command: K, request: RequestOf<K>): Promise<Envelope<ResponseOf<K>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);

/** Electron IPC channel names derive from the contract; no channel string is written elsewhere. */
export const commandChannel = (name: CommandName): string => `countersign:cmd:${name}`;
export const EVENT_CHANNEL = 'countersign:event';

/** Largest message either transport accepts (a signature PNG plus strokes fits comfortably). */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
