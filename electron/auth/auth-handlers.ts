import type { CoreContext } from '../services/core-context';

/** The `auth:*` commands: the login screen's and the operators screen's, all answered by main. */
export const registerAuthHandlers = (ctx: CoreContext): void => {
  const { auth, operatorAdmin, operators } = ctx;
  ctx.router.handle('auth:operators', () => ({ operators: operators.list() }));
  ctx.router.handle('auth:first-run', ({ name, pin }, sender) => operatorAdmin.firstRun(sender, name, pin));
  ctx.router.handle('auth:import-operators', ({ operators: list }, sender) => operatorAdmin.importLegacy(sender, list));
  ctx.router.handle('auth:sign-in', ({ operatorId, pin }, sender) => auth.signIn(sender, operatorId, pin));
  ctx.router.handle('auth:session', (_req, sender) => auth.state(sender.id));
  ctx.router.handle('auth:touch', (_req, sender) => auth.touch(sender));
  ctx.router.handle('auth:lock', (_req, sender) => auth.lock(sender));
  ctx.router.handle('auth:sign-out', (_req, sender) => auth.signOut(sender));
  ctx.router.handle('auth:change-pin', ({ newPin, currentPin }, sender) => auth.changePin(sender, newPin, currentPin));
  ctx.router.handle('auth:approve', (req, sender) => auth.approve(sender, req));
  ctx.router.handle('auth:add-operator', (req, sender) => operatorAdmin.add(sender, req));
  ctx.router.handle('auth:set-disabled', ({ operatorId, disabled }, sender) => operatorAdmin.setDisabled(sender, operatorId, disabled));
  ctx.router.handle('auth:reset-pin', ({ operatorId, pin }, sender) => operatorAdmin.resetPin(sender, operatorId, pin));
};
