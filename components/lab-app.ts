import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, state } from 'lit/decorators.js';
import type { LabContext } from '../src/app/lab-context.ts';
import { currentLanguage, showLanguage, startingLanguage } from '../src/app/locale.ts';
import { RouterController, hrefFor, type FixedPage, type PageName, type Route } from '../src/app/router.ts';
import { ThemeController } from '../src/app/theme.ts';
import type { LanguageChangeEvent } from './lab-language-switch.ts';
import type { ThemeChangeEvent } from './lab-theme-switch.ts';
import './lab-home-page.ts';
import './lab-language-switch.ts';
import './lab-theme-switch.ts';
import { pageStyles } from './styles/shared.ts';

function pageTitle(page: PageName): string {
  switch (page) {
    case 'home':
      return msg('Home');
    case 'gpu':
      return msg('Your GPU');
    case 'lab':
      return msg('Lab');
    case 'history':
      return msg('History');
    case 'run':
      return msg('Run');
    case 'claims':
      return msg('Claims');
    case 'settings':
      return msg('Storage');
    case 'share':
      return msg('Shared run');
    case 'not-found':
      return msg('Page not found');
  }
}

const NAV: FixedPage[] = ['home', 'lab', 'claims', 'history', 'gpu', 'settings'];

/**
 * The pages that need the probes, statistics and storage load on first visit, so the first page a visitor sees
 * stays small (home and "Your GPU" are part of the first load). Their elements upgrade when the module arrives.
 */
const LAZY_PAGES: Partial<Record<PageName, () => Promise<unknown>>> = {
  lab: () => import('./lab-lab-page.ts'),
  history: () => import('./lab-history-page.ts'),
  run: () => import('./lab-run-page.ts'),
  claims: () => import('./lab-claims-page.ts'),
  settings: () => import('./lab-settings-page.ts'),
  share: () => import('./lab-share-page.ts'),
};

/** The app shell: header with navigation, language and theme, the current page, and a footer. */
@customElement('lab-app')
@localized()
export class LabApp extends LitElement {
  static override styles = [
    pageStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
      }

      /* A button, not an in-page link: the hash belongs to the router, and a link's target could not reach
         into this element's shadow root anyway. */
      .skip-link {
        position: absolute;
        left: 0.5rem;
        top: -3rem;
        padding: 0.5rem 1rem;
        background: var(--lab-accent);
        color: var(--lab-accent-text);
        border-radius: var(--lab-radius);
        z-index: 1;
      }

      .skip-link:focus {
        top: 0.5rem;
      }

      header {
        border-bottom: 1px solid var(--lab-border-subtle);
        background: var(--lab-surface);
      }

