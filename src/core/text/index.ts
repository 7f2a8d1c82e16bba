// Creativity metrics for short texts, computed in the browser (methods.md §B3): diversity within a set of outputs,
// novelty against a reference corpus, length and lexical variety. All share one word tokenizer.

export { words } from './words.ts';
export {
  compressionRatio,
  distinctN,
  longNgramRepetition,
  selfBleu,
  type CompressionRatio,
  type DistinctN,
  type LongNgramRepetition,
  type NgramShare,
  type SelfBleu,
} from './diversity.ts';
export { buildNgramIndex, ngramNovelty, type NgramIndex, type NgramNovelty } from './novelty.ts';
export { mattr, textLength, type Mattr, type TextLength } from './length.ts';
export { parseReferencePoems, type ReferencePoem } from './reference-poems.ts';
