import type { ReactNode } from 'react';
import { Box, Paper, Stack, Typography } from '@mui/material';

/** The centred card every sign-in screen uses; `corner` holds the language switch. */
export const AuthFrame = ({ title, subtitle, children, testId, corner }: { title: string; subtitle?: string; children: ReactNode; testId: string; corner?: ReactNode }) => (
  <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'primary.main', p: 2 }}>
    <Paper data-testid={testId} sx={{ p: 4, width: '100%', maxWidth: 460 }} elevation={6}>
      <Stack spacing={2.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" sx={{ fontWeight: 700, flex: 1 }}>
            {title}
          </Typography>
          {corner}
        </Stack>
        {subtitle ? <Typography color="text.secondary">{subtitle}</Typography> : null}
        {children}
      </Stack>
    </Paper>
  </Box>
);
