import { useCallback, useState } from 'react';
import type { PrintResult } from '../../../../shared/ipc/commands/printer';
import { printReceipt } from '../../services/print-receipt';
import type { PrintOutcomeView, PrintRequest } from '../../services/print-receipt';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

/** Prints through the journal (printReceipt) with the app's database and the host's printer. */
export const usePrintJob = (): { print: (request: PrintRequest) => Promise<PrintOutcomeView>; busy: boolean; last: PrintOutcomeView | null } => {
  const { db, api } = useRoot();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PrintOutcomeView | null>(null);
  const print = useCallback(async (request: PrintRequest) => {
    setBusy(true);
    try {
      const outcome = await printReceipt({ db, print: (req) => api.invoke('printer:print', req) }, request);
      setLast(outcome);
      return outcome;
    } finally {
      setBusy(false);
    }
  }, [db, api]);
  return { print, busy, last };
};

/** Test print or width check (not journaled: no sale, nothing to reprint). */
export const useTestPrint = (): { run: (kind: 'test' | 'width-check') => void; busy: boolean; result: PrintResult | null; error: string | null } => {
  const { api, logger } = useRoot();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PrintResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (kind: 'test' | 'width-check'): void => {
    setBusy(true);
    setError(null);
    fireAndLog(
      logger,
      'printer.test-print-failed',
      api.invoke('printer:test-print', { kind }).then((envelope) => {
        setBusy(false);
        if (envelope.ok) setResult(envelope.value);
        else setError(envelope.error.reason ?? envelope.error.code);
      }),
    );
  };
  return { run, busy, result, error };
};
