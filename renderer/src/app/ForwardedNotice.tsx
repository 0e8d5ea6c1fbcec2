import { useState } from 'react';
import { Alert, Snackbar } from '@mui/material';
import type { ForwardResult } from '../services/settlement';

/** Tells the cashier when offline sales went to the host, and how many were declined (需跟进). */
export const ForwardedNotice = ({ results, text }: { results: readonly ForwardResult[]; text: (sent: number, declined: number) => string }) => {
  const [seen, setSeen] = useState<readonly ForwardResult[]>(results);
  const sent = results.filter((r) => r.outcome === 'approved' || r.outcome === 'declined').length;
  const declined = results.filter((r) => r.outcome === 'declined').length;
  return (
    <Snackbar open={results !== seen && sent > 0} onClose={() => setSeen(results)} autoHideDuration={15_000} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
      <Alert severity={declined > 0 ? 'warning' : 'success'} onClose={() => setSeen(results)} data-testid="forwarded-notice">
        {text(sent, declined)}
      </Alert>
    </Snackbar>
  );
};
