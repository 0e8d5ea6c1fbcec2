import type { ReactNode } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** The login screens' language button: anyone may switch, main journals it. */
export interface LanguageSwitch {
  current: 'zh-CN' | 'en';
  onChange: (language: 'zh-CN' | 'en') => void;
}

/** The centred card every sign-in screen uses. */
export const AuthFrame = ({ title, subtitle, children, testId, language }: { title: string; subtitle?: string; children: ReactNode; testId: string; language?: LanguageSwitch }) => {
  const { t } = useTranslation();
  const other = language?.current === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'primary.main', p: 2, position: 'relative' }}>
      {language ? (
        <Button
          variant="outlined"
          onClick={() => language.onChange(other)}
          data-testid="login-language-toggle"
          aria-label={t('language.switchTo')}
          lang={other}
          sx={{ position: 'absolute', top: 16, right: 16, color: 'primary.contrastText', borderColor: 'primary.contrastText' }}
        >
          {t(`language.${other}`)}
        </Button>
      ) : null}
      <Paper data-testid={testId} sx={{ p: 4, width: '100%', maxWidth: 460 }} elevation={6}>
        <Stack spacing={2.5}>
          <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
            {title}
          </Typography>
          {subtitle ? <Typography color="text.secondary">{subtitle}</Typography> : null}
          {children}
        </Stack>
      </Paper>
    </Box>
  );
};
