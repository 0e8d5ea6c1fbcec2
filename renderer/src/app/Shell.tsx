import { useState } from 'react';
import type { ReactNode } from 'react';
import { AppBar, Box, Button, Chip, Tab, Tabs, Toolbar, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

export interface Section {
  id: string;
  render: () => ReactNode;
  managerOnly?: boolean;
  /** Shown only in training mode. */
  trainingOnly?: boolean;
}

export interface ShellProps {
  sections: Section[];
  operator: { name: string; role: 'cashier' | 'manager' };
  trainingMode: boolean;
  language: 'zh-CN' | 'en';
  onLanguage: (language: 'zh-CN' | 'en') => void;
  onLock: () => void;
  onLogout: () => void;
  /** Status items for the app bar (unsigned counter, link state, printer state). */
  statusItems?: (go: (section: string) => void) => ReactNode;
  /** Drawn over every section; told which section is showing. */
  overlay?: (activeSection: string) => ReactNode;
}

/** App bar, left navigation with large targets, and the current section. */
export const Shell = ({ sections, operator, trainingMode, language, onLanguage, onLock, onLogout, statusItems, overlay }: ShellProps) => {
  const { t } = useTranslation();
  const visible = sections.filter((s) => !s.managerOnly || operator.role === 'manager');
  const [current, setCurrent] = useState(visible[0]?.id ?? '');
  const active = visible.find((s) => s.id === current) ?? visible[0];
  const other = language === 'zh-CN' ? 'en' : 'zh-CN';

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar sx={{ gap: 2, minHeight: 64 }}>
          <Typography variant="h6" component="div" noWrap sx={{ fontWeight: 700 }}>
            {t('appName')}
          </Typography>
          {trainingMode ? (
            <Tooltip title={t('trainingHint')}>
              <Chip label={t('training')} color="warning" data-testid="training-chip" sx={{ fontWeight: 700, bgcolor: '#f2a900', color: '#111' }} />
            </Tooltip>
          ) : null}
          <Box sx={{ flex: 1 }} />
          {statusItems?.(setCurrent)}
          <Typography data-testid="operator-badge" noWrap>
            {t('signedInAs', { name: operator.name, role: t(`operatorRole.${operator.role}`) })}
          </Typography>
          <Button color="inherit" variant="outlined" onClick={() => onLanguage(other)} data-testid="language-toggle" aria-label={t('language.switchTo')} lang={other}>
            {t(`language.${other}`)}
          </Button>
          <Button color="inherit" variant="outlined" onClick={onLock} data-testid="lock-now">
            {t('lockNow')}
          </Button>
          <Button color="inherit" onClick={onLogout} data-testid="logout">
            {t('logout')}
          </Button>
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Tabs
          orientation="vertical"
          value={active?.id ?? false}
          onChange={(_e, id: string) => setCurrent(id)}
          sx={{ borderRight: 1, borderColor: 'divider', minWidth: 180, bgcolor: 'background.paper' }}
        >
          {visible.map((s) => (
            <Tab key={s.id} value={s.id} label={t(`nav.${s.id}`)} data-testid={`nav-${s.id}`} />
          ))}
        </Tabs>
        <Box component="main" sx={{ flex: 1, overflow: 'auto', p: 3 }} data-testid={`section-${active?.id ?? 'none'}`}>
          {active?.render()}
        </Box>
        {overlay?.(active?.id ?? '')}
      </Box>
    </Box>
  );
};
