import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, FormControlLabel, MenuItem, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { useLeaveGuard } from '../session/leave-guard';
import type { FieldSpec } from './fields';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { changedValues, fieldOfError, toText } from './field-values';
import type { Draft } from './field-values';

/**
 * One settings group as a form that saves on its own. The draft holds only the fields edited
 * here, so a value changed elsewhere meanwhile (the app bar's language button, another window)
 * shows as it is and is never sent back stale. Leaving with unsaved edits asks first.
 */
export const SettingsGroup = ({ group, fields, settings, disabled, onSave, extra }: {
  group: string;
  fields: FieldSpec[];
  settings: Settings;
  disabled: boolean;
  onSave: (patch: SettingsPatch) => Promise<EnvelopeError | null>;
  /** Shown under the fields, given the values as edited (e.g. a warning about training mode). */
  extra?: (value: (key: string) => string | boolean) => ReactNode;
}) => {
  const { logger } = useRoot();
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const section = fields[0]?.section ?? 'general';
  const current = settings[section] as Record<string, unknown>;
  const [draft, setDraft] = useState<Draft>({});
  const [result, setResult] = useState<EnvelopeError | 'saved' | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = changedValues(fields, current, draft);
  const dirty = Object.keys(changed).length > 0;
  useLeaveGuard(dirty);

  const value = (key: string): string | boolean => {
    const spec = fields.find((s) => s.key === key);
    if (key in draft) return draft[key] ?? '';
    return spec?.kind.type === 'bool' ? Boolean(current[key]) : spec ? toText(spec, current[key]) : '';
  };
  const edit = (key: string, v: string | boolean): void => {
    setResult(null);
    setDraft((d) => ({ ...d, [key]: v }));
  };

  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      const problem = await onSave({ [section]: changed });
      setResult(problem ?? 'saved');
      if (!problem) setDraft({});
    } catch (error) {
      // The host may have kept the change while its audit entry failed: say saving failed, keep the edits.
      setResult({ code: 'STORAGE', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const errorText = (e: EnvelopeError): string => {
    if (e.reason === 'link-busy') return tc('linkBusy');
    const key = fieldOfError(fields, e.field);
    return key ? t('invalidField', { field: t(`${group}.${key}`) }) : tc(`errors.${e.code}`, { field: e.field ?? '' });
  };

  return (
    <Paper sx={{ p: 3 }} data-testid={`settings-group-${group}`} data-dirty={dirty} role="group" aria-labelledby={`settings-title-${group}`}>
      <Stack spacing={2}>
        <Typography variant="h6" component="h2" id={`settings-title-${group}`}>
          {t(`${group}.title`)}
        </Typography>
        {t(`${group}.hint`, { defaultValue: '' }) ? <Typography variant="body2">{t(`${group}.hint`)}</Typography> : null}
        {fields.map((spec) =>
          spec.kind.type === 'bool' ? (
            <FormControlLabel
              key={spec.key}
              control={<Switch checked={Boolean(value(spec.key))} disabled={disabled} onChange={(e) => edit(spec.key, e.target.checked)} slotProps={{ input: { 'data-testid': `setting-${section}-${spec.key}` } as object }} />}
              label={t(`${group}.${spec.key}`, { defaultValue: spec.key })}
            />
          ) : (
            <TextField
              key={spec.key}
              select={spec.kind.type === 'select'}
              label={t(`${group}.${spec.key}`, { defaultValue: spec.key })}
              value={value(spec.key)}
              disabled={disabled}
              onChange={(e) => edit(spec.key, e.target.value)}
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
        {extra?.(value)}
        {result === 'saved' ? <Alert severity="success">{t('saved')}</Alert> : null}
        {result && result !== 'saved' ? (
          <Alert severity="error" data-testid={`settings-error-${group}`} data-reason={result.reason ?? result.code}>
            {errorText(result)}
          </Alert>
        ) : null}
        {dirty ? (
          <Alert severity="info" data-testid={`settings-unsaved-${group}`}>
            {t('unsaved')}
          </Alert>
        ) : null}
        <Stack direction="row" spacing={1}>
          <Button variant="contained" disabled={disabled || busy || !dirty} onClick={() => fireAndLog(logger, 'settings.save-failed', save())} data-testid={`settings-save-${group}`} sx={{ whiteSpace: 'nowrap' }}>
            {tc('actions.save')}
          </Button>
          {dirty ? (
            <Button onClick={() => setDraft({})} data-testid={`settings-revert-${group}`}>
              {t('revert')}
            </Button>
          ) : null}
        </Stack>
      </Stack>
    </Paper>
  );
};
