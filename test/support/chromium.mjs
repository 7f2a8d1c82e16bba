// Finds a Chromium for the browser and end-to-end tests, and holds the flags they launch it with.
// Order (testing.md): CHROME_PATH, the usual system paths, then a browser Playwright installed itself.
import { existsSync, readdirSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** Flags that let Chromium run headless as root on a machine with a closed network (testing.md). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Gives pages a real WebGPU adapter; on a machine without a GPU it is Chromium's SwiftShader. */
export const WEBGPU_FLAG = '--enable-unsafe-webgpu';

/** @type {Record<string, string[]>} */
const SYSTEM_PATHS = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

/** Where Playwright keeps its browsers, and the executable inside a `chromium-<build>` folder. */
function playwrightCandidates() {
  const os = platform();
  const cacheDir =
    process.env.PLAYWRIGHT_BROWSERS_PATH ||
    (os === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'ms-playwright')
      : os === 'win32'
        ? join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'ms-playwright')
        : join(homedir(), '.cache', 'ms-playwright'));
  if (!existsSync(cacheDir)) return [];
  /** @type {Record<string, string[][]>} */
  const insideByOs = {
    linux: [['chrome-linux64', 'chrome'], ['chrome-linux', 'chrome']],
    darwin: [
      ['chrome-mac-arm64', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
      ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
    ],
    win32: [['chrome-win64', 'chrome.exe'], ['chrome-win', 'chrome.exe']],
  };
  const inside = insideByOs[os] ?? [];
  return readdirSync(cacheDir)
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort()
    .reverse()
    .flatMap((folder) => inside.map((parts) => join(cacheDir, folder, ...parts)));
}

/** @returns {string | null} the path of a Chromium executable, or null when none is found. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const candidates = [...(SYSTEM_PATHS[platform()] ?? []), ...playwrightCandidates()];
  return candidates.find((path) => existsSync(path)) ?? null;
}

export const HOW_TO_GET_CHROMIUM = `No Chromium or Chrome was found for the browser tests.
Looked at CHROME_PATH, the usual install locations and Playwright's browser folder.

Get one, then run the tests again:
  Debian / Ubuntu:  sudo apt-get install chromium        (Ubuntu may name it chromium-browser)
  macOS:            brew install --cask chromium          (or install Google Chrome)
  Windows:          install Google Chrome from https://www.google.com/chrome/
  Anywhere:         npx playwright install chromium       (needs internet access)

Or point the tests at a Chromium-based browser you already have:
  CHROME_PATH=/path/to/chrome npm test
`;

/** The Chromium path, or an error whose message says how to get one. */
export function requireChromium() {
  const path = findChromium();
  if (path) return path;
  if (process.env.CHROME_PATH) {
    throw new Error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there.\n\n${HOW_TO_GET_CHROMIUM}`);
  }
  throw new Error(HOW_TO_GET_CHROMIUM);
}
