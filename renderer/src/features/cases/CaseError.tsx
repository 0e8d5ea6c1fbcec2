import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';

/** The last case action's error, translated (the service keeps a code, never a message). */
export const CaseError = () => {
  const { t } = useTranslation('cases');
  const { cases } = useServices();
  const { error } = useServiceSnapshot(cases);
  if (!error) return null;
  const known = ['transition', 'reason-required', 'bad-digest', 'sale-already-linked', 'unknown-sale', 'unknown-case', 'too-large', 'empty-note'];
  return (
    <Alert severity="error" onClose={() => cases.clearError()} data-testid="case-error" data-code={error.code}>
      {t(`errors.${known.includes(error.code) ? error.code : 'failed'}`)}
    </Alert>
  );
};