      .bar,
      main,
      footer > div {
        box-sizing: border-box;
        width: 100%;
        max-width: var(--lab-max-width);
        margin: 0 auto;
        padding-inline: var(--lab-space);
      }

      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.25rem;
        padding-block: 0.6rem;
      }

      .app-name {
        font-weight: 700;
        font-size: 1.05rem;
        color: var(--lab-text);
        text-decoration: none;
        margin-right: auto;
      }

      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }

      nav a {
        display: block;
        padding: 0.3rem 0.5rem;
        border-radius: var(--lab-radius);
        color: var(--lab-text);
        text-decoration: none;
      }

      nav a:hover {
        text-decoration: underline;
      }

      nav a[aria-current='page'] {
        font-weight: 600;
        box-shadow: inset 0 -3px 0 var(--lab-accent);
      }

      .settings {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }

      /* Wide screens: navigation and settings sit in the bar, and there is no menu button. */
      .menu {
        display: contents;
      }

      .menu-button {
        display: none;
      }

      /* Narrow screens (a phone): the name and a menu button make one row; the menu opens below them. */
      @media (max-width: 47.99rem) {
        .menu-button {
          display: block;
        }

        .menu {
          display: none;
          flex-basis: 100%;
          gap: 0.75rem;
          padding-bottom: 0.5rem;
        }

        .menu.open {
          display: grid;
        }

        nav ul {
          flex-direction: column;
        }
      }

      .notice {
        border-bottom: 0.35rem solid var(--lab-warn);
      }

      .notice p {
        margin: 0;
      }

      main {
        flex: 1;
        padding-block: 2rem;
      }

      main:focus {
        outline: none;
      }

      footer {
        border-top: 1px solid var(--lab-border-subtle);
        color: var(--lab-text-muted);
        font-size: 0.875rem;
      }

      footer p {
        margin: 0;
        padding-block: 1rem;
        max-width: none;
      }
    `,
  ];

  /**
   * The lab's shared state, made on the first visit to a page that needs it: it brings the probes, statistics and
   * storage code with it, which the home and "Your GPU" pages do without.
   */
  @state() private context: LabContext | null = null;
  private contextRequested = false;
  private readonly router = new RouterController(this);
  private readonly theme = new ThemeController(this);
  private lastRenderedPage: PageName | null = null;
  /** The menu of narrow screens; closed again by a navigation, Escape or its button. */
  @state() private menuOpen = false;
  private menuRoute: Route | null = null;

  /** Whether the starting language is showing (or could not be loaded): until then nothing is drawn. */
  @state() private languageReady = false;
  /** Settles once the starting language is showing, or could not be loaded; then the app draws itself. */
  languageShown: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    // A Japanese reader never sees the pages flash in English while the translation loads; if it cannot load, the
    // lab opens in English.
    this.languageShown = showLanguage(startingLanguage(), { remember: false })
      .catch(() => undefined)
      .finally(() => (this.languageReady = true));
  }

  protected override shouldUpdate(changed: PropertyValues): boolean {
    return super.shouldUpdate(changed) && this.languageReady;
  }

  protected override willUpdate(): void {
    // Any navigation (a link in the menu, the back button) closes the menu.
    if (this.router.route !== this.menuRoute) this.menuOpen = false;
    this.menuRoute = this.router.route;
  }

  override render() {
    const route = this.router.route;
    return html`
      <header>
        <div class="bar">
          <button class="skip-link" type="button" @click=${this.focusPageHeading}>${msg('Skip to content')}</button>
          <a class="app-name" href=${hrefFor('home')}>${msg('Base vs Aligned Lab')}</a>
          <button class="menu-button" type="button" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="menu" @click=${() => (this.menuOpen = !this.menuOpen)}>
            ${msg('Menu')}
          </button>
          <div id="menu" class="menu ${this.menuOpen ? 'open' : ''}" @keydown=${this.onMenuKey}>
            <nav aria-label=${msg('Main')}>
              <ul>
                ${NAV.map(
                  (page) => html`<li>
                    <a href=${hrefFor(page)} aria-current=${route.page === page ? 'page' : 'false'}>${pageTitle(page)}</a>
                  </li>`,
                )}
              </ul>
            </nav>
            <div class="settings">
              <lab-language-switch .language=${currentLanguage()} @language-change=${this.onLanguageChange}></lab-language-switch>
              <lab-theme-switch .choice=${this.theme.choice} @theme-change=${this.onThemeChange}></lab-theme-switch>
            </div>
          </div>
        </div>
      </header>
      ${this.renderDatabaseNotice()}
      <lab-update-notice></lab-update-notice>
      <main id="main" tabindex="-1">${this.renderPage(route)}</main>
      <footer>
        <div>
          <p>${msg('Everything runs in your browser; nothing you do here is sent to a server of ours.')}</p>
        </div>
      </footer>
    `;
  }

  /** The update notice is defined after the first paint: a new version is found only once the page has loaded. */
  protected override firstUpdated(): void {
    void import('./lab-update-notice.ts');
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const page = this.router.route.page;
    const appName = msg('Base vs Aligned Lab');
    document.title = page === 'home' ? appName : msg(str`${pageTitle(page)} · ${appName}`);
    // After a navigation (not on first load), move focus to the new page's heading so that keyboard and
    // screen-reader users land on the new content instead of staying on the link they used; the menu closes.
    if (this.lastRenderedPage !== null && this.lastRenderedPage !== page) void this.focusPageHeading();
    this.lastRenderedPage = page;
  }

  private renderPage(route: Route) {
    const loadPage = LAZY_PAGES[route.page];
    if (loadPage) {
      void loadPage();
      this.requestContext();
    }
    const context = this.context;
    if (loadPage && !context) return html`<p role="status">${msg('Loading…')}</p>`;
    switch (route.page) {
      case 'home':
        return html`<lab-home-page></lab-home-page>`;
      case 'gpu':
        // Its own chunk, without the lab's shared state: the GPU check is one click away, not on the first page.
        void import('./lab-gpu-page.ts');
        return html`<lab-gpu-page .context=${this.context}></lab-gpu-page>`;
      case 'lab':
        return html`<lab-lab-page .context=${context} .guide=${route.guide ?? null} .setup=${route.setup ?? null}></lab-lab-page>`;
      case 'history':
        return html`<lab-history-page .context=${context}></lab-history-page>`;
      case 'run':
        return html`<lab-run-page .context=${context} .runId=${route.runId}></lab-run-page>`;
      case 'claims':
        // `focusClaim`: the claim to show first (`#/claims/<id>`, where a guided run lands); the Claims page reads it.
        return html`<lab-claims-page .context=${context} .focusClaim=${route.claim ?? null}></lab-claims-page>`;
      case 'settings':
        return html`<lab-settings-page .context=${context}></lab-settings-page>`;
      case 'share':
        return html`<lab-share-page .context=${context} .payload=${route.payload}></lab-share-page>`;
      case 'not-found':
        return html`
          <h1 tabindex="-1">${msg('Page not found')}</h1>
          <p>
            ${msg(
              html`There is no page at this address: <code>${route.path}</code>.
                <a href="${hrefFor('home')}">Go to the home page</a>.`,
            )}
          </p>
        `;
    }
  }

  /** What another tab of the lab is doing to this tab's storage, and what to do about it. */
  private renderDatabaseNotice() {
    switch (this.context?.database.state ?? 'open') {
      case 'open':
        return nothing;
      case 'blocked':
        return html`<div class="bar notice" role="alert">
          <p>${msg('A newer version of the lab is waiting to update its storage, but another tab has an older version of the lab open. Close or reload the other tabs of the lab; this page goes on by itself once they are gone.')}</p>
        </div>`;
      case 'closed-for-upgrade':
        return html`<div class="bar notice" role="alert">
          <p>${msg('A newer version of the lab was opened in another tab, so this tab has stopped using the lab\'s storage. Reload this page to go on; your runs are kept.')}</p>
          <button type="button" @click=${() => location.reload()}>${msg('Reload')}</button>
        </div>`;
    }
  }

  private requestContext(): void {
    if (this.contextRequested) return;
    this.contextRequested = true;
    void import('../src/app/lab-context.ts').then(({ createLabContext }) => {
      const context = createLabContext();
      void context.session.checkGpu();
      context.database.addEventListener('change', () => this.requestUpdate());
      this.context = context;
    });
  }

  private async focusPageHeading(): Promise<void> {
    const main = this.renderRoot.querySelector<HTMLElement>('main');
    const page = main?.firstElementChild;
    // A page whose code is still loading has its heading once it is defined and drawn.
    if (page && page.localName.includes('-')) await customElements.whenDefined(page.localName);
    if (page instanceof LitElement) await page.updateComplete;
    const heading = (page?.shadowRoot ?? main)?.querySelector<HTMLElement>('h1');
    (heading ?? main)?.focus();
  }

  /** Escape closes the open menu and gives focus back to its button, as a disclosure menu does. */
  private onMenuKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.menuOpen) return;
    this.menuOpen = false;
    this.renderRoot.querySelector<HTMLElement>('.menu-button')?.focus();
  }

  private onThemeChange(event: ThemeChangeEvent): void {
    this.theme.choose(event.choice);
  }

  private async onLanguageChange(event: LanguageChangeEvent): Promise<void> {
    await showLanguage(event.language, { remember: true });
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-app': LabApp;
  }
}
