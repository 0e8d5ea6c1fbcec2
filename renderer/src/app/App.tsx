import { CssBaseline, ThemeProvider } from '@mui/material';
import { theme } from './theme';
import { AboutPage } from '../features/about/AboutPage';
import { HostSettingsProvider } from './HostSettingsContext';

export const App = () => (
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <HostSettingsProvider fallback={<div>connecting</div>}>
      <AboutPage />
    </HostSettingsProvider>
  </ThemeProvider>
);
