import { useState } from 'react';
import { Alert, Box, Button, IconButton, Paper, Stack, SvgIcon, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { idTail } from '../../../../shared/domain/ids';
import { useShopTime } from '../session/useShopTime';
import type { AuditEntry } from '../../data/records';
import { useOperators } from '../login/useOperators';
import { useSessionActions } from '../session/SessionContext';
import { actionName } from './action-names';
import { AuditFilters } from './AuditFilters';
import { IntegrityPanel } from './IntegrityPanel';
import { NO_FILTER, useAuditPage } from './useAudit';
import type { AuditFilter } from './useAudit';

const KNOWN_OBJECTS = new Set(['sale', 'operator', 'settings', 'attachment', 'print-job', 'case']);

/** An object's type in words and the part of its id that tells it apart; the full id on hover and to copy. */
const ObjectCell = ({ entry, nameOf }: { entry: AuditEntry; nameOf: (id: string) => string | null }) => {
  const { t } = useTranslation('audit');
  const { t: tSettings } = useTranslation('settings');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const type = t(`objectType.${KNOWN_OBJECTS.has(entry.objectType) ? entry.objectType : 'other'}`);
  // Settings entries name the groups or fields they changed ("general.language" → 常规 · 语言).
  const settingName = (path: string): string => {
    const [group = '', field] = path.split('.');
    const title = tSettings(`${group}.title`, { defaultValue: group });
    return field ? `${title} · ${tSettings(`${group}.${field}`, { defaultValue: field })}` : title;
  };
  const named = entry.objectType === 'operator' ? nameOf(entry.objectId) : entry.objectType === 'settings' ? entry.objectId.split(',').map(settingName).join(t('listSeparator')) : null;
  const copy = (): void => {
    navigator.clipboard.writeText(entry.objectId).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Tooltip title={t('fullId', { id: entry.objectId })} describeChild>
        <Box component="span" sx={{ whiteSpace: 'nowrap' }} data-testid="audit-object" data-id={entry.objectId}>
          {type} <Box component="span" sx={{ fontFamily: named ? undefined : 'monospace' }}>{named ?? idTail(entry.objectId)}</Box>
        </Box>
      </Tooltip>
      <IconButton size="small" onClick={copy} aria-label={t('copyId')} title={t('copyId')} sx={{ minWidth: 32, minHeight: 32 }} data-testid="audit-copy-id">
        <SvgIcon fontSize="small" viewBox="0 0 24 24">
          <rect x="8" y="8" width="12" height="13" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M5 16V5a2 2 0 0 1 2-2h9" fill="none" stroke="currentColor" strokeWidth="2" />
        </SvgIcon>
      </IconButton>
      {copied === 'yes' ? <Typography variant="caption">{t('copied')}</Typography> : null}
      {copied === 'failed' ? (
        <Typography variant="caption" sx={{ fontFamily: 'monospace', userSelect: 'all' }}>
          {entry.objectId}
        </Typography>
      ) : null}
    </Stack>
  );
};

/**
 * The audit log for a manager: filters (kind of action, operator, result, time), pages of 50
 * newest first (keyset by seq, read through the audit repository), human names for actions and
 * objects, the signed checkpoint and the full verification of entries, chain, tree and signatures.
 */
export const AuditPage = () => {
  const { t } = useTranslation('audit');
  const time = useShopTime();
  const operators = useOperators();
  const { auditJobError } = useSessionActions();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  /** `before` cursors of the pages above this one; the last is this page's. */
  const [trail, setTrail] = useState<Array<number | null>>([null]);
  const before = trail[trail.length - 1] ?? null;
  const page = useAuditPage(filter, before);
  const nameOf = (id: string): string | null => operators?.find((o) => o.id === id)?.name ?? null;
  const actorName = (id: string): string => (id === '' ? t('nobody') : (nameOf(id) ?? idTail(id)));
  const entries = page?.entries ?? [];
  const first = entries[0]?.seq;
  const last = entries[entries.length - 1]?.seq;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Typography color="text.secondary">{t('intro')}</Typography>
      <IntegrityPanel jobError={auditJobError} />
      <AuditFilters
        operators={operators ?? []}
        time={time}
        onChange={(next) => {
          setFilter(next);
          setTrail([null]);
        }}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flex: 1 }} data-testid="audit-showing">
          {first !== undefined && last !== undefined ? t('page.showing', { first: last, last: first }) : ''}
        </Typography>
        <Button disabled={trail.length <= 1} onClick={() => setTrail([null])} data-testid="audit-newest">
          {t('page.newest')}
        </Button>
        <Button disabled={trail.length <= 1} onClick={() => setTrail((tr) => tr.slice(0, -1))} data-testid="audit-newer">
          {t('page.newer')}
        </Button>
        <Button variant="outlined" disabled={!page?.next} onClick={() => setTrail((tr) => [...tr, page?.next ?? null])} data-testid="audit-older">
          {t('page.older')}
        </Button>
      </Stack>
      {page && entries.length === 0 && !page.partial ? <Alert severity="info">{t('page.none')}</Alert> : null}
      {page?.partial && page.next !== null ? <Alert severity="info">{t('page.searchedTo', { seq: page.next })}</Alert> : null}
      <Paper>
        <Table size="small">
          <TableHead>
            <TableRow>
              {(['seq', 'at', 'actor', 'action', 'object', 'result'] as const).map((c) => (
                <TableCell key={c} sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
                  {t(`columns.${c}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.seq} data-testid="audit-row" data-action={e.action} data-result={e.result}>
                <TableCell>{e.seq}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{time.dateTime(e.at)}</TableCell>
                <TableCell>{actorName(e.actor)}</TableCell>
                <TableCell title={e.action}>{actionName(t, e.action)}</TableCell>
                <TableCell>
                  <ObjectCell entry={e} nameOf={nameOf} />
                </TableCell>
                <TableCell sx={{ color: e.result === 'fail' ? 'error.main' : undefined, fontWeight: e.result === 'fail' ? 700 : 400, whiteSpace: 'nowrap' }}>{t(`result.${e.result}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Stack>
  );
};
