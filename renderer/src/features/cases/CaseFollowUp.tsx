import { useRef, useState } from 'react';
import { Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { nextStatuses } from '../../../../shared/domain/cases/case-status';
import type { CaseStatus } from '../../../../shared/domain/cases/case-status';
import { ATTACHMENT_KINDS } from '../../../../shared/domain/cases/evidence-facts';
import type { AttachmentKind } from '../../../../shared/domain/cases/evidence-facts';
import { MAX_ATTACHMENT_BYTES } from '../../data/attachments-repo';
import type { AttachmentRecord, CaseEventRecord, DisputeCaseRecord } from '../../data/records';
import type { ComponentType } from 'react';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';
import { useCaseAttachments } from './useCases';

const LIMIT_MB = Math.round(MAX_ATTACHMENT_BYTES / (1024 * 1024));
const ACCEPT = 'image/png,image/jpeg,image/webp,application/pdf';

/** Status (who and why), notes and contacts, attachments and the timeline of one case. */
export const CaseFollowUp = ({ c, events, attachRef, attachKind, setAttachKind, preview: Preview }: { c: DisputeCaseRecord; events: CaseEventRecord[]; attachRef: React.RefObject<HTMLInputElement | null>; attachKind: AttachmentKind; setAttachKind: (k: AttachmentKind) => void; preview: ComponentType<{ file: AttachmentRecord }> }) => {
  const { t } = useTranslation('cases');
  const { cases, logger } = useServices();
  const time = useShopTime();
  const files = useCaseAttachments(c.id) ?? [];
  const [to, setTo] = useState<CaseStatus | ''>('');
  const [why, setWhy] = useState('');
  const [note, setNote] = useState('');
  const [channel, setChannel] = useState('');
  const notesRef = useRef<HTMLDivElement>(null);
  const changeStatus = async (): Promise<void> => {
    if (!to) return;
    if (await cases.setStatus(c.id, to, why)) {
      setTo('');
      setWhy('');
    }
  };
  const add = async (kind: 'note' | 'contact'): Promise<void> => {
    if (await cases.addNote(c.id, kind, note, kind === 'contact' ? channel : null)) setNote('');
  };
  const eventText = (e: CaseEventRecord): string => {
    if (e.kind === 'status') return t('event.status', { from: t(`status.${String(e.detail.from)}`), to: t(`status.${String(e.detail.to)}`) });
    if (e.kind === 'inquiry') return t('event.inquiry', { outcome: t(`detail.hostAnswer.${String(e.detail.outcome)}`) });
    if (e.kind === 'slip') return t('event.slip', { state: String(e.detail.state) });
    return t(`event.${e.kind}`);
  };
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h3">{t('detail.statusChange')}</Typography>
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <TextField select size="small" label={t('detail.newStatus')} value={to} onChange={(e) => setTo(e.target.value as CaseStatus)} sx={{ width: 200, flexShrink: 0 }} slotProps={{ htmlInput: { 'data-testid': 'case-status-select' } }}>
            {nextStatuses(c.status).map((s) => (
              <MenuItem key={s} value={s} data-testid={`case-status-${s}`}>{t(`status.${s}`)}</MenuItem>
            ))}
          </TextField>
          <TextField size="small" label={t('detail.why')} value={why} onChange={(e) => setWhy(e.target.value)} sx={{ flex: 1, minWidth: 0 }} slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'case-status-why' } }} />
          <Button variant="contained" sx={{ flexShrink: 0 }} disabled={!to} onClick={() => fireAndLog(logger, 'cases.status-failed', changeStatus())} data-testid="case-status-apply">
            {t('detail.apply')}
          </Button>
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }} ref={notesRef}>
        <Typography variant="h6" component="h3">{t('detail.notes')}</Typography>
        <Stack spacing={1} sx={{ mt: 1 }}>
          <TextField size="small" label={t('detail.note')} value={note} onChange={(e) => setNote(e.target.value)} multiline slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'case-note' } }} />
          <Stack direction="row" spacing={1}>
            <Button onClick={() => fireAndLog(logger, 'cases.note-failed', add('note'))} data-testid="case-add-note">{t('detail.addNote')}</Button>
            <TextField size="small" label={t('detail.channel')} value={channel} onChange={(e) => setChannel(e.target.value)} slotProps={{ htmlInput: { maxLength: 64, 'data-testid': 'case-contact-channel' } }} />
            <Button onClick={() => fireAndLog(logger, 'cases.contact-failed', add('contact'))} data-testid="case-add-contact">{t('detail.addContact')}</Button>
          </Stack>
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h3">{t('detail.attachments')}</Typography>
        <Typography variant="body2" color="text.secondary">{t('detail.attachHint', { mb: LIMIT_MB })}</Typography>
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
          <TextField select size="small" label={t('detail.attachKind')} value={attachKind} onChange={(e) => setAttachKind(e.target.value as AttachmentKind)} sx={{ width: 240, flexShrink: 0 }}>
            {ATTACHMENT_KINDS.map((k) => (
              <MenuItem key={k} value={k}>{t(`attachmentKind.${k}`)}</MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" onClick={() => attachRef.current?.click()}>{t('detail.attach')}</Button>
          <input
            ref={attachRef}
            type="file"
            accept={ACCEPT}
            hidden
            data-testid="case-attach-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) fireAndLog(logger, 'cases.attach-failed', cases.attach(c.id, { name: file.name, type: file.type, data: file }, attachKind));
            }}
          />
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mt: 1, flexWrap: 'wrap' }}>
          {files.map((f) => (
            <Stack key={f.id} data-testid="case-attachment" data-kind={f.kind ?? 'other'}>
              <Preview file={f} />
              <Typography variant="caption">{t(`attachmentKind.${f.kind ?? 'other'}`)} · SHA-256 {f.sha256.slice(0, 16)}…</Typography>
            </Stack>
          ))}
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h3">{t('detail.timeline')}</Typography>
        {events.map((e) => (
          <Typography key={e.id} variant="body2" data-testid="case-event" data-kind={e.kind}>
            {time.dateTime(e.at)} · {eventText(e)}
            {e.text ? ` · ${e.text}` : ''}
            {e.kind === 'contact' && e.detail.channel ? ` (${String(e.detail.channel)})` : ''}
          </Typography>
        ))}
      </Paper>
    </Stack>
  );
};
