import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';
import { ExportProgressDialog } from './ExportProgressDialog';
import { useEvidenceExport } from './useEvidence';

const SALE_SCOPE = ['sale'] as const;

/** 导出证据包 on a sale's detail: one click for a manager; a cashier is told a manager must do it. */
export const ExportSaleButton = ({ saleId }: { saleId: string }) => {
  const { t } = useTranslation('evidence');
  const { evidence, logger } = useServices();
  const { canExport } = useEvidenceExport();
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <Button variant="outlined" disabled={!canExport} onClick={() => fireAndLog(logger, 'evidence.export-failed', evidence.start({ kind: 'sale', saleId }))} data-testid="detail-export-evidence">
        {t('export.sale')}
      </Button>
      {canExport ? null : (
        <Typography variant="caption" color="text.secondary" data-testid="export-manager-only">
          {t('export.managerOnly')}
        </Typography>
      )}
      <ExportProgressDialog scopes={SALE_SCOPE} />
    </Stack>
  );
};
