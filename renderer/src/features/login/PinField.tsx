import { TextField } from '@mui/material';
import { PIN_MAX_LENGTH } from '../../../../shared/domain/pin';

/** A PIN input: digits only, masked, numeric keypad on touch screens. */
export const PinField = ({ label, value, onChange, testId, autoFocus }: { label: string; value: string; onChange: (v: string) => void; testId: string; autoFocus?: boolean }) => (
  <TextField
    label={label}
    type="password"
    value={value}
    autoFocus={autoFocus}
    autoComplete="off"
    onChange={(e) => onChange(e.target.value.normalize('NFKC').replace(/\D/g, '').slice(0, PIN_MAX_LENGTH))}
    slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: PIN_MAX_LENGTH, 'data-testid': testId, 'data-card-guard': 'off' } }}
  />
);
