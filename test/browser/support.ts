// Helpers for the browser tests: the page-wide stylesheet, an axe check that sees into shadow roots, and
// waiting for Lit elements (including those inside other elements' shadow roots) to finish rendering.
import 'axe-core';
import type * as Axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import { LitElement } from 'lit';
import { AXE_RUN_OPTIONS } from '../support/axe-rules.ts';

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

/** Makes the test page like index.html: theme.css (so colours and contrast are the real ones), a lang, a theme-color. */
export async function prepareLikeIndexHtml(): Promise<void> {
  // index.html declares the language and a title; the test runner's page does not.
  document.documentElement.lang = 'en';
  if (!document.title) document.title = 'Base vs Aligned Lab (test)';
  if (!document.querySelector('meta[name="theme-color"]')) {
    const meta = document.createElement('meta');
    meta.name = 'theme-color';
    meta.content = '#ffffff';
    document.head.append(meta);
  }
  if (document.querySelector('link[data-test-theme]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/components/styles/theme.css';
  link.dataset.testTheme = '';
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => reject(new Error('theme.css did not load')));
  });
  document.head.append(link);
  await loaded;
}

/** Waits until the element and every Lit element in its shadow tree have rendered. */
export async function settled(root: Element): Promise<void> {
  for (let pass = 0; pass < 10; pass++) {
    const pending = litElementsIn(root).filter((el) => el.isUpdatePending);
    if (root instanceof LitElement && root.isUpdatePending) pending.push(root);
    if (pending.length === 0) return;
    await Promise.all(pending.map((el) => el.updateComplete));
  }
  throw new Error('Lit elements kept re-rendering');
}

function litElementsIn(root: Element | ShadowRoot): LitElement[] {
  const found: LitElement[] = [];
  const scope = root instanceof Element && root.shadowRoot ? [root, root.shadowRoot] : [root];
  for (const node of scope) {
    for (const el of node.querySelectorAll('*')) {
      if (el instanceof LitElement) found.push(el);
      if (el.shadowRoot) found.push(...litElementsIn(el.shadowRoot));
    }
  }
  return found;
}

/** Waits, letting the page's work go on between checks, until the condition holds once the elements have rendered. */
export async function until(condition: () => boolean, root: Element): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    await settled(root);
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error('The page never reached the expected state.');
}

/** Finds the first match for a selector anywhere below root, looking inside shadow roots. */
export function deepQuery<T extends Element = Element>(root: Element | ShadowRoot, selector: string): T | null {
  const scopes: (Element | ShadowRoot)[] = root instanceof Element && root.shadowRoot ? [root.shadowRoot, root] : [root];
  for (const scope of scopes) {
    const direct = scope.querySelector<T>(selector);
    if (direct) return direct;
    for (const el of scope.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const inside = deepQuery<T>(el.shadowRoot, selector);
        if (inside) return inside;
      }
    }
  }
  return null;
}

function describeViolation(violation: Result): string {
  const targets = violation.nodes.map((node) => `    ${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`);
  return `  ${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n${targets.join('\n')}`;
}

/** Runs axe on the whole document (axe reads open shadow roots) and fails with a readable list. */
export async function expectNoAxeViolations(context = 'page'): Promise<void> {
  const results: AxeResults = await window.axe.run(document, AXE_RUN_OPTIONS);
  if (results.violations.length > 0) {
    throw new Error(`axe found violations on the ${context}:\n${results.violations.map(describeViolation).join('\n')}`);
  }
}

/** A <main> landmark to mount a page element in, as lab-app does (axe expects page content inside landmarks). */
export function mainLandmark(): HTMLElement {
  const main = document.querySelector<HTMLElement>('main[data-test-main]') ?? document.createElement('main');
  main.dataset.testMain = '';
  if (!main.isConnected) document.body.append(main);
  return main;
}

/** A page's h1 and a section's h2, as the run page has above its charts' h3s. */
export function runPageHeadings(): [HTMLElement, HTMLElement] {
  const h1 = document.createElement('h1');
  h1.textContent = 'A run';
  const h2 = document.createElement('h2');
  h2.textContent = 'Results';
  return [h1, h2];
}

/** An empty main landmark holding only the run page's headings (see `runPageHeadings`). */
export function emptyPageUnderHeadings(): HTMLElement {
  const main = mainLandmark();
  main.replaceChildren(...runPageHeadings());
  return main;
}
