import { CommandError } from '../../shared/ipc/envelope';
import type { CoreContext } from '../services/core-context';
import { writeKeyBackup } from './key-backup';

/**
 * Main's audit commands: its journal for the renderer to take in, checkpoint signing, the
 * device key, the encrypted key backup, and signature exemptions (which use a manager's grant).
 */
export const registerAuditHandlers = (ctx: CoreContext): void => {
  const { journal, checkpoints, deviceKey, auth } = ctx;
  journal.onAppend((entry) => ctx.events.emit('audit:journal-appended', { seq: entry.seq }));

  ctx.router.handle('audit:journal', ({ after, limit }) => ({ entries: journal.since(after, limit), head: journal.head() }));
  ctx.router.handle('audit:checkpoint', (req, sender) => checkpoints.sign(req, auth.actorOf(sender.id)));
  ctx.router.handle('audit:checkpoint-status', () => ({ last: checkpoints.last(), device: deviceKey.identity() }));
  ctx.router.handle('device:identity', () => deviceKey.identity());

  ctx.router.handle('keys:export-backup', async ({ passphrase }, sender) => {
    const actor = auth.actorOf(sender.id);
    try {
      const result = await writeKeyBackup({ secrets: ctx.platform.secrets, dataDir: ctx.platform.dataDir, deviceId: deviceKey.deviceId, passphrase });
      journal.append({ actor, action: 'keys.backup', objectType: 'keys', objectId: result.file, result: 'ok', detail: { names: result.names } });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      journal.append({ actor, action: 'keys.backup', objectType: 'keys', objectId: '', result: 'fail', detail: { error: message } });
      throw new CommandError('STORAGE', `key backup failed: ${message}`, 'key-backup');
    }
  });

  ctx.router.handle('sale:exempt-signature', ({ grantId, saleId, reason }, sender) => {
    const grant = ctx.approvals.consume(grantId, { purpose: 'exemption', saleId, senderId: sender.id, usedBy: saleId });
    const manager = ctx.operators.get(grant.managerId);
    if (!manager) throw new CommandError('NOT_FOUND', 'the approving manager no longer exists', 'not-found');
    const entry = journal.append({ actor: auth.actorOf(sender.id), action: 'signature.exempt', objectType: 'sale', objectId: saleId, result: 'ok', detail: { approvedBy: manager.id, reason } });
    return { approvedBy: { id: manager.id, name: manager.name, role: manager.role, disabled: manager.disabled, createdAt: manager.createdAt }, at: entry.at };
  });
};
