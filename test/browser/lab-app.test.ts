import { expect } from 'chai';
import '../../components/lab-app.ts';
import type { LabApp } from '../../components/lab-app.ts';
import { THEME_STORAGE_KEY } from '../../src/app/theme.ts';
import { deepQuery, expectNoAxeViolations, prepareLikeIndexHtml, settled } from './support.ts';

const DARK_BACKGROUND = 'rgb(15, 17, 21)';
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';

async function mountApp(hash = '#/'): Promise<LabApp> {
  history.replaceState(null, '', hash);
  const app = document.createElement('lab-app');
  document.body.append(app);
  await app.languageShown;
  await settled(app);
  return app;
}

async function navigate(app: LabApp, hash: string): Promise<void> {
  const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
  location.hash = hash;
  await changed;
  await settled(app);
}

/** Waits for the GPU page's preflight to reach a verdict (the adapter request is asynchronous). */
async function gpuVerdict(app: LabApp): Promise<HTMLElement> {
  for (let attempt = 0; attempt < 200; attempt++) {
    await settled(app);
    const verdict = deepQuery<HTMLElement>(app, '[data-verdict]');
    if (verdict) return verdict;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error('The GPU page never showed a verdict');
}

function pageBackground(): string {
  return getComputedStyle(document.documentElement).backgroundColor;
}

/** The chart colour for base models as an element would paint it (the token is a light-dark() pair). */
function chartBaseColour(app: LabApp): string {
  const probe = document.createElement('span');
  probe.style.color = 'var(--lab-chart-base)';
  app.shadowRoot!.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

function themeRadio(app: LabApp, label: string): HTMLInputElement {
  const labels = [...(app.shadowRoot!.querySelector('lab-theme-switch')!.shadowRoot!.querySelectorAll('label'))];
  const match = labels.find((el) => el.textContent?.trim() === label);
  if (!match) throw new Error(`No theme option labelled ${label}`);
  return match.querySelector('input')!;
}

describe('<lab-app>', () => {
  before(prepareLikeIndexHtml);

  beforeEach(() => {
    localStorage.clear();
    document.documentElement.removeAttribute('data-theme');
  });

  afterEach(() => {
    document.querySelectorAll('lab-app').forEach((el) => el.remove());
  });

  it('renders the header, navigation and the home page', async () => {
    const app = await mountApp('#/');
    const root = app.shadowRoot!;
    expect(root.querySelector('header .app-name')?.textContent).to.equal('Base vs Aligned Lab');
    const links = [...root.querySelectorAll('nav a')].map((a) => a.textContent?.trim());
    expect(links).to.deep.equal(['Home', 'Lab', 'Claims', 'History', 'Your GPU', 'Storage']);
    expect(root.querySelector('nav a[aria-current="page"]')?.textContent?.trim()).to.equal('Home');
    const home = root.querySelector('lab-home-page');
    expect(home, 'the home page').to.not.equal(null);
    expect(home!.shadowRoot!.querySelector('h1')?.textContent).to.contain('randomness');
    expect(home!.shadowRoot!.querySelector('a[href="https://arxiv.org/abs/2505.00047"]'), 'the arXiv link').to.not.equal(null);
    const badges = [...home!.shadowRoot!.querySelectorAll('.status')].map((b) => b.textContent?.trim());
    expect(badges).to.have.length(4);
    expect(badges.every((text) => text === 'Ready to run')).to.equal(true);
    expect(document.title).to.equal('Base vs Aligned Lab');
  });

  it('follows the hash to the GPU page, marks the link current and moves focus to the new heading', async () => {
    const app = await mountApp('#/');
    await navigate(app, '#/gpu');
    const root = app.shadowRoot!;
    const gpuPage = root.querySelector('lab-gpu-page');
    expect(gpuPage, 'the GPU page').to.not.equal(null);
    expect(root.querySelector('nav a[aria-current="page"]')?.textContent?.trim()).to.equal('Your GPU');
    expect(document.title).to.equal('Your GPU · Base vs Aligned Lab');
    await gpuVerdict(app);
    expect(gpuPage!.shadowRoot!.activeElement?.tagName).to.equal('H1');
  });

  it('shows a not-found page for an unknown route', async () => {
    const app = await mountApp('#/nowhere');
    const main = app.shadowRoot!.querySelector('main')!;
    expect(main.querySelector('h1')?.textContent).to.equal('Page not found');
    expect(main.querySelector('code')?.textContent).to.equal('/nowhere');
  });

  it('switches to dark and light, stores the choice and restores it on the next visit', async () => {
    let app = await mountApp('#/');
    themeRadio(app, 'Dark').click();
    await settled(app);
    expect(document.documentElement.dataset.theme).to.equal('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).to.equal('dark');
    expect(pageBackground()).to.equal(DARK_BACKGROUND);
    expect(document.querySelector<HTMLMetaElement>('meta[name="theme-color"]')?.content).to.equal(DARK_BACKGROUND);
    // Chart colours are theme tokens: the dark base colour differs from the light one.
    const darkChartBase = chartBaseColour(app);

    app.remove();
    document.documentElement.removeAttribute('data-theme');
    app = await mountApp('#/');
    expect(themeRadio(app, 'Dark').checked, 'the stored choice is shown after a reload').to.equal(true);
    expect(document.documentElement.dataset.theme).to.equal('dark');

    themeRadio(app, 'Light').click();
    await settled(app);
    expect(document.documentElement.dataset.theme).to.equal('light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).to.equal('light');
    expect(pageBackground()).to.equal(LIGHT_BACKGROUND);
    expect(document.querySelector<HTMLMetaElement>('meta[name="theme-color"]')?.content).to.equal(LIGHT_BACKGROUND);
    expect(chartBaseColour(app)).to.not.equal(darkChartBase);

    themeRadio(app, 'Auto').click();
    await settled(app);
    expect(document.documentElement.hasAttribute('data-theme')).to.equal(false);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).to.equal('auto');
    const systemDark = matchMedia('(prefers-color-scheme: dark)').matches;
    expect(pageBackground()).to.equal(systemDark ? DARK_BACKGROUND : LIGHT_BACKGROUND);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations on the home page in the ${theme} theme`, async () => {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
      await mountApp('#/');
      expect(document.documentElement.dataset.theme).to.equal(theme);
      await expectNoAxeViolations(`home page (${theme})`);
    });

    it(`has no axe violations on the GPU page in the ${theme} theme`, async () => {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
      const app = await mountApp('#/gpu');
      await gpuVerdict(app);
      await expectNoAxeViolations(`GPU page (${theme})`);
    });
  }
});
