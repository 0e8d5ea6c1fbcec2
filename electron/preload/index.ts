import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, commandChannel, isCommandName, isEventName } from '../../shared/ipc/contract';
import type { CountersignApi, EventName } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/envelope';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: { name?: unknown; payload?: unknown }) => {
  if (!isEventName(message.name)) return;
  for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
});

/** The only object the page sees: the contract's API, never ipcRenderer itself. */
const api = {
  invoke: (command, request) =>
    isCommandName(command)
      ? (ipcRenderer.invoke(commandChannel(command), request) as Promise<never>)
      : Promise.resolve(fail('UNKNOWN_COMMAND', 'unknown command')),
  on: (event, listener) => {
    if (!isEventName(event)) return () => undefined;
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  },
} satisfies CountersignApi;

contextBridge.exposeInMainWorld('countersign', api);
