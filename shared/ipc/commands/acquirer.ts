import type { CommandSpec } from '../spec';
import type { z } from 'zod';

// Commands and events of this domain are added here (owned by the acquirer work).
export const acquirerCommands = {} satisfies Record<string, CommandSpec>;
export const acquirerEvents = {} satisfies Record<string, z.ZodType>;
