import { Alert, Box, CircularProgress, Paper } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useReceiptPreview } from './useReceiptPreview';

/**
 * Receipt markup shown as it will print: main draws the SVG with the same receiptline layout as
 * the ESC/POS bytes. Shown as an <img> so the SVG cannot run anything or reach the network.
 */
export const ReceiptPreview = ({ markup, width = 320 }: { markup: string | null; width?: number }) => {
  const { t } = useTranslation('printer');
  const { svg, error } = useReceiptPreview(markup);
  if (!markup) return null;
  if (error) return <Alert severity="warning">{t('preview.failed', { reason: error })}</Alert>;
  if (!svg) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 2 }} aria-live="polite">
        <CircularProgress size={20} />
        {t('preview.loading')}
      </Box>
    );
  }
  return (
    <Paper variant="outlined" sx={{ width, p: 1, bgcolor: '#fff' }} data-testid="receipt-preview">
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={t('preview.alt')} style={{ width: '100%', display: 'block' }} />
    </Paper>
  );
};
