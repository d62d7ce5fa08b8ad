import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'paneldesk.language';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

function stored(): Language {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function reflect(lang: string): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.title = lang === 'en' ? 'PanelDesk 评审工作台' : '评审工作台 PanelDesk';
  }
}

/** Chinese first; the user's choice is remembered on this machine. */
export function initI18n(lang: Language = stored()): I18n {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: lang,
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
    i18next.on('languageChanged', reflect);
  }
  reflect(i18next.language);
  return i18next;
}

export function setLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or no storage: the choice still holds for this session.
  }
  void i18next.changeLanguage(lang);
}
