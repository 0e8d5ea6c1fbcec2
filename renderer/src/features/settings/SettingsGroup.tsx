import { useState } from 'react';
import { Alert, Button, FormControlLabel, MenuItem, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatFen, parseYuan } from '../../../../shared/domain/money';
import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import type { FieldSpec } from './fields';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

type Values = Record<string, unknown>;

const toText = (spec: FieldSpec, value: unknown): string => {
  if (spec.kind.type === 'fen') return formatFen(Number(value));
  if (spec.kind.type === 'hex16') return value === null ? '' : Number(value).toString(16).padStart(4, '0');
  return String(value);
};

const fromText = (spec: FieldSpec, text: string): unknown => {
  switch (spec.kind.type) {
    case 'fen':
      return parseYuan(text) ?? Number.NaN;
    case 'int':
      return Number.parseInt(text, 10);
    case 'hex16':
      return text.trim() === '' ? null : Number.parseInt(text, 16);
    case 'select':
      return typeof spec.kind.options[0] === 'number' ? Number(text) : text;
    default:
      return text;
  }
};

/** One settings section as a form; saving sends only the changed fields (validated by the host). */
export const SettingsGroup = ({ group, fields, settings, disabled, onSave }: {
  group: string;
  fields: FieldSpec[];
  settings: Settings;
  disabled: boolean;
  onSave: (patch: SettingsPatch) => Promise<EnvelopeError | null>;
}) => {
  const { logger } = useRoot();
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const section = fields[0]?.section ?? 'general';
  const current = settings[section] as Values;
  const [draft, setDraft] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(fields.map((spec) => [spec.key, spec.kind.type === 'bool' ? Boolean(current[spec.key]) : toText(spec, current[spec.key])])),
  );
  const [result, setResult] = useState<EnvelopeError | 'saved' | null>(null);

  const save = async (): Promise<void> => {
    const changed: Values = {};
    for (const spec of fields) {
      const raw = draft[spec.key];
      const value = typeof raw === 'boolean' ? raw : fromText(spec, raw ?? '');
      if (value !== current[spec.key]) changed[spec.key] = value;
    }
    const problem = await onSave({ [section]: changed });
    setResult(problem ?? 'saved');
  };

  return (
    <Paper sx={{ p: 3 }} data-testid={`settings-group-${group}`}>
      <Stack spacing={2}>
        <Typography variant="h6">{t(`${group}.title`)}</Typography>
        {t(`${group}.hint`, { defaultValue: '' }) ? <Typography variant="body2">{t(`${group}.hint`)}</Typography> : null}
        {fields.map((spec) =>
          spec.kind.type === 'bool' ? (
            <FormControlLabel
              key={spec.key}
              control={<Switch checked={Boolean(draft[spec.key])} disabled={disabled} onChange={(e) => setDraft((d) => ({ ...d, [spec.key]: e.target.checked }))} />}
              label={t(`${group}.${spec.key}`, { defaultValue: spec.key })}
            />
          ) : (
            <TextField
              key={spec.key}
              select={spec.kind.type === 'select'}
              label={t(`${group}.${spec.key}`, { defaultValue: spec.key })}
              value={draft[spec.key]}
              disabled={disabled}
              onChange={(e) => setDraft((d) => ({ ...d, [spec.key]: e.target.value }))}
              slotProps={{ htmlInput: { 'data-testid': `setting-${section}-${spec.key}` } }}
            >
              {spec.kind.type === 'select'
                ? spec.kind.options.map((o) => (
                    <MenuItem key={String(o)} value={String(o)}>
                      {t(`${group}.options.${String(o)}`, { defaultValue: String(o) })}
                    </MenuItem>
                  ))
                : null}
            </TextField>
          ),
        )}
        {result === 'saved' ? <Alert severity="success">{t('saved')}</Alert> : null}
        {result && result !== 'saved' ? (
          <Alert severity="error" data-testid={`settings-error-${group}`} data-reason={result.reason ?? result.code}>
            {result.reason === 'link-busy' ? tc('linkBusy') : tc(`errors.${result.code}`, { field: result.field ?? '' })}
          </Alert>
        ) : null}
        <Button variant="contained" disabled={disabled} onClick={() => fireAndLog(logger, 'settings.save-failed', save())} sx={{ alignSelf: 'flex-start' }} data-testid={`settings-save-${group}`}>
          {tc('actions.save')}
        </Button>
      </Stack>
    </Paper>
  );
};
