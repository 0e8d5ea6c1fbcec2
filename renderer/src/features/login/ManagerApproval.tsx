import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { PinField } from './PinField';

export interface ManagerChoice {
  id: string;
  name: string;
}

/**
 * Who approves, then their PIN: a manager's approval names the manager (main checks that one
 * manager's PIN with its back-off; no PIN is tried against every manager).
 */
export const ManagerApproval = ({ managers, managerId, pin, onManager, onPin, testId }: {
  managers: ManagerChoice[];
  managerId: string;
  pin: string;
  onManager: (id: string) => void;
  onPin: (pin: string) => void;
  /** Prefix of the test ids: `<testId>-manager`, `<testId>-pin`. */
  testId: string;
}) => {
  const { t } = useTranslation('login');
  return (
    <Stack spacing={2}>
      <TextField select label={t('approval.manager')} value={managerId} onChange={(e) => onManager(e.target.value)} slotProps={{ select: { SelectDisplayProps: { 'data-testid': `${testId}-manager` } as object } }}>
        {managers.map((m) => (
          <MenuItem key={m.id} value={m.id} sx={{ minHeight: 48 }}>
            {m.name}
          </MenuItem>
        ))}
      </TextField>
      <PinField label={t('approval.pin')} value={pin} onChange={onPin} testId={`${testId}-pin`} autoFocus={managers.length === 1} />
    </Stack>
  );
};
