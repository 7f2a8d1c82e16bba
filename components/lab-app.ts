import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement } from 'lit/decorators.js';
import { RouterController, hrefFor, type PageName, type Route } from '../src/app/router.ts';
import { ThemeController } from '../src/app/theme.ts';
import type { ThemeChangeEvent } from './lab-theme-switch.ts';
import './lab-gpu-page.ts';
import './lab-home-page.ts';
import './lab-theme-switch.ts';
import { pageStyles } from './styles/shared.ts';

const APP_NAME = 'Base vs Aligned Lab';

const PAGE_TITLES: Record<PageName, string> = {
  home: 'Home',
  gpu: 'Your GPU',
  'not-found': 'Page not found',
};

const NAV: { page: Exclude<PageName, 'not-found'>; label: string }[] = [
  { page: 'home', label: 'Home' },
  { page: 'gpu', label: 'Your GPU' },
];

/** The app shell: header with navigation and theme switch, the current page, and a footer. */
@customElement('lab-app')
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
        gap: 0.5rem 1.5rem;
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
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }

      nav a {
        display: block;
        padding: 0.3rem 0.6rem;
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

  private readonly router = new RouterController(this);
  private readonly theme = new ThemeController(this);
  private lastRenderedPage: PageName | null = null;

  override render() {
    const route = this.router.route;
    return html`
      <header>
        <div class="bar">
          <button class="skip-link" type="button" @click=${this.focusPageHeading}>Skip to content</button>
          <a class="app-name" href=${hrefFor('home')}>${APP_NAME}</a>
          <nav aria-label="Main">
            <ul>
              ${NAV.map(
                (item) => html`<li>
                  <a href=${hrefFor(item.page)} aria-current=${route.page === item.page ? 'page' : 'false'}>${item.label}</a>
                </li>`,
              )}
            </ul>
          </nav>
          <lab-theme-switch .choice=${this.theme.choice} @theme-change=${this.onThemeChange}></lab-theme-switch>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.renderPage(route)}</main>
      <footer>
        <div>
          <p>Everything runs in your browser; nothing you do here is sent to a server of ours.</p>
        </div>
      </footer>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const page = this.router.route.page;
    document.title = page === 'home' ? APP_NAME : `${PAGE_TITLES[page]} · ${APP_NAME}`;
    // After a navigation (not on first load), move focus to the new page's heading so that keyboard and
    // screen-reader users land on the new content instead of staying on the link they used.
    if (this.lastRenderedPage !== null && this.lastRenderedPage !== page) void this.focusPageHeading();
    this.lastRenderedPage = page;
  }

  private renderPage(route: Route) {
    switch (route.page) {
      case 'home':
        return html`<lab-home-page></lab-home-page>`;
      case 'gpu':
        return html`<lab-gpu-page></lab-gpu-page>`;
      case 'not-found':
        return html`
          <h1 tabindex="-1">Page not found</h1>
          <p>There is no page at <code>${route.path}</code>. <a href=${hrefFor('home')}>Go to the home page</a>.</p>
        `;
    }
  }

  private async focusPageHeading(): Promise<void> {
    const main = this.renderRoot.querySelector<HTMLElement>('main');
    const page = main?.firstElementChild;
    if (page instanceof LitElement) await page.updateComplete;
    const heading = (page?.shadowRoot ?? main)?.querySelector<HTMLElement>('h1');
    (heading ?? main)?.focus();
  }

  private onThemeChange(event: ThemeChangeEvent): void {
    this.theme.choose(event.choice);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-app': LabApp;
  }
}
