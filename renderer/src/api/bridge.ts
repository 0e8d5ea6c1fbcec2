import type { CountersignApi } from '../../../shared/ipc/contract';
import { createWsClient } from './ws-client';

declare global {
  interface Window {
    /** Set by the desktop host's preload; absent in the browser host. */
    countersign?: CountersignApi;
  }
}

/** Launch parameters in the page URL (the browser host has already swapped any token for a cookie). */
export const launchParams = (): { window: string | null } => {
  const params = new URLSearchParams(window.location.search);
  return { window: params.get('window') };
};

/**
 * Picks the transport once: the preload's object in the desktop host, else a WebSocket to
 * the browser host that served this page.
 */
export const connectBridge = (): CountersignApi => {
  if (window.countersign) return window.countersign;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  // The customer's screen says so: main then never gives its connection a session or card events.
  const customer = launchParams().window === 'customer' ? '?window=customer' : '';
  // Authenticated by the browser host's HttpOnly session cookie, which the socket sends itself.
  return createWsClient(`${scheme}://${window.location.host}/ws${customer}`, () => {
    // The host no longer knows this browser (another data folder, a new session key): its
    // page for that says how to open the console, which this page cannot.
    window.location.reload();
  });
};
