// What each build contains: the production build's model worker is the real web-llm one and nothing scripted is
// anywhere in it; the e2e build's worker is scripted and has no web-llm.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A string only the scripted e2e backend contains (test/fixtures/e2e-backend.ts). */
const SCRIPTED_MARKER = '__scriptedPoemRan';
/** The database the e2e build's fault injection reads (test/fixtures/e2e-faults.ts). */
const FAULTS_MARKER = 'e2e-injected-faults';
/** A name from inside web-llm's bundle (workers/web-llm-backend.ts pulls it in); none of our code spells it. */
const WEB_LLM_MARKER = 'fetchTensorCacheInternal';

function javascriptIn(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      return { file, text: readFileSync(file, 'utf8') };
    });
}

describe('build contents', () => {
  it('the production build has the web-llm worker and no scripted backend', () => {
    const files = javascriptIn('dist');
    expect(files.some(({ text }) => text.includes(WEB_LLM_MARKER))).toBe(true);
    for (const { file, text } of files) expect(text.includes(SCRIPTED_MARKER), file).toBe(false);
    for (const { file, text } of files) expect(text.includes(FAULTS_MARKER), file).toBe(false);
  });

  it('the e2e build has the scripted backend and no web-llm', () => {
    const files = javascriptIn('dist-e2e');
    expect(files.some(({ text }) => text.includes(SCRIPTED_MARKER))).toBe(true);
    expect(files.some(({ text }) => text.includes(FAULTS_MARKER))).toBe(true);
    for (const { file, text } of files) expect(text.includes(WEB_LLM_MARKER), file).toBe(false);
  });
});
