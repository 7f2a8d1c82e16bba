import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION, WEB_LLM_VERSION } from '../../../src/app/version.ts';

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('APP_VERSION', () => {
  it('is the version in package.json', () => {
    expect(APP_VERSION).toBe(json('package.json').version);
  });
});

describe('WEB_LLM_VERSION', () => {
  it('is the web-llm package.json pins and the one installed', () => {
    expect(WEB_LLM_VERSION).toBe(json('package.json').dependencies['@mlc-ai/web-llm']);
    expect(WEB_LLM_VERSION).toBe(json('node_modules/@mlc-ai/web-llm/package.json').version);
  });
});
