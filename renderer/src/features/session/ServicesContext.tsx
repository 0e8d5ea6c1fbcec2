import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Services } from '../../services/composition';

/** The signed-in console's services (services/composition.ts), provided by the app shell. */
export const ServicesContext = createContext<Services | null>(null);

export const useServices = (): Services => {
  const value = useContext(ServicesContext);
  if (!value) throw new Error('useServices outside the signed-in shell');
  return value;
};

/** A service's snapshot, re-rendered when it changes (a plain class with subscribe/getSnapshot). */
export const useServiceSnapshot = <T,>(service: { subscribe: (listener: () => void) => () => void; getSnapshot: () => T }): T => useSyncExternalStore(service.subscribe, service.getSnapshot);
