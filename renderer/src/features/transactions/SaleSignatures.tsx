import type { ReactNode } from 'react';
import { Box, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ShopTime } from '../session/useShopTime';
import { AttachmentPreview } from './AttachmentPreview';
import type { SignatureWithFiles } from './useTransactions';
import type { SignatureRecord } from '../../data/records';

/**
 * Every signature record of a sale, oldest first: the signature images, and the follow-up as it
 * was recorded (what happened, the contact log, notes, who approved, the photos or scans).
 */
export const SaleSignatures = ({ records, time, operatorName, action }: { records: SignatureWithFiles[]; time: ShopTime; operatorName: (id: string) => string; action?: (signature: SignatureRecord) => ReactNode }) => {
  const { t } = useTranslation('transactions');
  return (
    <Stack spacing={1} data-testid="sale-signatures">
      <Typography variant="h6" component="h3">
        {t('detail.signatures.title')}
      </Typography>
      {records.length === 0 ? <Typography color="text.secondary">{t('detail.signatures.none')}</Typography> : null}
      {records.map(({ signature: s, attachments }) => (
        <Paper key={s.id} variant="outlined" sx={{ p: 1.5 }} data-testid="signature-record" data-kind={s.kind}>
          <Stack spacing={0.75}>
            <Typography sx={{ fontWeight: 600 }}>{t(`detail.signatures.kind.${s.kind}`)}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('detail.signatures.by', { time: time.dateTime(s.createdAt), operator: operatorName(s.operatorId) })}
            </Typography>
            {s.image ? (
              <Box component="img" src={s.image} alt={t('detail.signatures.image', { time: time.dateTime(s.createdAt) })} data-testid="signature-image" sx={{ maxWidth: '100%', maxHeight: 160, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff', alignSelf: 'flex-start' }} />
            ) : null}
            {s.reason ? (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="signature-reason">
                <b>{t('detail.signatures.reason')}</b> {s.reason}
              </Typography>
            ) : null}
            {s.contactAttempts ? (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="signature-contacts">
                <b>{t('detail.signatures.contacts')}</b> {s.contactAttempts}
              </Typography>
            ) : null}
            {s.approvedBy ? <Typography variant="body2">{t('detail.signatures.approvedBy', { name: operatorName(s.approvedBy) })}</Typography> : null}
            {action ? action(s) : null}
            {attachments.length > 0 ? (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {attachments.map((file) => (
                  <AttachmentPreview key={file.id} file={file} />
                ))}
              </Stack>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
};
