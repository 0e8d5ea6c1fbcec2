import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Settings } from '../../../shared/domain/settings';
import { createSettlementServices } from './settlement-services';
import type { SettlementServices } from './settlement-services';

const Context = createContext<SettlementServices | null>(null);

/** Builds the settlement services once per signed-in operator (keyed by the shell) and keeps their settings current. */
export const SettlementServicesProvider = ({ operatorId, settings, children }: { operatorId: string; settings: Settings; children: ReactNode }) => {
  const [services] = useState(() => createSettlementServices(operatorId, settings));
  useEffect(() => services.applySettings(settings), [services, settings]);
  return <Context.Provider value={services}>{children}</Context.Provider>;
};

export const useSettlementServices = (): SettlementServices => {
  const value = useContext(Context);
  if (!value) throw new Error('useSettlementServices outside SettlementServicesProvider');
  return value;
};
