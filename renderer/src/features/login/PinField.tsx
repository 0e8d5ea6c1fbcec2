import { TextField } from '@mui/material';

/** A PIN input: digits only, masked, numeric keypad on touch screens. */
export const PinField = ({ label, value, onChange, testId, autoFocus }: { label: string; value: string; onChange: (v: string) => void; testId: string; autoFocus?: boolean }) => (
  <TextField
    label={label}
    type="password"
    value={value}
    autoFocus={autoFocus}
    autoComplete="off"
    onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
    slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 8, 'data-testid': testId } }}
  />
);
