import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ShopTime } from './useShopTime';

/**
 * A date (and optional time) typed as `2026-11-01 14:30`, read in the shop's time zone. Replaces
 * the browser's date input, whose format follows the browser's own locale (mm/dd/yyyy in a
 * Chinese screen) and whose value is in the PC's zone, not the shop's.
 */
export const DateField = ({ label, value, onChange, time, bound = 'start', size, testId, minWidth = 200 }: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  time: ShopTime;
  /** As an end bound a bare date means the end of that day. */
  bound?: 'start' | 'end';
  size?: 'small' | 'medium';
  testId?: string;
  minWidth?: number;
}) => {
  const { t } = useTranslation();
  const bad = value.trim() !== '' && time.parse(value, bound) === null;
  return (
    <TextField
      size={size}
      label={label}
      value={value}
      error={bad}
      helperText={bad ? t('dateField.invalid') : undefined}
      placeholder={t('dateField.placeholder')}
      onChange={(e) => onChange(e.target.value.slice(0, 24))}
      fullWidth={false}
      sx={{ width: minWidth, flexShrink: 0 }}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', 'data-testid': testId, 'aria-description': t('dateField.hint', { zone: time.zone }) } }}
    />
  );
};
