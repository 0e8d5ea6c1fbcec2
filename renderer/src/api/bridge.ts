import type { CountersignApi } from '../../../shared/ipc/contract';
import { createWsClient } from './ws-client';

declare global {
  interface Window {
    /** Set by the desktop host's preload; absent in the browser host. */
    countersign?: CountersignApi;
  }
}

/** Launch parameters the browser host puts in the page URL. */
export const launchParams = (): { token: string | null; window: string | null } => {
  const params = new URLSearchParams(window.location.search);
  return { token: params.get('token'), window: params.get('window') };
};

/**
 * Picks the transport once: the preload's object in the desktop host, else a WebSocket to
 * the browser host that served this page.
 */
export const connectBridge = (): CountersignApi => {
  if (window.countersign) return window.countersign;
  const { token, window: which } = launchParams();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  // The customer's screen says so: main then never gives its connection a session or card events.
  const customer = which === 'customer' ? '&window=customer' : '';
  const url = `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token ?? '')}${customer}`;
  return createWsClient(url);
};
