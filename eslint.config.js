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
    ['**/app/**', '**/components/**', '**/store/**', '**/engine/client.ts', '**/engine/catalog.ts', '**/engine/gpu-facts.ts'],
    'A worker shares only src/core and the plain protocol modules of src/engine with the page (design.md §1).',
    [],
  ),
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
