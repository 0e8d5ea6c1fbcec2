import type { CommandName } from '../../shared/ipc/contract';
import { accessOf } from '../../shared/ipc/roles';
import type { Journal } from '../audit/journal';
import type { AccessGuard, AccessRefusal, Sender } from '../ipc/router';
import type { OperatorStore } from './operator-store';
import type { SessionRegistry } from './session-registry';

/**
 * The router's check of the role table (shared/ipc/roles.ts) against the sender's session, for
 * every command, and the journal entry of every refusal. The role is read from the operator
 * store at each command, so disabling or demoting someone takes effect at once.
 */
export const createAccessGuard = (deps: { sessions: SessionRegistry; store: OperatorStore; journal: Journal }): AccessGuard => ({
  check(command: CommandName, sender: Sender): AccessRefusal | null {
    const access = accessOf(command);
    if (access === 'public') return null;
    if (sender.customer) return { reason: 'customer-window', message: `${command} is not for the customer's window` };
    const session = deps.sessions.get(sender.id);
    if (!session) return { reason: 'not-signed-in', message: `${command} needs a signed-in operator` };
    // A locked session may still finish money already taken (settlement jobs); nothing new.
    if (session.phase === 'locked' && access !== 'session') return { reason: 'locked', message: 'the console is locked: enter the PIN' };
    if (session.phase === 'pin-change') return { reason: 'pin-change-required', message: 'choose a new PIN first' };
    const op = deps.store.get(session.operatorId);
    if (!op || op.disabled) return { reason: 'not-signed-in', message: `${command} needs a signed-in operator` };
    if (access === 'manager' && op.role !== 'manager') return { reason: 'manager-needed', message: `${command} needs a manager` };
    return null;
  },
  refused(command: CommandName, sender: Sender, refusal: AccessRefusal): void {
    const actor = deps.sessions.get(sender.id)?.operatorId ?? '';
    deps.journal.append({ actor, action: 'auth.refused', objectType: 'command', objectId: command, result: 'fail', detail: { reason: refusal.reason, sender: sender.label } });
  },
});
