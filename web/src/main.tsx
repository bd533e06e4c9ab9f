import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Be Vietnam Pro, self-hosted: latin, latin-ext and vietnamese subsets, each loaded only when a page uses it (unicode-range).
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles/main.css';
import { I18nProvider } from './i18n';
import { SessionProvider } from './app/session';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
