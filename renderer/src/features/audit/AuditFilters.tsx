import { useState } from 'react';
import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DateField } from '../session/DateField';
import type { ShopTime } from '../session/useShopTime';
import { AUDIT_GROUPS } from './action-names';
import type { AuditGroup } from './action-names';
import { NO_FILTER } from './useAudit';
import type { AuditFilter } from './useAudit';

const ALL = '*';

/** Kind of action, operator, result and a time range (typed in the shop zone). */
export const AuditFilters = ({ operators, time, onChange }: { operators: Array<{ id: string; name: string }>; time: ShopTime; onChange: (filter: AuditFilter) => void }) => {
  const { t } = useTranslation('audit');
  const [group, setGroup] = useState(ALL);
  const [actor, setActor] = useState(ALL);
  const [result, setResult] = useState(ALL);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const apply = (next: { group?: string; actor?: string; result?: string; from?: string; to?: string }): void => {
    const v = { group, actor, result, from, to, ...next };
    onChange({
      group: v.group === ALL ? null : (v.group as AuditGroup),
      actor: v.actor === ALL ? null : v.actor,
      result: v.result === ALL ? null : (v.result as 'ok' | 'fail'),
      from: v.from.trim() ? time.parse(v.from, 'start') : null,
      to: v.to.trim() ? time.parse(v.to, 'end') : null,
    });
  };

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="audit-filters" role="group" aria-label={t('filters.title')}>
      <TextField select size="small" label={t('filters.group')} value={group} sx={{ minWidth: 190, width: 'auto' }} onChange={(e) => {
          setGroup(e.target.value);
          apply({ group: e.target.value });
        }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'audit-filter-group' } as object } }}>
        <MenuItem value={ALL}>{t('filters.all')}</MenuItem>
        {AUDIT_GROUPS.map((g) => (
          <MenuItem key={g} value={g}>
            {t(`group.${g}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField select size="small" label={t('filters.actor')} value={actor} sx={{ minWidth: 150, width: 'auto' }} onChange={(e) => {
          setActor(e.target.value);
          apply({ actor: e.target.value });
        }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'audit-filter-actor' } as object } }}>
        <MenuItem value={ALL}>{t('filters.all')}</MenuItem>
        {operators.map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {o.name}
          </MenuItem>
        ))}
        <MenuItem value="">{t('nobody')}</MenuItem>
      </TextField>
      <TextField select size="small" label={t('filters.result')} value={result} sx={{ minWidth: 120, width: 'auto' }} onChange={(e) => {
          setResult(e.target.value);
          apply({ result: e.target.value });
        }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'audit-filter-result' } as object } }}>
        <MenuItem value={ALL}>{t('filters.all')}</MenuItem>
        <MenuItem value="ok">{t('result.ok')}</MenuItem>
        <MenuItem value="fail">{t('result.fail')}</MenuItem>
      </TextField>
      <DateField size="small" label={t('filters.from')} value={from} time={time} testId="audit-filter-from" minWidth={190} onChange={(text) => {
          setFrom(text);
          apply({ from: text });
        }} />
      <DateField size="small" label={t('filters.to')} value={to} time={time} bound="end" testId="audit-filter-to" minWidth={190} onChange={(text) => {
          setTo(text);
          apply({ to: text });
        }} />
      <Button
        onClick={() => {
          setGroup(ALL);
          setActor(ALL);
          setResult(ALL);
          setFrom('');
          setTo('');
          onChange(NO_FILTER);
        }}
      >
        {t('filters.clear')}
      </Button>
    </Stack>
  );
};
