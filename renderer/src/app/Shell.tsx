import { Fragment, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { AppBar, Box, Button, Chip, Tab, Tabs, Toolbar, Tooltip, Typography, useMediaQuery } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { createLeaveGuard, LeaveDialog, LeaveGuardContext } from '../features/session/leave-guard';

/** Where a link inside the console points: a section and what to show there (e.g. a list filter). */
export type NavParams = Readonly<Record<string, string>>;
export type Go = (section: string, params?: NavParams) => void;

export interface Section {
  id: string;
  render: (params: NavParams) => ReactNode;
  managerOnly?: boolean;
  /** Shown only in training mode. */
  trainingOnly?: boolean;
}

export interface ShellProps {
  sections: Section[];
  operator: { name: string; role: 'cashier' | 'manager' };
  trainingMode: boolean;
  /** The language button (it saves the host's language setting). */
  languageSwitch: ReactNode;
  onLock: () => void;
  onLogout: () => void;
  /** The status strip under the app bar: printer, reader, offline queue, unsigned, not printed. */
  statusItems?: (go: Go) => ReactNode;
  /** Drawn over every section; told which section is showing. */
  overlay?: (activeSection: string) => ReactNode;
}

interface Place {
  id: string;
  params: NavParams;
  /** Bumped by links with params, so the section opens afresh on what they name. */
  visit: number;
}

/**
 * App bar (one line, never wrapping: compact below 1280 px), a status strip, left navigation with
 * large targets, and the current section. Leaving a screen with unsaved edits asks first.
 */
export const Shell = ({ sections, operator, trainingMode, languageSwitch, onLock, onLogout, statusItems, overlay }: ShellProps) => {
  const { t } = useTranslation();
  const compact = useMediaQuery('(max-width: 1279.95px)');
  const visible = sections.filter((s) => !s.managerOnly || operator.role === 'manager');
  const [place, setPlace] = useState<Place>({ id: visible[0]?.id ?? '', params: {}, visit: 0 });
  const [pending, setPending] = useState<(() => void) | null>(null);
  const guard = useMemo(() => createLeaveGuard(), []);
  const active = visible.find((s) => s.id === place.id) ?? visible[0];

  const leaveThen = (action: () => void): void => {
    if (guard.unsaved()) setPending(() => action);
    else action();
  };
  const go: Go = (section, params) => {
    if (section === active?.id && !params) return;
    leaveThen(() => setPlace((p) => ({ id: section, params: params ?? {}, visit: params ? p.visit + 1 : p.visit })));
  };
  const role = t(`operatorRole.${operator.role}`);

  return (
    <LeaveGuardContext.Provider value={guard}>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <AppBar position="static" elevation={0}>
          <Toolbar sx={{ gap: compact ? 1 : 2, minHeight: 56, flexWrap: 'nowrap' }} data-testid="app-bar">
            <Typography variant="h6" component="div" noWrap sx={{ fontWeight: 700, flexShrink: 0 }}>
              {compact ? t('appNameShort') : t('appName')}
            </Typography>
            {trainingMode ? (
              <Tooltip title={t('trainingHint')} describeChild>
                <Chip label={t('training')} color="warning" data-testid="training-chip" sx={{ fontWeight: 700, bgcolor: '#f2a900', color: '#111', flexShrink: 0 }} />
              </Tooltip>
            ) : null}
            <Box sx={{ flex: 1, minWidth: 8 }} />
            <Typography data-testid="operator-badge" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
              {compact ? t('operatorShort', { name: operator.name, role }) : t('signedInAs', { name: operator.name, role })}
            </Typography>
            {languageSwitch}
            <Button color="inherit" variant="outlined" onClick={onLock} data-testid="lock-now" sx={{ whiteSpace: 'nowrap', flexShrink: 0, px: compact ? 1.5 : 2.5 }}>
              {t('lockNow')}
            </Button>
            <Button color="inherit" onClick={() => leaveThen(onLogout)} data-testid="logout" sx={{ whiteSpace: 'nowrap', flexShrink: 0, px: compact ? 1.5 : 2.5 }}>
              {t('logout')}
            </Button>
          </Toolbar>
          {statusItems ? (
            <Toolbar variant="dense" sx={{ gap: 1, minHeight: 44, bgcolor: 'rgba(0,0,0,0.18)', flexWrap: 'nowrap', overflowX: 'auto' }} data-testid="status-strip" aria-label={t('statusStrip')} role="region">
              {statusItems(go)}
            </Toolbar>
          ) : null}
        </AppBar>
        <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <Tabs
            orientation="vertical"
            value={active?.id ?? false}
            onChange={(_e, id: string) => go(id)}
            sx={{ borderRight: 1, borderColor: 'divider', minWidth: compact ? 150 : 180, bgcolor: 'background.paper', flexShrink: 0 }}
          >
            {visible.map((s) => (
              <Tab key={s.id} value={s.id} label={t(`nav.${s.id}`)} data-testid={`nav-${s.id}`} sx={{ whiteSpace: 'nowrap' }} />
            ))}
          </Tabs>
          <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto', p: compact ? 2 : 3 }} data-testid={`section-${active?.id ?? 'none'}`}>
            {active ? <Fragment key={`${active.id}:${place.visit}`}>{active.render(active.id === place.id ? place.params : {})}</Fragment> : null}
          </Box>
          {overlay?.(active?.id ?? '')}
        </Box>
      </Box>
      <LeaveDialog
        open={pending !== null}
        onStay={() => setPending(null)}
        onLeave={() => {
          const action = pending;
          setPending(null);
          action?.();
        }}
      />
    </LeaveGuardContext.Provider>
  );
};
