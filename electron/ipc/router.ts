import type { z } from 'zod';
import { commands, isCommandName } from '../../shared/ipc/contract';
import type { CommandName, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import { CommandError, fail, ok } from '../../shared/ipc/envelope';
import type { Envelope } from '../../shared/ipc/envelope';
import type { RoleRefusal } from '../../shared/ipc/roles';
import type { Logger } from '../services/logger';

/** Who sent a command, as established by the host's transport (frame origin or launch token). */
export interface Sender {
  trusted: boolean;
  /** For logs: which window or connection. */
  label: string;
  /** Stable for the life of one window (webContents) or WebSocket connection: the session key. */
  id: string;
  /** The customer-facing window: it never holds a session and never gets card events. */
  customer?: boolean;
}

/** A refusal of a command for the sender's session or role (FORBIDDEN_ROLE). */
export interface AccessRefusal {
  reason: RoleRefusal;
  message: string;
}

/**
 * Decides, before validation and before the handler, whether this sender may send this command
 * (shared/ipc/roles.ts), and records a refusal. Built by the auth module; the router cannot run
 * without one, so there is no path that skips the check.
 */
export interface AccessGuard {
  check(command: CommandName, sender: Sender): AccessRefusal | null;
  refused(command: CommandName, sender: Sender, refusal: AccessRefusal): void;
}

export type Handler<K extends CommandName> = (request: ParsedRequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> | ResponseOf<K>;

const issuePath = (error: z.ZodError): string => {
  const first = error.issues[0];
  return first && first.path.length > 0 ? first.path.map(String).join('.') : '(payload)';
};

/**
 * The one registration point for command handlers on both hosts. `dispatch` refuses
 * untrusted senders and unknown commands, asks the access guard whether this sender's
 * session may send the command (role table, shared/ipc/roles.ts), validates the payload
 * against the contract before the handler runs, validates the answer on the way out (which
 * also strips any field the contract does not name), and wraps everything in the envelope.
 */
export class Router {
  private readonly handlers = new Map<CommandName, Handler<CommandName>>();

  constructor(
    private readonly logger: Logger,
    private readonly guard: AccessGuard,
  ) {}

  handle<K extends CommandName>(name: K, handler: Handler<K>): void {
    if (this.handlers.has(name)) throw new Error(`handler for ${name} registered twice`);
    this.handlers.set(name, handler);
  }

  registered(): CommandName[] {
    return [...this.handlers.keys()];
  }

  async dispatch(name: unknown, payload: unknown, sender: Sender): Promise<Envelope<unknown>> {
    if (!sender.trusted) {
      this.logger.warn('ipc.refused-sender', { sender: sender.label });
      return fail('FORBIDDEN_SENDER', 'sender is not the console');
    }
    if (!isCommandName(name)) return fail('UNKNOWN_COMMAND', `unknown command: ${String(name).slice(0, 64)}`);
    const handler = this.handlers.get(name);
    if (!handler) return fail('UNKNOWN_COMMAND', `no handler for ${name}`);
    const refusal = this.guard.check(name, sender);
    if (refusal) {
      this.logger.warn('ipc.refused-role', { command: name, sender: sender.label, reason: refusal.reason });
      try {
        this.guard.refused(name, sender, refusal);
      } catch (error) {
        // The refusal stands even if it could not be recorded; say so in the log.
        this.logger.error('ipc.refusal-not-recorded', { command: name, error: error instanceof Error ? error.message : String(error) });
      }
      return fail('FORBIDDEN_ROLE', refusal.message, { reason: refusal.reason });
    }
    const spec = commands[name];
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const field = issuePath(parsed.error);
      return fail('VALIDATION', `invalid ${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { field });
    }
    try {
      const result: unknown = await handler(parsed.data, sender);
      const checked = spec.response.safeParse(result);
      if (!checked.success) {
        this.logger.error('ipc.bad-response', { command: name, field: issuePath(checked.error) });
        return fail('INTERNAL', `handler for ${name} returned an invalid response`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof CommandError) {
        return fail(error.code, error.message, error.reason ? { reason: error.reason } : {});
      }
      this.logger.error('ipc.handler-failed', { command: name, error: error instanceof Error ? error.message : String(error) });
      return fail('INTERNAL', `${name} failed`);
    }
  }
}
