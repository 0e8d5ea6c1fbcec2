import { BrowserWindow, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, commandChannel, commands } from '../../shared/ipc/contract';
import type { CommandName } from '../../shared/ipc/contract';
import type { Core } from '../services/core';
import type { Sender } from '../ipc/router';
import { APP_ORIGIN } from './app-protocol';
import type { CounterActivity } from './counter-activity';

const idOf = (contentsId: number): string => `window#${contentsId}`;

/**
 * Only our own top-level page, served from app://countersign, may call commands. Each window's
 * webContents is one sender (one session); the customer's window (`?window=customer`) is marked
 * so main never gives it a session or card events.
 */
const senderOf = (event: IpcMainInvokeEvent): Sender => {
  const frame = event.senderFrame;
  const url = frame?.url ?? '';
  const trusted = frame !== null && frame.parent === null && url.startsWith(`${APP_ORIGIN}/`);
  const customer = trusted && new URL(url).searchParams.get('window') === 'customer';
  return { trusted, label: idOf(event.sender.id) + (customer ? ' (customer)' : ''), id: idOf(event.sender.id), customer };
};

/**
 * Wires every contract command to the core's router, and the core's events to the windows they are for.
 * `activity` counts the sale steps in flight (the updater asks it before checking or installing).
 */
export const bridgeIpc = (core: Core, activity: CounterActivity): void => {
  const watched = new Set<number>();
  for (const name of Object.keys(commands) as CommandName[]) {
    ipcMain.handle(commandChannel(name), (event, payload: unknown) => {
      const sender = senderOf(event);
      if (!watched.has(event.sender.id)) {
        watched.add(event.sender.id);
        // A closed, crashed or reloaded window ends its session: the page asks for the PIN again.
        const contents = event.sender;
        contents.once('destroyed', () => {
          watched.delete(contents.id);
          core.disconnected(sender);
        });
        contents.on('render-process-gone', () => core.disconnected(sender));
        contents.on('did-start-navigation', (details) => {
          if (details.isMainFrame && !details.isSameDocument) core.disconnected(sender);
        });
      }
      return activity.track(name, () => core.router.dispatch(name, payload, sender));
    });
  }
  core.events.subscribe((name, payload, audience) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed()) continue;
      if (audience && !audience.has(idOf(win.webContents.id))) continue;
      win.webContents.send(EVENT_CHANNEL, { name, payload });
    }
  });
};
