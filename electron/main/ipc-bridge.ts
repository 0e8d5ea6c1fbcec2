import { BrowserWindow, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, commandChannel, commands } from '../../shared/ipc/contract';
import type { CommandName } from '../../shared/ipc/contract';
import type { Core } from '../services/core';
import { APP_ORIGIN } from './app-protocol';
import type { CounterActivity } from './counter-activity';

/** Only our own top-level page, served from app://countersign, may call commands. */
const senderOf = (event: IpcMainInvokeEvent): { trusted: boolean; label: string } => {
  const frame = event.senderFrame;
  const url = frame?.url ?? '';
  const trusted = frame !== null && frame.parent === null && url.startsWith(`${APP_ORIGIN}/`);
  return { trusted, label: `window#${event.sender.id}` };
};

/**
 * Wires every contract command to the core's router, and the core's events to every window.
 * `activity` counts the sale steps in flight (the updater asks it before checking or installing).
 */
export const bridgeIpc = (core: Core, activity: CounterActivity): void => {
  for (const name of Object.keys(commands) as CommandName[]) {
    ipcMain.handle(commandChannel(name), (event, payload: unknown) => activity.track(name, () => core.router.dispatch(name, payload, senderOf(event))));
  }
  core.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { name, payload });
    }
  });
};
