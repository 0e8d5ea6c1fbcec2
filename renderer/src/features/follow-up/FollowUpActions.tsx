import { useRef, useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES } from '../../data/attachments-repo';
import type { SaleRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { ManagerApproval } from '../login/ManagerApproval';
import { failureText } from '../login/failure-text';
import { useSessionActions } from '../session/SessionContext';
import { useServices } from '../session/ServicesContext';
import { SignatureCanvas } from '../signature/SignatureCanvas';
import type { SignatureCanvasHandle } from '../signature/SignatureCanvas';

type Mode = 'choose' | 'capture' | 'paper' | 'exception';

const LIMIT_MB = Math.round(MAX_ATTACHMENT_BYTES / (1024 * 1024));

/**
 * The 补签 workflow for one unsigned sale: sign now, print a slip, paper + scan, or register and
 * explain (登记并说明; with a named manager's PIN, checked by main, when forced signature applies). The rules are in
 * services/signature-actions.ts; this only collects the input and shows the outcome.
 */
export const FollowUpActions = ({ sale }: { sale: SaleRecord }) => {
  const { t } = useTranslation('followUp');
  const { t: tl } = useTranslation('login');
  const { signatures, printing, logger } = useServices();
  const { operators } = useSessionActions();
  const managers = operators.filter((o) => o.role === 'manager' && !o.disabled);
  const needsManager = signatures.needsManager(sale);
  const [managerId, setManagerId] = useState(managers.length === 1 ? (managers[0]?.id ?? '') : '');
  const [pin, setPin] = useState('');
  const [mode, setMode] = useState<Mode>('choose');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [contacts, setContacts] = useState('');
  const [notes, setNotes] = useState('');
  const pad = useRef<SignatureCanvasHandle>(null);

  // A failed save is shown to the cashier and logged (storage full, a closed database).
  const save = (): void =>
    fireAndLog(
      logger,
      'follow-up.save-failed',
      record().catch((e: unknown) => {
        setError(t('saveFailed'));
        throw e;
      }),
    );

  const record = async (): Promise<void> => {
    setError(null);
    if (mode === 'capture') {
      const captured = pad.current?.capture();
      if (!captured) return setError(t('needSignature'));
      await signatures.supplementary(sale, captured.strokes, captured.png);
    } else if (mode === 'paper') {
      if (!file) return setError(t('needFile'));
      if (file.size > MAX_ATTACHMENT_BYTES) return setError(t('tooLarge', { mb: LIMIT_MB }));
      await signatures.onPaper(sale, { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }, notes);
    } else if (mode === 'exception') {
      if (file && file.size > MAX_ATTACHMENT_BYTES) return setError(t('tooLarge', { mb: LIMIT_MB }));
      const text = notes.trim() ? `${reason.trim()}\n${notes.trim()}` : reason.trim();
      const photo = file ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
      const outcome = await signatures.waive(sale, 'exception', { reason: text, contactAttempts: contacts, ...(photo ? { photo } : {}), ...(needsManager ? { managerId, managerPin: pin } : {}) });
      if (outcome === 'ok') return;
      setPin('');
      // Main's refusal of the approval (wrong PIN, back-off, lockout) is explained with its wait.
      if (typeof outcome === 'string') return setError(t(`waive.${outcome}`));
      return setError(outcome.reason === 'wrong-pin' ? t('waive.wrong-pin') : failureText(tl, outcome));
    }
  };

  // The paper slip's scan (needed) and 登记并说明's photo (optional) are picked the same way.
  const attachField = (label: string) => (
    <>
      <Button variant="outlined" component="label" sx={{ alignSelf: 'flex-start' }}>
        {label}
        <input hidden type="file" accept="image/*,application/pdf" data-testid="follow-up-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Button>
      {file ? <Typography>{t('attached', { name: file.name })}</Typography> : null}
    </>
  );

  return (
    <Paper variant="outlined" sx={{ p: 2, borderColor: 'warning.main' }} data-testid="follow-up">
      <Stack spacing={2}>
        <Typography variant="h6">{t('title')}</Typography>
        <Typography variant="body2">{t('intro')}</Typography>
        {mode === 'choose' ? (
          <Stack spacing={1}>
            <Button variant="contained" onClick={() => setMode('capture')} data-testid="follow-up-capture">
              {t('captureNow')}
            </Button>
            <Button
              variant="outlined"
              data-testid="follow-up-print-slip"
              onClick={() => fireAndLog(logger, 'follow-up.slip-failed', printing.printCopy(sale, 'supplementary').then((r) => setInfo(r.job.state === 'failed' ? t('slipFailed') : t('slipPrinted'))))}
            >
              {t('printSlip')}
            </Button>
            <Button variant="outlined" onClick={() => setMode('paper')} data-testid="follow-up-paper">
              {t('paper')}
            </Button>
            <Button variant="outlined" color="warning" onClick={() => setMode('exception')} data-testid="follow-up-exception">
              {t('exception')}
            </Button>
          </Stack>
        ) : null}
        {mode === 'capture' ? <SignatureCanvas ref={pad} height={200} testId="follow-up-canvas" /> : null}
        {mode === 'paper' ? (
          <Stack spacing={1}>
            {attachField(t('attach'))}
            <TextField label={t('notes')} value={notes} onChange={(e) => setNotes(e.target.value.slice(0, 500))} />
          </Stack>
        ) : null}
        {mode === 'exception' ? (
          <Stack spacing={1}>
            <TextField label={t('reason')} value={reason} onChange={(e) => setReason(e.target.value.slice(0, 500))} slotProps={{ htmlInput: { 'data-testid': 'follow-up-reason' } }} />
            <TextField label={t('contacts')} value={contacts} multiline minRows={2} onChange={(e) => setContacts(e.target.value.slice(0, 500))} slotProps={{ htmlInput: { 'data-testid': 'follow-up-contacts' } }} />
            <TextField label={t('notes')} value={notes} onChange={(e) => setNotes(e.target.value.slice(0, 500))} />
            {attachField(t('attachOptional'))}
            {needsManager ? (
              <>
                <Alert severity="warning">{t('forcedNeedsManager')}</Alert>
                <ManagerApproval managers={managers} managerId={managerId} pin={pin} onManager={setManagerId} onPin={setPin} testId="follow-up-manager" />
              </>
            ) : null}
          </Stack>
        ) : null}
        {error ? (
          <Alert severity="error" data-testid="follow-up-error">
            {error}
          </Alert>
        ) : null}
        {info ? <Alert severity="info">{info}</Alert> : null}
        {mode !== 'choose' ? (
          <Stack direction="row" spacing={1}>
            <Button
              onClick={() => {
                setMode('choose');
                setFile(null);
              }}
            >
              {t('cancel')}
            </Button>
            <Button variant="contained" onClick={save} data-testid="follow-up-save">
              {t('save')}
            </Button>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
};
