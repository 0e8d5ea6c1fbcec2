import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App } from './app/App';
import { i18nReady } from './app/i18n';
import { activeDbName } from './data/active-db';
import { dropInactiveDatabases } from './data/backup-repo';
import { CountersignDb } from './data/db';
import { createRendererLogger, fireAndLog } from './services/logger';
import { OperatorSession } from './services/operator-session';

// The composition's first half: what exists before sign-in. The services are built at sign-in (App).
const root = document.getElementById('root');
if (root) {
  const logger = createRendererLogger(api);
  fireAndLog(logger, 'i18n.init-failed', i18nReady);
  window.addEventListener('unhandledrejection', (e) => logger.error('unhandled-rejection', { reason: e.reason as unknown }));
  window.addEventListener('error', (e) => logger.error('uncaught-error', { message: e.message, source: e.filename, line: e.lineno }));
  // The live database is the one the last restore switched to (data/active-db.ts); the others
  // (the data a restore replaced, saved as a backup first, or a scratch copy left by a stop) go.
  const dbName = activeDbName();
  const db = new CountersignDb(dbName);
  fireAndLog(logger, 'backup.drop-inactive-failed', dropInactiveDatabases(dbName));
  createRoot(root).render(
    <StrictMode>
      <App root={{ db, bulkDb: new CountersignDb(dbName, 'relaxed'), api, logger, runStartedAt: Date.now(), session: new OperatorSession(api, db, logger) }} />
    </StrictMode>,
  );
}
