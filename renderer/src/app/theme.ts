import { createTheme } from '@mui/material/styles';

/**
 * Built for a counter: high contrast, large touch targets (48 px minimum), visible focus for
 * keyboard use, and fonts that carry Chinese well on Windows and macOS.
 */
export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#0b4f6c' },
    secondary: { main: '#b5651d' },
    success: { main: '#1b7f3b' },
    error: { main: '#b00020' },
    warning: { main: '#a15c00' },
    background: { default: '#f3f5f7', paper: '#ffffff' },
    text: { primary: '#111820', secondary: '#3d4a56' },
  },
  typography: {
    fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Segoe UI", Roboto, sans-serif',
    fontSize: 15,
    button: { textTransform: 'none', fontWeight: 600, fontSize: '1rem' },
  },
  shape: { borderRadius: 8 },
  components: {
    // A button label never wraps ("锁/屏"): a screen that runs out of room lays its buttons out again instead.
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { minHeight: 48, paddingInline: 20, whiteSpace: 'nowrap' } } },
    MuiToggleButton: { styleOverrides: { root: { whiteSpace: 'nowrap' } } },
    MuiIconButton: { styleOverrides: { root: { minWidth: 48, minHeight: 48 } } },
    MuiTab: { styleOverrides: { root: { minHeight: 56, fontSize: '1rem', alignItems: 'flex-start', textAlign: 'left' } } },
    MuiTextField: { defaultProps: { fullWidth: true } },
    MuiInputBase: { styleOverrides: { input: { fontSize: '1.1rem' } } },
    MuiButtonBase: {
      styleOverrides: { root: { '&.Mui-focusVisible': { outline: '3px solid #f2a900', outlineOffset: 2 } } },
    },
  },
});
