// Colour theme: the user's choice (light, dark or follow the system) is stored in localStorage and applied
// as `data-theme` on <html>. Without that attribute the stylesheet's `light-dark()` colours follow
// `prefers-color-scheme`, so "auto" needs no script and never flashes the wrong theme.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ThemeChoice = 'light' | 'dark' | 'auto';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'auto'];
export const THEME_STORAGE_KEY = 'lab-theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): ResolvedTheme {
  if (choice === 'auto') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** The stored choice; anything missing, unreadable (storage blocked) or unknown means "auto". */
export function readThemeChoice(storage: Pick<Storage, 'getItem'> | null = safeLocalStorage()): ThemeChoice {
  try {
    const stored = storage?.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'auto';
  } catch {
    return 'auto';
  }
}

export function storeThemeChoice(choice: ThemeChoice, storage: Pick<Storage, 'setItem'> | null = safeLocalStorage()): void {
  try {
    storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage can be blocked (private modes, policies); the theme still applies for this visit.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.(DARK_QUERY).matches ?? false;
}

/** Puts the choice on the page: the `data-theme` attribute and the browser UI colour (`meta[name=theme-color]`). */
export function applyThemeChoice(choice: ThemeChoice, doc: Document = document): ResolvedTheme {
  const root = doc.documentElement;
  if (choice === 'auto') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  const resolved = resolveTheme(choice, systemPrefersDark());
  // The computed background is the resolved colour of the chosen scheme (the token itself is a light-dark() pair).
  const background = getComputedStyle(root).backgroundColor;
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (meta && background) meta.content = background;
  return resolved;
}

/**
 * Keeps a host element in step with the theme: holds the current choice, applies and stores a new one, and
 * follows the system setting while the choice is "auto".
 */
export class ThemeController implements ReactiveController {
  choice: ThemeChoice = readThemeChoice();
  resolved: ResolvedTheme = resolveTheme(this.choice, systemPrefersDark());

  private readonly host: ReactiveControllerHost;
  private media: MediaQueryList | null = null;
  private readonly onSystemChange = (): void => {
    if (this.choice !== 'auto') return;
    this.resolved = applyThemeChoice('auto');
    this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.resolved = applyThemeChoice(this.choice);
    this.media = globalThis.matchMedia?.(DARK_QUERY) ?? null;
    this.media?.addEventListener('change', this.onSystemChange);
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.onSystemChange);
    this.media = null;
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    storeThemeChoice(choice);
    this.resolved = applyThemeChoice(choice);
    this.host.requestUpdate();
  }
}
