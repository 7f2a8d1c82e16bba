// The public-domain poems that poem novelty is measured against (public/reference/public-domain-poems.json),
// loaded once when a poem run is first shown, and indexed by n-gram.
import { buildNgramIndex, parseReferencePoems, type NgramIndex } from '../core/text/index.ts';

let loading: Promise<NgramIndex> | null = null;

/** The corpus index; the file sits next to index.html, so this works from any sub-path of any host. */
export function loadPoemCorpus(url = new URL('reference/public-domain-poems.json', document.baseURI).href): Promise<NgramIndex> {
  loading ??= fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
      return response.json() as Promise<unknown>;
    })
    .then((data) => buildNgramIndex(parseReferencePoems(data).map((poem) => poem.text)))
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
