import { FormControl, InputLabel, MenuItem, Select, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FIELDS } from '../../../../shared/domain/reconciliation/fields';
import type { Field, SourceKind } from '../../../../shared/domain/reconciliation/fields';
import type { MappingProfile } from '../../../../shared/domain/reconciliation/profile';

export type MappingChange = { columns?: Partial<Record<Field, number>>; amountUnit?: MappingProfile['amountUnit']; amountMode?: MappingProfile['amountMode']; sourceKind?: SourceKind };

const pickOne = <T extends string>(label: string, value: T, options: readonly T[], text: (v: T) => string, onChange: (v: T) => void, testId: string) => (
  <FormControl size="small" sx={{ minWidth: 220 }}>
    <InputLabel>{label}</InputLabel>
    <Select label={label} value={value} onChange={(e) => onChange(e.target.value as T)} inputProps={{ 'data-testid': testId }}>
      {options.map((o) => (
        <MenuItem key={o} value={o}>
          {text(o)}
        </MenuItem>
      ))}
    </Select>
  </FormControl>
);

/** Which column holds which field, and how amounts are written: guessed, corrected here, saved with the source. */
export const MappingEditor = ({ profile, onChange }: { profile: MappingProfile; onChange: (change: MappingChange) => void }) => {
  const { t } = useTranslation('settlement');
  const setColumn = (field: Field, column: number): void => {
    const columns = { ...profile.columns };
    if (column < 0) delete columns[field];
    else columns[field] = column;
    onChange({ columns });
  };
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {pickOne(t('import.sourceKind'), profile.sourceKind, ['acquirer', 'bank'] as const, (v) => t(`import.kinds.${v}`), (v) => onChange({ sourceKind: v }), 'mapping-kind')}
        {pickOne(t('import.unit'), profile.amountUnit, ['yuan', 'fen'] as const, (v) => t(`import.units.${v}`), (v) => onChange({ amountUnit: v }), 'mapping-unit')}
        {pickOne(t('import.mode'), profile.amountMode, ['signed', 'income-expense'] as const, (v) => t(`import.modes.${v}`), (v) => onChange({ amountMode: v }), 'mapping-mode')}
      </Stack>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="mapping-columns">
        {FIELDS.map((field) => {
          const label = t('import.field', { field: t(`import.fields.${field}`) });
          return (
            <FormControl key={field} size="small" sx={{ minWidth: 200 }}>
              <InputLabel>{label}</InputLabel>
              <Select label={label} value={profile.columns[field] ?? -1} onChange={(e) => setColumn(field, Number(e.target.value))} inputProps={{ 'data-testid': `mapping-${field}` }}>
                <MenuItem value={-1}>{t('import.unmapped')}</MenuItem>
                {profile.headers.map((h, i) => (
                  <MenuItem key={`${i}-${h}`} value={i}>
                    {`${i + 1}. ${h}`}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          );
        })}
      </Stack>
    </Stack>
  );
};
