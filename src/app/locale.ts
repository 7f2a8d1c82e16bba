// The reader's language: English (the source) or Japanese. It follows the browser on the first visit, can be
// switched at any time (components re-render in place, so no state is lost), is remembered, and is what a share
// link carries. `<html lang>` follows the choice, for screen readers and fonts.
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from '../locales/locale-codes.ts';

export type Language = (typeof allLocales)[number];

export const LANGUAGES: readonly Language[] = allLocales;
export const LANGUAGE_STORAGE_KEY = 'lab-language';

/** Each language's name in itself, as language pickers show them. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ja: '日本語' };

/** The translations, loaded only when a reader picks their language. */
const TRANSLATIONS: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  ja: () => import('../locales/ja.ts'),
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => TRANSLATIONS[locale as (typeof targetLocales)[number]](),
});

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function currentLanguage(): Language {
  const locale = getLocale();
  return isLanguage(locale) ? locale : 'en';
}

/** The first of the browser's languages the lab speaks ("ja-JP" → "ja"), or English. */
export function browserLanguage(languages: readonly string[] = globalThis.navigator?.languages ?? []): Language {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The language the reader chose before, if they ever did. */
export function storedLanguage(storage: Pick<Storage, 'getItem'> | null = safeLocalStorage()): Language | null {
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Shows the app in `language`; with `remember`, also for later visits (a reader's own choice, not a link's). */
export async function showLanguage(language: Language, options: { remember: boolean }): Promise<void> {
  await setLocale(language);
  // A later request wins and resolves this one too (lit-localize shares one promise), so the page takes the
  // language that is showing now, never merely the one asked for here.
  document.documentElement.lang = currentLanguage();
  if (!options.remember) return;
  try {
    safeLocalStorage()?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be blocked; the language still applies for this visit.
  }
}

/**
 * A link's language (a share or setup link carries its sender's): shown to a reader who never chose a language,
 * without becoming their choice. A reader's own choice always wins.
 */
export async function followLinkLanguage(language: string): Promise<void> {
  if (storedLanguage() !== null || !isLanguage(language) || language === currentLanguage()) return;
  await showLanguage(language, { remember: false });
}

/** The language to start in: the reader's own choice, else the browser's. */
export function startingLanguage(): Language {
  return storedLanguage() ?? browserLanguage();
}
