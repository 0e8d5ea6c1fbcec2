import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

/** The SVG preview of receipt markup, drawn by main with the same receiptline as the printer. */
export const useReceiptPreview = (markup: string | null): { svg: string | null; error: string | null } => {
  const { logger } = useRoot();
  const [state, setState] = useState<{ svg: string | null; error: string | null }>({ svg: null, error: null });
  useEffect(() => {
    if (!markup) return;
    let live = true;
    fireAndLog(logger, 'printer.preview-failed', api.invoke('printer:preview', { markup }).then((envelope) => {
      if (!live) return;
      setState(envelope.ok ? { svg: envelope.value.svg, error: null } : { svg: null, error: envelope.error.reason ?? envelope.error.code });
    }));
    return () => {
      live = false;
    };
  }, [markup, logger]);
  return markup ? state : { svg: null, error: null };
};
