import { useSyncExternalStore } from 'react';

/** A service's snapshot (subscribe/getSnapshot), re-rendering when it changes. */
export const useSnapshot = <S,>(service: { subscribe: (listener: () => void) => () => void; getSnapshot: () => S }): S => useSyncExternalStore(service.subscribe, service.getSnapshot);
