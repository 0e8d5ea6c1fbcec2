import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { countdown, dueState } from '../../../../shared/domain/cases/case-status';
import type { DisputeCaseRecord } from '../../data/records';

const COLOR = { none: 'default', ok: 'default', 'due-soon': 'warning', overdue: 'error' } as const;

/** The case's deadline as a countdown: due soon within two days, overdue once passed. */
export const CaseDue = ({ c, now }: { c: DisputeCaseRecord; now: number }) => {
  const { t } = useTranslation('cases');
  const state = dueState(c, now);
  const left = c.dueAt === null ? null : countdown(c.dueAt, now);
  return <Chip size="small" data-testid="case-due" data-due={state} color={COLOR[state]} label={state === 'none' || !left ? t('due.none') : t(`due.${state}`, { days: left.days, hours: left.hours })} />;
};
