// Lint: typescript-eslint's recommended rules, Lit's template rules, and the design's dependency direction
// (design.md §1) as import restrictions, so a wrong arrow fails `npm run lint` rather than a review.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const WEB_LLM_TYPES_ONLY = {
  name: '@mlc-ai/web-llm',
  message: 'web-llm is 2.3 MB gzip: import it as a value only under workers/ (type imports are fine).',
  allowTypeImports: true,
};

/** `no-restricted-imports` for a layer: `patterns` are module paths it must not import. */
function restrict(files, patterns, message, paths = [WEB_LLM_TYPES_ONLY]) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns: [{ group: patterns, message }] }],
    },
  };
}

/**
 * Ways text becomes markup or code (issue 6: model output, imported files and share links are data, never code).
 * The Content-Security-Policy (build/csp.ts) stops injected script from running; these rules stop the app from
 * writing the sink in the first place, including the ones the policy cannot see (markup without script).
 */
const TEXT_STAYS_TEXT = 'Model output, run files and share links are data, never markup or code: render text through Lit bindings or textContent.';
const UNSAFE_SINKS = {
  files: ['src/**', 'components/**', 'workers/**', 'test/fixtures/**'],
  rules: {
    'no-eval': 'error',
    'no-implied-eval': 'error',
    'no-new-func': 'error',
    'no-script-url': 'error',
    'no-restricted-properties': [
      'error',
      ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'createContextualFragment', 'srcdoc', 'setHTMLUnsafe'].map((property) => ({
        property,
        message: TEXT_STAYS_TEXT,
      })),
      { object: 'document', property: 'write', message: TEXT_STAYS_TEXT },
      { object: 'document', property: 'writeln', message: TEXT_STAYS_TEXT },
    ],
    'no-restricted-syntax': [
      'error',
      // Lit's unsafeHTML, unsafeSVG, unsafeMathML and unsafeStatic turn strings into markup.
      { selector: 'ImportSpecifier[imported.name=/^unsafe/]', message: TEXT_STAYS_TEXT },
      { selector: 'ImportDeclaration[source.value=/unsafe-(html|svg|mathml)/]', message: TEXT_STAYS_TEXT },
      { selector: 'ImportExpression[source.value=/unsafe-(html|svg|mathml)/]', message: TEXT_STAYS_TEXT },
      // d3's selection.html(…) writes innerHTML.
      { selector: 'CallExpression[callee.property.name="html"]', message: `${TEXT_STAYS_TEXT} (d3: use .text(…))` },
      // Inline handlers and style attributes: script from text, and refused by the policy anyway.
      {
        selector: 'CallExpression[callee.property.name="setAttribute"][arguments.0.value=/^(on|style$)/i]',
        message: 'Set event listeners with addEventListener and styles through element.style: the Content-Security-Policy refuses inline handlers and style attributes.',
      },
      { selector: 'NewExpression[callee.name="Function"]', message: TEXT_STAYS_TEXT },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'dist-e2e/', 'dist-bench/', 'node_modules/', 'coverage/', 'src/locales/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  restrict(
    ['src/core/**'],
    ['**/engine/**', '**/store/**', '**/app/**', '**/components/**', '**/workers/**', 'lit', 'lit/*', 'idb', 'd3-*'],
    'src/core is pure: it imports nothing outside src/core (design.md §1).',
    [{ name: '@mlc-ai/web-llm', message: 'src/core is pure and must not depend on web-llm.' }],
  ),
  restrict(
    ['src/engine/**', 'src/store/**'],
    ['**/app/**', '**/components/**', '**/workers/**'],
    'src/engine and src/store sit below src/app and components (design.md §1).',
  ),
  restrict(['src/app/**'], ['**/components/**', '**/workers/**'], 'src/app sits below components (design.md §1).'),
  restrict(
    ['components/**'],
    ['**/store/**', '**/workers/**', 'idb'],
    'A component never talks to a worker or to IndexedDB directly: go through src/app (design.md §1).',
  ),
  restrict(
    ['workers/**'],
    [
      '**/app/**',
      '**/components/**',
      '**/store/**',
      '**/engine/client.ts',
      '**/engine/catalog.ts',
      '**/engine/gpu-facts.ts',
      // The words of failures load the translations; a worker classifies (errors/classify.ts) and the page words.
      '**/engine/errors/words.ts',
    ],
    'A worker shares only src/core and the plain protocol modules of src/engine with the page (design.md §1).',
    [],
  ),
  UNSAFE_SINKS,
  {
    files: ['*.config.{js,mjs,ts}', 'test/support/**', 'test/e2e/**', 'test/unit/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/browser/**', 'test/browser-no-webgpu/**'],
    languageOptions: { globals: { ...globals.mocha } },
  },
);
