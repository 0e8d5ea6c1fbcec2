import { useState } from 'react';
import { Box, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ClosePanel } from './ClosePanel';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { ReconcilePanel } from './ReconcilePanel';
import { ReportsPanel } from './ReportsPanel';

const TABS = ['close', 'reports', 'import', 'reconcile', 'export'] as const;
type TabId = (typeof TABS)[number];

/** 结算/对账: close the batch, reports, imports, the three-way match and exports (PRODUCT problem 6). */
export const SettlementSection = () => {
  const { t } = useTranslation('settlement');
  const [tab, setTab] = useState<TabId>('close');
  return (
    <Stack spacing={2} sx={{ maxWidth: 1200 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Tabs value={tab} onChange={(_e, v: TabId) => setTab(v)} variant="scrollable">
        {TABS.map((id) => (
          <Tab key={id} value={id} label={t(`tabs.${id}`)} data-testid={`settlement-tab-${id}`} />
        ))}
      </Tabs>
      <Box>
        {tab === 'close' ? <ClosePanel /> : null}
        {tab === 'reports' ? <ReportsPanel /> : null}
        {tab === 'import' ? <ImportPanel /> : null}
        {tab === 'reconcile' ? <ReconcilePanel /> : null}
        {tab === 'export' ? <ExportPanel /> : null}
      </Box>
    </Stack>
  );
};
