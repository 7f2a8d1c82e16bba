import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReferencePoems } from '../../../../src/core/text/index.ts';

const corpusUrl = new URL('../../../../public/reference/public-domain-poems.json', import.meta.url);
const notesUrl = new URL('../../../../public/reference/public-domain-poems.md', import.meta.url);

describe('the bundled public-domain poems', () => {
  const poems = parseReferencePoems(JSON.parse(readFileSync(corpusUrl, 'utf8')));

  it('has 40 to 80 poems with exactly the documented fields', () => {
    expect(poems.length).toBeGreaterThanOrEqual(40);
    expect(poems.length).toBeLessThanOrEqual(80);
    const raw = JSON.parse(readFileSync(corpusUrl, 'utf8')) as Record<string, unknown>[];
    for (const poem of raw) expect(Object.keys(poem).sort()).toEqual(['author', 'source', 'text', 'title', 'year']);
  });

  it('holds only poems by poets who died before 1900, published before 1900, each with its Gutenberg source', () => {
    const authors = new Set(poems.map((poem) => poem.author));
    expect([...authors].sort()).toEqual([
      'Emily Dickinson',
      'John Keats',
      'Walt Whitman',
      'William Blake',
      'William Shakespeare',
    ]);
    for (const poem of poems) {
      expect(poem.year).toBeGreaterThanOrEqual(1600);
      expect(poem.year).toBeLessThan(1900);
      expect(poem.source).toMatch(/^Project Gutenberg eBook #\d+, .+, https:\/\/www\.gutenberg\.org\/ebooks\/\d+ /);
      expect(poem.text.split('\n').length).toBeGreaterThanOrEqual(4);
    }
  });

  it('has no two poems with the same author and title, and no text twice', () => {
    expect(new Set(poems.map((poem) => `${poem.author}: ${poem.title}`)).size).toBe(poems.length);
    expect(new Set(poems.map((poem) => poem.text)).size).toBe(poems.length);
  });

  it('has a note saying where the texts come from', () => {
    expect(existsSync(notesUrl)).toBe(true);
    expect(readFileSync(notesUrl, 'utf8')).toMatch(/public domain/i);
  });
});

describe('parseReferencePoems', () => {
  const good = { title: 'T', author: 'A', year: 1800, source: 'S', text: 'line' };

  it('returns the poems with only the documented fields', () => {
    expect(parseReferencePoems([{ ...good, extra: 1 }])).toEqual([good]);
  });

  it('explains what is wrong with a bad file', () => {
    expect(() => parseReferencePoems({})).toThrow(/JSON array/);
    expect(() => parseReferencePoems([])).toThrow(/empty/);
    expect(() => parseReferencePoems([{ ...good, title: '' }])).toThrow(/poem 1 needs a non-empty "title"/);
    expect(() => parseReferencePoems([good, { ...good, year: '1800' }])).toThrow(/poem 2 needs a whole-number "year"/);
  });
});
