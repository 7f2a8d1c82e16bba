// The page's entry point: apply the stored theme before the first render, then start the app shell.
import { applyThemeChoice, readThemeChoice } from './app/theme.ts';
import '../components/lab-app.ts';

applyThemeChoice(readThemeChoice());
