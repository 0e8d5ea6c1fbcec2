import { Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SignatureRecord } from '../../data/records';
import type { SignatureCheck } from './useSignatureCheck';

/** A signature record's own Verify action (original and supplementary signatures): the panel shows that one's check. */
export const VerifySignatureButton = ({ signature, check }: { signature: SignatureRecord; check: SignatureCheck }) => {
  const { t } = useTranslation('signatureCheck');
  if (signature.kind !== 'original' && signature.kind !== 'supplementary') return null;
  return (
    <Button
      size="small"
      variant="outlined"
      sx={{ alignSelf: 'flex-start' }}
      disabled={check.state.kind === 'running'}
      data-testid="signature-record-verify"
      onClick={() => {
        check.run(signature.id);
        document.querySelector('[data-testid="signature-check"]')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      }}
    >
      {t('verifyOne')}
    </Button>
  );
};
