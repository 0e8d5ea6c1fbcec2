import { useCallback, useState } from 'react';
import type { PrintResult } from '../../../../shared/ipc/commands/printer';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import { printReceipt } from './print-workflow';
import type { PrintOutcomeView, PrintRequest } from './print-workflow';

/** Prints through the journal (printReceipt) with the app's database and the host's printer. */
export const usePrintJob = (): { print: (request: PrintRequest) => Promise<PrintOutcomeView>; busy: boolean; last: PrintOutcomeView | null } => {
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PrintOutcomeView | null>(null);
  const print = useCallback(async (request: PrintRequest) => {
    setBusy(true);
    try {
      const outcome = await printReceipt({ db: getDb(), print: (req) => api.invoke('printer:print', req) }, request);
      setLast(outcome);
      return outcome;
    } finally {
      setBusy(false);
    }
  }, []);
  return { print, busy, last };
};

/** Test print or width check (not journaled: no sale, nothing to reprint). */
export const useTestPrint = (): { run: (kind: 'test' | 'width-check') => void; busy: boolean; result: PrintResult | null; error: string | null } => {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PrintResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (kind: 'test' | 'width-check'): void => {
    setBusy(true);
    setError(null);
    void api.invoke('printer:test-print', { kind }).then((envelope) => {
      setBusy(false);
      if (envelope.ok) setResult(envelope.value);
      else setError(envelope.error.reason ?? envelope.error.code);
    });
  };
  return { run, busy, result, error };
};
