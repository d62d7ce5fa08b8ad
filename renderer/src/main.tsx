import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/index.ts';
import { applyFontScale } from './lib/prefs.ts';
import { App } from './App.tsx';
import './styles/base.css';
import './styles/frame.css';
import './styles/setup.css';

initI18n();
applyFontScale();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
