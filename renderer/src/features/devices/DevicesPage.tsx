import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CardReaderPanel } from '../card-reader/CardReaderPanel';
import { PrinterPanel } from '../printer/PrinterPanel';
import { useSessionActions } from '../session/SessionContext';

/** Card readers and printers: status, tests and setup guidance (the virtual printer shows inside the printer panel). */
export const DevicesPage = () => {
  const { t } = useTranslation();
  const { operator } = useSessionActions();
  return (
    <Stack spacing={3} sx={{ maxWidth: 1100 }}>
      <Typography variant="h5" component="h1">
        {t('nav.devices')}
      </Typography>
      <PrinterPanel />
      <CardReaderPanel role={operator?.role ?? 'cashier'} />
    </Stack>
  );
};
