import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { Alert, AlertTitle, Button, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Logger } from '../services/logger';

const Crashed = ({ onRetry }: { onRetry: () => void }) => {
  const { t } = useTranslation();
  return (
    <Alert severity="error" data-testid="screen-crashed" sx={{ m: 2 }}>
      <AlertTitle>{t('crashed.title')}</AlertTitle>
      <Typography sx={{ mb: 1 }}>{t('crashed.body')}</Typography>
      <Button variant="contained" color="error" onClick={onRetry} data-testid="screen-crashed-retry">
        {t('crashed.retry')}
      </Button>
    </Alert>
  );
};

/**
 * A render error in a screen shows a translated message instead of a blank window, and goes to
 * main's log. The services keep running underneath (they are not React), so no sale is lost.
 */
export class ErrorBoundary extends Component<{ logger: Logger; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.props.logger.error('screen-crashed', { error, stack: info.componentStack ?? null });
  }

  override render(): ReactNode {
    return this.state.failed ? <Crashed onRetry={() => this.setState({ failed: false })} /> : this.props.children;
  }
}
