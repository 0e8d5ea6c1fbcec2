import { createContext, useContext, useEffect, useRef } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * Unsaved edits on a screen: the shell asks before leaving it (another section, log out), and
 * the browser asks before the window is closed or reloaded. A screen says whether it has
 * unsaved edits with `useLeaveGuard(dirty)`.
 */
export interface LeaveGuard {
  /** Registers a check; returns its removal. */
  register: (hasUnsaved: () => boolean) => () => void;
}

export const LeaveGuardContext = createContext<LeaveGuard | null>(null);

export const useLeaveGuard = (dirty: boolean): void => {
  const guard = useContext(LeaveGuardContext);
  const latest = useRef(dirty);
  useEffect(() => {
    latest.current = dirty;
  }, [dirty]);
  useEffect(() => guard?.register(() => latest.current), [guard]);
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);
};

/** The checks registered by the screens on show; `unsaved()` is true while any has edits. */
export const createLeaveGuard = (): LeaveGuard & { unsaved: () => boolean } => {
  const checks = new Set<() => boolean>();
  return {
    register: (check) => {
      checks.add(check);
      return () => checks.delete(check);
    },
    unsaved: () => [...checks].some((check) => check()),
  };
};

/** "Discard unsaved changes?": staying is the default (focused) choice. */
export const LeaveDialog = ({ open, onStay, onLeave }: { open: boolean; onStay: () => void; onLeave: () => void }) => {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onStay} data-testid="leave-dialog">
      <DialogTitle>{t('leave.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('leave.body')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="warning" onClick={onLeave} data-testid="leave-discard">
          {t('leave.discard')}
        </Button>
        <Button variant="contained" onClick={onStay} autoFocus data-testid="leave-stay">
          {t('leave.stay')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
