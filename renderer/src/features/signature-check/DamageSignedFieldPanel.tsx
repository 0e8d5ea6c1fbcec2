import { useState } from 'react';
import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { formatFen, formatRmb } from '../../../../shared/domain/money';
import type { DamageableField } from '../../data/training-damage-repo';
import type { SaleRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { DAMAGEABLE_FIELDS, damageTrainingSale, damageableSales } from '../../services/training-damage';
import type { DamageOutcome } from '../../services/training-damage';
import { useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';
import { fieldValue } from './problem-text';

const shown = (sale: SaleRecord, field: DamageableField): string => (field === 'amountFen' ? formatFen(sale.amountFen) : (sale[field] ?? ''));

/**
 * The Training screen's tool that damages one stored signed field of a signed training sale
 * (services/training-damage.ts), so a trainee sees 校验签名 fail and practises a remedy.
 */
export const DamageSignedFieldPanel = () => {
  const { t } = useTranslation('signatureCheck');
  const { db, operator, logger } = useServices();
  const time = useShopTime();
  const sales = useLiveQuery(() => damageableSales({ db, operatorId: operator.id }), [db, operator.id]);
  const [chosen, setChosen] = useState('');
  const [field, setField] = useState<DamageableField>('amountFen');
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<{ result: DamageOutcome; old: string } | null>(null);
  const sale = sales?.find((s) => s.id === chosen) ?? sales?.[0] ?? null;

  const apply = (): void => {
    if (!sale) return;
    const before = sale;
    fireAndLog(
      logger,
      'training.damage-failed',
      damageTrainingSale({ db, operatorId: operator.id }, before.id, field, value).then((result) => setOutcome({ result, old: fieldValue(t, time, { field }, before[field]) })),
    );
  };

  return (
    <Paper sx={{ p: 3 }} data-testid="training-damage">
      <Stack spacing={2}>
        <Typography variant="h6">{t('training.title')}</Typography>
        <Typography variant="body2">{t('training.intro')}</Typography>
        {sales && sales.length === 0 ? <Alert severity="info">{t('training.none')}</Alert> : null}
        {sale ? (
          <>
            <TextField select label={t('training.sale')} value={sale.id} onChange={(e) => setChosen(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'training-damage-sale' } }}>
              {(sales ?? []).map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {t('training.saleOption', { time: time.dateTime(s.createdAt), amount: formatRmb(s.amountFen), rrn: s.rrn ?? t('field.empty') })}
                </MenuItem>
              ))}
            </TextField>
            <Stack direction="row" spacing={2}>
              <TextField
                select
                label={t('training.field')}
                value={field}
                onChange={(e) => {
                  setField(e.target.value as DamageableField);
                  setValue('');
                }}
                sx={{ minWidth: 220 }}
                slotProps={{ htmlInput: { 'data-testid': 'training-damage-field' } }}
              >
                {DAMAGEABLE_FIELDS.map((f) => (
                  <MenuItem key={f} value={f}>
                    {t(`field.${f}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField label={t('training.value')} value={value} placeholder={shown(sale, field)} onChange={(e) => setValue(e.target.value.slice(0, 20))} slotProps={{ htmlInput: { 'data-testid': 'training-damage-value' } }} />
              <Button variant="outlined" color="warning" onClick={apply} data-testid="training-damage-apply">
                {t('training.apply')}
              </Button>
            </Stack>
          </>
        ) : null}
        {outcome?.result.ok ? (
          <Alert severity="success" data-testid="training-damage-result" data-ok="true">
            {t('training.done', { field: t(`field.${field}`), old: outcome.old, now: fieldValue(t, time, { field }, outcome.result.sale[field]) })}
          </Alert>
        ) : null}
        {outcome && !outcome.result.ok ? (
          <Alert severity="error" data-testid="training-damage-result" data-ok="false">
            {t(`training.refused.${outcome.result.reason}`)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
};
