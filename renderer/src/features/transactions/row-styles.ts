import type { CSSProperties } from 'react';
import type { Theme } from '@mui/material/styles';
import './sales-list.css';

export const ROW_HEIGHT = 56;

/** The list's columns, in order; widths are in sales-list.css (`.cs-col-<name>`). */
export const COLUMNS = ['time', 'amount', 'card', 'state', 'signature', 'kind'] as const;

/** The theme's colours for sales-list.css, as custom properties on the elements it styles. */
export const rowColours = (theme: Theme): CSSProperties => {
  const p = theme.palette;
  return {
    '--cs-divider': p.divider,
    '--cs-hover': p.action.hover,
    '--cs-selected': p.action.selected,
    '--cs-primary': p.primary.main,
    '--cs-primary-dark': p.primary.dark,
    '--cs-primary-text': p.primary.contrastText,
    '--cs-outline': p.grey[400],
    // The focus ring of the theme's buttons (theme.ts, MuiButtonBase).
    '--cs-focus': '#f2a900',
    '--cs-text': p.text.primary,
    '--cs-success': p.success.main,
    '--cs-success-text': p.success.contrastText,
    '--cs-error': p.error.main,
    '--cs-error-text': p.error.contrastText,
    '--cs-warning': p.warning.main,
    '--cs-warning-text': p.warning.contrastText,
    '--cs-info': p.info.main,
    '--cs-info-text': p.info.contrastText,
  } as CSSProperties;
};
