// The bundled reference corpus for n-gram novelty: public-domain poems in public/reference/public-domain-poems.json
// (where they come from and why they are public domain: public/reference/public-domain-poems.md). The app fetches the
// file at run time and checks it here before use, so a damaged or stale file fails with a clear message.

export interface ReferencePoem {
  title: string;
  author: string;
  /** The year the poem was first published in a book. */
  year: number;
  /** Where the text was taken from, precisely enough to check it. */
  source: string;
  /** The poem, lines separated by "\n". */
  text: string;
}

const FIELDS = ['title', 'author', 'source', 'text'] as const;

/** Checks that parsed JSON is a non-empty list of reference poems, and returns it typed. */
export function parseReferencePoems(data: unknown): ReferencePoem[] {
  if (!Array.isArray(data)) throw new TypeError('The reference poems must be a JSON array of poems.');
  if (data.length === 0) throw new RangeError('The reference poems list is empty.');
  return data.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null) throw new TypeError(`Reference poem ${index + 1} is not an object.`);
    const poem = item as Record<string, unknown>;
    for (const field of FIELDS) {
      const value = poem[field];
      if (typeof value !== 'string' || value.trim() === '') {
        throw new TypeError(`Reference poem ${index + 1} needs a non-empty "${field}" string.`);
      }
    }
    if (!Number.isInteger(poem.year)) throw new TypeError(`Reference poem ${index + 1} needs a whole-number "year".`);
    const { title, author, year, source, text } = poem as unknown as ReferencePoem;
    return { title, author, year, source, text };
  });
}
