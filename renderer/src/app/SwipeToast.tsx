import { useState } from 'react';
import { Box, Snackbar } from '@mui/material';
import { CardResult } from '../features/card-reader/CardResult';
import { useCardEvents } from '../features/card-reader/useCardReaders';
import type { ViewerRole } from '../../../shared/domain/card/mask';

/**
 * A swipe outside the counter screen still gets an answer on screen: the masked card or
 * what to do about a bad swipe, so a cashier never wonders whether the reader worked.
 */
export const SwipeToast = ({ role, suppressed }: { role: ViewerRole; suppressed: boolean }) => {
  const { last } = useCardEvents();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(last);
  if (last !== shown) {
    setShown(last);
    setOpen(last !== null && !suppressed);
  }
  return (
    <Snackbar open={open && !suppressed && shown !== null} autoHideDuration={8000} onClose={() => setOpen(false)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}>
      <Box data-testid="swipe-toast" sx={{ minWidth: 360, boxShadow: 6, borderRadius: 1, bgcolor: 'background.paper' }}>
        {shown ? <CardResult event={shown} role={role} /> : null}
      </Box>
    </Snackbar>
  );
};
