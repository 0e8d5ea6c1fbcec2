import type { CounterSnapshot } from '../../services/counter-session';
import { useServices, useServiceSnapshot } from '../session/ServicesContext';

/** The counter session's step (services/counter-session.ts); the component calls the session's methods. */
export const useCounter = (): CounterSnapshot & { session: ReturnType<typeof useServices>['counter'] } => {
  const { counter } = useServices();
  return { ...useServiceSnapshot(counter), session: counter };
};
