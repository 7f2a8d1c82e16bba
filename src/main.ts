// The page's entry point: apply the stored theme before the first render, then start the app shell.
import { applyThemeChoice, readThemeChoice } from './app/theme.ts';
import '../components/lab-app.ts';

applyThemeChoice(readThemeChoice());

// Builds keep themselves for offline use; `vite dev` never registers a service worker, so a developer always runs
// the code on disk. Registering after the page has loaded keeps the background download from slowing its first load,
// and so does loading the code that registers it only then.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = async (): Promise<void> => (await import('./app/app-update.ts')).registerAppShell(navigator.serviceWorker);
  window.addEventListener('load', () => void register(), { once: true });
}
