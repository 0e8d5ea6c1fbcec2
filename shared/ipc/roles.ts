import type { CommandName } from './contract';

/**
 * Who may send each command (RULES 6, 13b), checked by main's router for every command before
 * its handler runs, whatever sends it (a window, the browser host's WebSocket, DevTools). The
 * renderer's own role checks only decide what to show.
 *
 * - `public`: any trusted sender, with or without a session: what the login screen and the
 *   customer's window need (the operator list, signing in, the language, settings to read).
 *   The `auth:*` handlers check the sender's session themselves.
 * - `session`: a signed-in session, active or locked (not awaiting a PIN change): the settlement
 *   jobs that finish money already taken (inquire, reverse an unanswered sale, forward an
 *   offline sale, the link's status) go on while the console is locked, as they must (RULES 12),
 *   and so does taking main's journal into the audit log (the lock's own entry is journaled as
 *   the session locks).
 * - `operator`: an active session (signed in, not locked, PIN not awaiting change).
 * - `manager`: an active session of an operator whose role is manager, now.
 *
 * Voids, refunds and signature exemptions are operator commands that also need a manager's
 * one-time grant (`auth:approve`), checked where they are applied; so does closing the batch
 * (`acquirer:settle`), a manager's command.
 */
export type Access = 'public' | 'session' | 'operator' | 'manager';

export const COMMAND_ACCESS = {
  'app:info': 'operator',
  // The renderer's logger writes to main's log from the login screen too.
  'app:log': 'public',
  'app:open-customer-window': 'operator',
  'settings:get': 'public',
  'settings:set': 'manager',
  'settings:set-language': 'public',
  'devices:list': 'operator',
  'card-reader:keyboard-swipe': 'operator',
  'card-reader:test-swipe': 'operator',
  'card-reader:test-cards': 'operator',
  'printer:print': 'operator',
  'printer:preview': 'operator',
  'printer:status': 'operator',
  'printer:test-print': 'operator',
  'printer:print-device-key': 'operator',
  'printer:virtual-state': 'operator',
  'printer:virtual-receipts': 'operator',
  'acquirer:prepare': 'session',
  'acquirer:authorize': 'operator',
  'acquirer:reverse': 'session',
  'acquirer:inquire': 'session',
  'acquirer:seal': 'operator',
  'acquirer:forward': 'session',
  'acquirer:sign-on': 'operator',
  'acquirer:status': 'session',
  'acquirer:echo': 'operator',
  'acquirer:simulator': 'operator',
  // Closing the batch is a manager's (with a named manager's one-time grant, used up by the handler).
  'acquirer:settle': 'manager',
  'acquirer:simulator-settlement': 'operator',
  'acquirer:master-key': 'operator',
  'acquirer:load-master-key': 'manager',
  'acquirer:clear-master-key': 'manager',
  'auth:operators': 'public',
  'auth:first-run': 'public',
  'auth:import-operators': 'public',
  'auth:sign-in': 'public',
  'auth:session': 'public',
  'auth:touch': 'public',
  'auth:lock': 'public',
  'auth:sign-out': 'public',
  'auth:change-pin': 'public',
  'auth:approve': 'operator',
  'auth:add-operator': 'manager',
  'auth:set-disabled': 'manager',
  'auth:reset-pin': 'manager',
  // Taking main's journal into the audit log only records what happened: it goes on at the lock itself.
  'audit:journal': 'session',
  'audit:checkpoint': 'operator',
  'audit:checkpoint-status': 'operator',
  'device:identity': 'public',
  // RULES 6: exports need the manager role.
  'evidence:begin': 'manager',
  'evidence:attachment-part': 'manager',
  'evidence:sales': 'manager',
  'evidence:finish': 'manager',
  'evidence:cancel': 'manager',
  'keys:export-backup': 'manager',
  'sale:exempt-signature': 'operator',
  // Backups (issue 17): a manager backs up by hand, restores and sets the rotation; the automatic
  // ones run for whoever is signed in and active (the device's backup key, never PIN material), and each
  // part or end of a backup belongs to the sender that began it (checked by the handler).
  'backup:start': 'manager',
  'backup:start-auto': 'operator',
  'backup:part': 'operator',
  'backup:finish': 'operator',
  'backup:abort': 'operator',
  'backup:status': 'manager',
  'backup:configure': 'manager',
  'backup:restore-open': 'manager',
  'backup:restore-read': 'manager',
  'backup:restore-commit': 'manager',
  'backup:restore-cancel': 'manager',
  'backup:schedule': 'operator',
  // Also the automatic run after a verified backup, in any signed-in session: main checks the backup.
  'backup:retention-hold': 'operator',
  'backup:retention-done': 'operator',
} as const satisfies Record<CommandName, Access>;

export const accessOf = (command: CommandName): Access => COMMAND_ACCESS[command];

/** Commands only a manager's session may send (the refusal tests are generated from this). */
export const managerCommands = (): CommandName[] => (Object.keys(COMMAND_ACCESS) as CommandName[]).filter((c) => COMMAND_ACCESS[c] === 'manager');

/** Why the router refused a command (the FORBIDDEN_ROLE reason, translated by the renderer). */
export const ROLE_REFUSALS = ['not-signed-in', 'locked', 'pin-change-required', 'manager-needed', 'customer-window', 'approval-needed'] as const;
export type RoleRefusal = (typeof ROLE_REFUSALS)[number];
