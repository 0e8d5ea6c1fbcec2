import { useRef, useState } from 'react';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Remedy } from '../../../../shared/domain/sale/signature-check';
import { MAX_ATTACHMENT_BYTES } from '../../data/attachments-repo';
import type { SaleRecord } from '../../data/records';
import type { SignatureVerification } from '../../services/evidence/signature-verify';
import { fireAndLog } from '../../services/logger';
import { signOnAgain } from '../../services/sign-on';
import { useRoot } from '../session/RootContext';
import { useServices } from '../session/ServicesContext';
import { SignatureCanvas } from '../signature/SignatureCanvas';
import type { SignatureCanvasHandle } from '../signature/SignatureCanvas';

const LIMIT_MB = Math.round(MAX_ATTACHMENT_BYTES / (1024 * 1024));

type Mode = 'choose' | Exclude<Remedy, 'sign-on-again'>;

/**
 * The remedies a failed check offers, each recorded as a new record linked to the sale and to the
 * signature whose check failed, through the one owner of each (services/signature-actions.ts for
 * signatures and explanations, services/sign-on.ts for the sign-on), and audited there.
 */
export const RemedyActions = ({ sale, result, onRecorded }: { sale: SaleRecord; result: SignatureVerification; onRecorded: () => void }) => {
  const { t } = useTranslation('signatureCheck');
  const { db, api } = useRoot();
  const { signatures, printing, logger, operator } = useServices();
  const [mode, setMode] = useState<Mode>('choose');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [contacts, setContacts] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const pad = useRef<SignatureCanvasHandle>(null);
  const link = (remedy: Remedy) => ({ signatureId: result.signatureId, remedy });

  const bytesOf = async (f: File) => ({ name: f.name, type: f.type, bytes: new Uint8Array(await f.arrayBuffer()) });

  /** Returns what is wrong (translated), or null once the remedy is recorded. */
  const record = async (): Promise<string | null> => {
    if (mode === 're-sign') {
      const captured = pad.current?.capture();
      if (!captured) return t('errors.needSignature');
      await signatures.supplementary(sale, captured.strokes, captured.png, link('re-sign'));
    } else if (mode === 'supplementary-signature') {
      if (!file) return t('errors.needFile');
      if (file.size > MAX_ATTACHMENT_BYTES) return t('errors.tooLarge', { mb: LIMIT_MB });
      await signatures.onPaper(sale, await bytesOf(file), notes, link('supplementary-signature'));
    } else if (mode === 'register-explanation') {
      if (file && file.size > MAX_ATTACHMENT_BYTES) return t('errors.tooLarge', { mb: LIMIT_MB });
      const text = notes.trim() ? `${reason.trim()}\n${notes.trim()}` : reason.trim();
      const outcome = await signatures.explainFailedCheck(sale, link('register-explanation'), { reason: text, contactAttempts: contacts, ...(file ? { photo: await bytesOf(file) } : {}) });
      if (outcome !== 'ok') return t(`errors.${outcome}`);
    }
    return null;
  };

  const finish = (work: Promise<string | null>): void => {
    setError(null);
    setBusy(true);
    fireAndLog(
      logger,
      'signature-check.remedy-failed',
      work
        .then((problem) => {
          if (problem) return setError(problem);
          setMode('choose');
          setFile(null);
          onRecorded();
        })
        .catch((e: unknown) => {
          setError(t('errors.saveFailed'));
          throw e;
        })
        .finally(() => setBusy(false)),
    );
  };

  // Audited on the sale either way; a refusal is shown with the host's code or reason.
  const signOn = async (): Promise<string | null> => {
    const outcome = await signOnAgain({ db, api, operatorId: operator.id }, { saleId: sale.id, signatureId: result.signatureId });
    if (outcome.kind === 'failed') return t('errors.signOnFailed', { reason: outcome.code ?? outcome.reason });
    setInfo(t('signedOn'));
    return null;
  };

  const fileField = (label: string) => (
    <>
      <Button variant="outlined" component="label" sx={{ alignSelf: 'flex-start' }}>
        {label}
        <input hidden type="file" accept="image/*,application/pdf" data-testid="remedy-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Button>
      {file ? <Typography>{t('action.attached', { name: file.name })}</Typography> : null}
    </>
  );

  return (
    <Stack spacing={1.5} data-testid="remedy-actions">
      {mode === 'choose' ? (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {result.check.remedies.map((remedy) => (
            <Button
              key={remedy}
              variant={remedy === 're-sign' ? 'contained' : 'outlined'}
              disabled={busy}
              data-testid={`remedy-${remedy}`}
              onClick={() => (remedy === 'sign-on-again' ? finish(signOn()) : setMode(remedy))}
            >
              {t(`action.${remedy}`)}
            </Button>
          ))}
        </Stack>
      ) : null}
      {mode === 're-sign' ? (
        <>
          <Typography variant="body2">{t('reSignHint')}</Typography>
          <SignatureCanvas ref={pad} height={200} testId="remedy-canvas" />
        </>
      ) : null}
      {mode === 'supplementary-signature' ? (
        <Stack spacing={1}>
          <Typography variant="body2">{t('remedy.supplementary-signature')}</Typography>
          <Button
            variant="outlined"
            sx={{ alignSelf: 'flex-start' }}
            data-testid="remedy-print-slip"
            onClick={() => fireAndLog(logger, 'signature-check.slip-failed', printing.printCopy(sale, 'supplementary').then((r) => (r.job.state === 'failed' ? setError(t('errors.slipFailed')) : setInfo(t('slipPrinted')))))}
          >
            {t('action.printSlip')}
          </Button>
          {fileField(t('action.attach'))}
          <TextField label={t('notes')} value={notes} onChange={(e) => setNotes(e.target.value.slice(0, 500))} />
        </Stack>
      ) : null}
      {mode === 'register-explanation' ? (
        <Stack spacing={1}>
          <TextField label={t('reason')} value={reason} onChange={(e) => setReason(e.target.value.slice(0, 500))} slotProps={{ htmlInput: { 'data-testid': 'remedy-reason' } }} />
          <TextField label={t('contacts')} value={contacts} multiline minRows={2} onChange={(e) => setContacts(e.target.value.slice(0, 500))} slotProps={{ htmlInput: { 'data-testid': 'remedy-contacts' } }} />
          <TextField label={t('notes')} value={notes} onChange={(e) => setNotes(e.target.value.slice(0, 500))} />
          {fileField(t('action.attachOptional'))}
        </Stack>
      ) : null}
      {error ? (
        <Alert severity="error" data-testid="remedy-error">
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
              setError(null);
            }}
          >
            {t('action.cancel')}
          </Button>
          <Button variant="contained" disabled={busy} onClick={() => finish(record())} data-testid="remedy-save">
            {t('action.save')}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
};
