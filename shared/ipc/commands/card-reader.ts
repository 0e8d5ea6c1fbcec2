import type { CommandSpec } from '../spec';
import type { z } from 'zod';

// Commands and events of this domain are added here (owned by the card-reader work).
export const cardReaderCommands = {} satisfies Record<string, CommandSpec>;
export const cardReaderEvents = {} satisfies Record<string, z.ZodType>;
