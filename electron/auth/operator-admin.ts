import { uuidv7 } from '../../shared/domain/ids';
import { PIN_MIN_ITERATIONS, hashPin, pinProblem } from '../../shared/domain/pin';
import type { PublicOperator, RoleName, SessionState } from '../../shared/ipc/commands/auth';
import type { LegacyOperator } from '../../shared/ipc/commands/auth';
import { CommandError } from '../../shared/ipc/envelope';
import type { Sender } from '../ipc/router';
import type { z } from 'zod';
import type { AuthDeps, AuthService } from './auth-service';
import { OperatorStore, normalizeOperatorName, toPublic } from './operator-store';

export const NAME_MAX_LENGTH = 32;

/**
 * Adding, disabling and resetting operators (a manager's commands), first run, and the one-time
 * hand-over of operators kept in IndexedDB before PINs moved to main. Each change is journaled
 * and pushes the new list (`auth:operators-changed`) for the renderer's mirror.
 */
export class OperatorAdmin {
  constructor(
    private readonly d: AuthDeps,
    private readonly auth: AuthService,
  ) {}

  private changed(): void {
    this.d.events.emit('auth:operators-changed', { operators: this.d.store.list() });
  }

  private checkName(name: string, exceptId?: string): string {
    const normal = normalizeOperatorName(name);
    if (!normal || normal.length > NAME_MAX_LENGTH) throw new CommandError('VALIDATION', 'a name of 1-32 characters is needed', 'name-required');
    if (this.d.store.nameTaken(normal, exceptId)) throw new CommandError('VALIDATION', 'that name is already used', 'name-taken');
    return normal;
  }

  private checkNewPin(pin: string): void {
    const problem = pinProblem(pin);
    if (problem) throw new CommandError('VALIDATION', `PIN refused: ${problem}`, problem);
  }

  firstRun(sender: Sender, name: string, pin: string): Promise<SessionState> {
    return this.auth.serial(async () => {
      if (sender.customer) throw new CommandError('FORBIDDEN_ROLE', 'not from the customer window', 'customer-window');
      if (!this.d.store.isEmpty) throw new CommandError('CONFLICT', 'the console is already set up', 'already-set-up');
      const normal = this.checkName(name);
      this.checkNewPin(pin);
      const now = this.d.now();
      const record = OperatorStore.record({ id: uuidv7(now), name: normal, role: 'manager', pin: await hashPin(pin), mustChangePin: false, now });
      // Checked again after the slow hash: two first runs racing must not both create a manager.
      if (!this.d.store.isEmpty) throw new CommandError('CONFLICT', 'the console is already set up', 'already-set-up');
      this.d.store.add([record]);
      this.d.journal.append({ actor: record.id, action: 'operator.create', objectType: 'operator', objectId: record.id, result: 'ok', detail: { role: 'manager', firstRun: true } });
      this.d.sessions.start(sender.id, record.id, 'active');
      this.d.journal.append({ actor: record.id, action: 'login', objectType: 'operator', objectId: record.id, result: 'ok', detail: { firstRun: true, sender: sender.label } });
      this.changed();
      return this.auth.state(sender.id);
    });
  }

  importLegacy(sender: Sender, operators: Array<z.infer<typeof LegacyOperator>>): Promise<{ imported: number }> {
    return this.auth.serial(() => {
      if (!this.d.store.isEmpty) throw new CommandError('CONFLICT', 'main already holds the operators', 'already-set-up');
      const now = this.d.now();
      const seen = new Set<string>();
      const records = operators.map((op) => {
        const name = normalizeOperatorName(op.name);
        if (!name || seen.has(name.toLocaleLowerCase()) || op.pinIterations < PIN_MIN_ITERATIONS) throw new CommandError('VALIDATION', `operator ${op.id} cannot be taken over`, 'name-taken');
        seen.add(name.toLocaleLowerCase());
        // A 4- or 5-digit PIN is caught at its next sign-in (needsNewPin) and must be changed then.
        return OperatorStore.record({ id: op.id, name, role: op.role, pin: op, mustChangePin: false, now, disabled: op.disabled, createdAt: op.createdAt });
      });
      if (!records.some((r) => r.role === 'manager' && !r.disabled)) throw new CommandError('VALIDATION', 'no active manager among them', 'last-manager');
      this.d.store.add(records);
      this.d.journal.append({ actor: '', action: 'operator.import', objectType: 'operator', objectId: String(records.length), result: 'ok', detail: { ids: records.map((r) => r.id), sender: sender.label } });
      this.changed();
      return Promise.resolve({ imported: records.length });
    });
  }

  add(sender: Sender, input: { name: string; pin: string; role: RoleName }): Promise<PublicOperator> {
    return this.auth.serial(async () => {
      const name = this.checkName(input.name);
      this.checkNewPin(input.pin);
      const now = this.d.now();
      const record = OperatorStore.record({ id: uuidv7(now), name, role: input.role, pin: await hashPin(input.pin), mustChangePin: false, now });
      this.checkName(name);
      this.d.store.add([record]);
      this.d.journal.append({ actor: this.auth.actorOf(sender.id), action: 'operator.create', objectType: 'operator', objectId: record.id, result: 'ok', detail: { role: record.role, name } });
      this.changed();
      return toPublic(record);
    });
  }

  setDisabled(sender: Sender, operatorId: string, disabled: boolean): Promise<PublicOperator> {
    return this.auth.serial(() => {
      const actor = this.auth.actorOf(sender.id);
      const op = this.d.store.get(operatorId);
      if (!op) throw new CommandError('NOT_FOUND', 'no such operator', 'not-found');
      if (operatorId === actor) throw new CommandError('CONFLICT', 'you cannot disable yourself', 'self');
      if (disabled && op.role === 'manager' && !op.disabled && this.d.store.activeManagers().length <= 1) throw new CommandError('CONFLICT', 'the last active manager cannot be disabled', 'last-manager');
      const next = this.d.store.update(operatorId, { disabled }, this.d.now());
      this.d.journal.append({ actor, action: disabled ? 'operator.disable' : 'operator.enable', objectType: 'operator', objectId: operatorId, result: 'ok' });
      if (disabled) {
        // A disabled operator's open sessions end now, wherever they are.
        for (const senderId of this.d.sessions.sendersOf(operatorId)) {
          this.d.sessions.end(senderId);
          this.auth.notify(senderId);
        }
      }
      this.changed();
      return Promise.resolve(toPublic(next));
    });
  }

  resetPin(sender: Sender, operatorId: string, pin: string): Promise<PublicOperator> {
    return this.auth.serial(async () => {
      const op = this.d.store.get(operatorId);
      if (!op) throw new CommandError('NOT_FOUND', 'no such operator', 'not-found');
      this.checkNewPin(pin);
      const next = this.d.store.update(operatorId, { ...(await hashPin(pin)), mustChangePin: true }, this.d.now());
      this.d.throttle.clearOperator(operatorId);
      this.d.journal.append({ actor: this.auth.actorOf(sender.id), action: 'operator.pin-reset', objectType: 'operator', objectId: operatorId, result: 'ok' });
      return toPublic(next);
    });
  }
}
