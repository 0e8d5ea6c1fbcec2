import { Accordion, AccordionDetails, AccordionSummary, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { hostOs } from './card-text';
import type { HostOs } from './card-text';

const SECTIONS: Array<{ os: HostOs; paragraphs: string[] }> = [
  { os: 'windows', paragraphs: ['modes', 'magtek', 'idtech', 'driver'] },
  { os: 'macos', paragraphs: ['keyboard', 'permission', 'hid'] },
  { os: 'linux', paragraphs: ['udev', 'keyboard'] },
];

/** Per-OS setup help; the host's own OS is listed first and open. */
export const ReaderGuidance = ({ platform }: { platform: string | null }) => {
  const { t } = useTranslation('cardReader');
  const current = hostOs(platform);
  const ordered = [...SECTIONS].sort((a, b) => Number(b.os === current) - Number(a.os === current));
  return (
    <Stack spacing={1}>
      <Typography variant="h6" component="h2">
        {t('guidance.title')}
      </Typography>
      {ordered.map(({ os, paragraphs }) => (
        <Accordion key={os} defaultExpanded={os === current} disableGutters data-testid={`card-reader-guidance-${os}`}>
          <AccordionSummary sx={{ minHeight: 56 }}>
            <Typography sx={{ fontWeight: 600 }}>
              {t(`guidance.${os}.title`)}
              {os === current ? ` (${t('guidance.thisComputer')})` : ''}
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <Stack spacing={1}>
              {paragraphs.map((p) => (
                <Typography key={p} variant="body2">
                  {t(`guidance.${os}.${p}`)}
                </Typography>
              ))}
            </Stack>
          </AccordionDetails>
        </Accordion>
      ))}
    </Stack>
  );
};
