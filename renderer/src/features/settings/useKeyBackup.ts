import { useCallback, useState } from 'react';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { api } from '../../api/client';

export type KeyBackupOutcome = { ok: true; file: string; count: number } | { ok: false; error: EnvelopeError } | null;

/** A manager exports the device keys to an age-encrypted file (main writes and journals it). */
export const useKeyBackup = () => {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<KeyBackupOutcome>(null);
  const run = useCallback(async (passphrase: string) => {
    setBusy(true);
    const e = await api.invoke('keys:export-backup', { passphrase });
    setOutcome(e.ok ? { ok: true, file: e.value.file, count: e.value.names.length } : { ok: false, error: e.error });
    setBusy(false);
  }, []);
  return { busy, outcome, run };
};
