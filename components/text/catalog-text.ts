// What the comparisons are for, in the reader's language (the catalog in src/engine keeps English for run files).
import { msg } from '@lit/localize';
import type { ComparisonId } from '../../src/engine/catalog.ts';

export function comparisonDescription(id: ComparisonId): string {
  switch (id) {
    case 'ministral-3-3b':
      return msg(
        'Mistral AI’s 3-billion-parameter model at three stages of training: base (trained only to continue text), instruct (then trained to follow instructions) and reasoning (trained to think step by step). The default: ready to run, about 2 GB to download and 3 GB of GPU memory each.',
      );
    case 'llama-3.1-8b':
      return msg(
        'Meta’s 8-billion-parameter base model and its instruct twin: the very pair the paper tested, so the closest check of it. About 4.5 GB to download and 5 to 6 GB of GPU memory each, so 10 to 12 GB for both at once (or run them one at a time): for desktop GPUs and well-equipped laptops.',
      );
    case 'bring-your-own':
      return msg(
        'Your own MLC-converted base model, paired with a small instruct model the lab can run. For a model family the lab does not list, or a small pair for a weak GPU.',
      );
    case 'your-server':
      return msg(
        'Models on a server you run (vLLM, llama.cpp’s server or Ollama), asked the same questions with the same prompts: for the paper’s own 8B and 70B pairs, for several GPUs, or for one GPU machine serving a class. Nothing downloads into the browser.',
      );
  }
}
