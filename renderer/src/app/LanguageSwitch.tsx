import { Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLanguageSwitch } from './useLanguageSwitch';

/** The language button: its accessible name is its visible text (the other language, in that language). */
export const LanguageSwitch = ({ variant = 'outlined', color = 'inherit' }: { variant?: 'outlined' | 'text'; color?: 'inherit' | 'primary' }) => {
  const { t } = useTranslation();
  const { other, switchLanguage, failed } = useLanguageSwitch();
  return (
    <Button
      color={color}
      variant={variant}
      lang={other}
      onClick={switchLanguage}
      data-testid="language-toggle"
      data-failed={failed}
      title={failed ? t('language.notSaved') : undefined}
      sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
    >
      {t(`language.${other}`)}
    </Button>
  );
};
