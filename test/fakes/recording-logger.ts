import type { LogLevel, Logger } from '../../electron/services/logger';

export interface LoggedLine {
  level: LogLevel;
  event: string;
  fields: Record<string, unknown>;
}

/** A Logger that keeps every line in memory, for tests that check what was logged. */
export const recordingLogger = (): Logger & { lines: LoggedLine[]; events(): string[] } => {
  const lines: LoggedLine[] = [];
  const at = (level: LogLevel) => (event: string, fields: Record<string, unknown> = {}) => {
    lines.push({ level, event, fields });
  };
  return { lines, events: () => lines.map((l) => l.event), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};
