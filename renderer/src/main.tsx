import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App } from './app/App';
import { i18nReady } from './app/i18n';
import { CountersignDb, DB_NAME } from './data/db';
import { createRendererLogger, fireAndLog } from './services/logger';
import { OperatorSession } from './services/operator-session';

// The composition's first half: what exists before sign-in. The services are built at sign-in (App).
const root = document.getElementById('root');
if (root) {
  const logger = createRendererLogger(api);
  fireAndLog(logger, 'i18n.init-failed', i18nReady);
  window.addEventListener('unhandledrejection', (e) => logger.error('unhandled-rejection', { reason: e.reason as unknown }));
  window.addEventListener('error', (e) => logger.error('uncaught-error', { message: e.message, source: e.filename, line: e.lineno }));
  const db = new CountersignDb();
  createRoot(root).render(
    <StrictMode>
      <App root={{ db, bulkDb: new CountersignDb(DB_NAME, 'relaxed'), api, logger, runStartedAt: Date.now(), session: new OperatorSession(api, db, logger) }} />
    </StrictMode>,
  );
}
