// The lint rules that keep text from becoming markup or code (eslint.config.js, UNSAFE_SINKS): each sink is
// reported in app code, and the lab's own way of showing text is not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The rules that fire on `code` as if it were a component file. */
async function firedRules(code: string, filePath = 'components/lab-example.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const SINKS: Record<string, string> = {
  innerHTML: 'export function show(element: HTMLElement, text: string): void { element.innerHTML = text; }',
  outerHTML: 'export function show(element: HTMLElement, text: string): void { element.outerHTML = text; }',
  insertAdjacentHTML: "export function show(element: HTMLElement, text: string): void { element.insertAdjacentHTML('beforeend', text); }",
  'document.write': 'export function show(text: string): void { document.write(text); }',
  createContextualFragment: 'export function show(text: string): DocumentFragment { return document.createRange().createContextualFragment(text); }',
  srcdoc: 'export function show(frame: HTMLIFrameElement, text: string): void { frame.srcdoc = text; }',
  unsafeHTML: "import { html } from 'lit';\nimport { unsafeHTML } from 'lit/directives/unsafe-html.js';\nexport const view = (text: string) => html`<p>${unsafeHTML(text)}</p>`;",
  unsafeSVG: "import { svg } from 'lit';\nimport { unsafeSVG } from 'lit/directives/unsafe-svg.js';\nexport const view = (text: string) => svg`<g>${unsafeSVG(text)}</g>`;",
  unsafeStatic: "import { html, unsafeStatic } from 'lit/static-html.js';\nexport const view = (tag: string) => html`<${unsafeStatic(tag)}></${unsafeStatic(tag)}>`;",
  'd3 .html()': "import { select } from 'd3-selection';\nexport function show(element: SVGElement, text: string): void { select(element).html(text); }",
  eval: 'export function run(text: string): unknown { return eval(text); }',
  'new Function': "export function run(text: string): unknown { return new Function('return ' + text)(); }",
  'setTimeout with a string': "export function run(text: string): void { setTimeout('show(' + text + ')', 0); }",
  'inline handler attribute': "export function show(element: HTMLElement, text: string): void { element.setAttribute('onclick', text); }",
  'style attribute': "export function show(element: HTMLElement, text: string): void { element.setAttribute('style', text); }",
  'javascript: URL': "export function link(element: HTMLAnchorElement): void { element.href = 'javascript:void 0'; }",
};

describe('unsafe sinks in app code', () => {
  it.each(Object.entries(SINKS))('%s is reported', async (_name, code) => {
    const fired = await firedRules(code);
    expect(fired.some((rule) => /^no-(eval|implied-eval|new-func|script-url|restricted-properties|restricted-syntax)$/.test(rule)), fired.join(', ')).toBe(true);
  });

  it('are reported in the model worker and the e2e build’s scripted backend too', async () => {
    expect(await firedRules(SINKS.innerHTML!, 'workers/example.ts')).toContain('no-restricted-properties');
    expect(await firedRules(SINKS.innerHTML!, 'test/fixtures/example.ts')).toContain('no-restricted-properties');
  });

  it('leave the lab’s own ways of showing text alone', async () => {
    const safe = [
      "import { html } from 'lit';",
      "import { select } from 'd3-selection';",
      'export const view = (text: string) => html`<p title=${text}>${text}</p>`;',
      'export function show(element: HTMLElement, svg: SVGElement, text: string): void {',
      '  element.textContent = text;',
      "  element.setAttribute('data-theme', text);",
      "  element.style.setProperty('fill', text);",
      '  select(svg).text(text);',
      '}',
    ].join('\n');
    expect(await firedRules(safe)).toEqual([]);
  });
});
