import { useCallback, useState } from 'react';
import { api } from '../../api/client';

/** Prints the device key slip on the configured printer: 'ok', or the printer's failure reason. */
export const usePrintDeviceKey = () => {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const run = useCallback(async () => {
    setBusy(true);
    const e = await api.invoke('printer:print-device-key', {});
    setResult(!e.ok ? (e.error.reason ?? e.error.code) : e.value.state === 'confirmed' ? 'ok' : (e.value.failure ?? 'failed'));
    setBusy(false);
  }, []);
  return { busy, result, run };
};
