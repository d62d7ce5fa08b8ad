import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/index.ts';
import { applyFontScale } from './lib/prefs.ts';
import { App } from './App.tsx';
import { formatCount } from './nominations/format.ts';
import './styles/base.css';
import './styles/frame.css';
import './styles/setup.css';

initI18n();
applyFontScale();
// The first number formatter of a language loads its locale data (~15 ms): do it while nothing else happens.
(globalThis.requestIdleCallback ?? setTimeout)(() => {
  formatCount(0, 'zh-CN');
  formatCount(0, 'en');
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
