import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../session/ServicesContext';

/**
 * Runs an export and hands each file to the browser's download (a save dialog or the downloads
 * folder, on both hosts); the export itself is the service's.
 */
export const useExports = () => {
  const { t } = useTranslation('settlement');
  const services = useServices();
  const [saved, setSaved] = useState<string[] | null>(null);
  const [failed, setFailed] = useState(false);
  const run = useCallback(
    async (req: { from: string; to: string; format: 'csv' | 'xlsx'; operatorId: string; approvedBy: string }) => {
      setSaved(null);
      setFailed(false);
      try {
        const files = await services.exportRange(req, (key) => t(key));
        for (const f of files) {
          const url = URL.createObjectURL(f.blob);
          const a = document.createElement('a');
          a.href = url;
          a.download = f.name;
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        }
        setSaved(files.map((f) => f.name));
      } catch (error) {
        services.logger.error('settlement.export-failed', { error: error instanceof Error ? error.message : String(error) });
        setFailed(true);
      }
    },
    [t, services],
  );
  return { run, saved, failed };
};
