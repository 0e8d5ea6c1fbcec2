import type { CommandSpec } from '../spec';
import type { z } from 'zod';

// Commands and events of this domain are added here (owned by the printer work).
export const printerCommands = {} satisfies Record<string, CommandSpec>;
export const printerEvents = {} satisfies Record<string, z.ZodType>;
