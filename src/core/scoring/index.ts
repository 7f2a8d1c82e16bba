// Exact answer probabilities (design.md §3): candidate tries from the model's tokenizer, one forward pass per
// internal trie node, the KV-cache plan the worker follows, and simulated samples from the exact distribution.
export {
  buildAnswerTrie,
  type AnswerTrie,
  type AnswerTrieNode,
  type AnswerTrieOptions,
  type Tokenizer,
} from './answer-trie.ts';
export { logSoftmax } from './log-softmax.ts';
export { planForward, type ForwardPlan } from './plan-forward.ts';
export { sampleAnswerCounts, type SampledAnswerCounts } from './sample-answers.ts';
export { scoreAnswers, type NextTokenOracle, type ScoreAnswersOptions } from './score-answers.ts';
