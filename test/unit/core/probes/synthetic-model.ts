// A LanguageModel with known behaviour, for testing probes without a GPU: its answer distribution is a function of
// the prompt, exact scores return that distribution, and generations sample it with a seeded generator.
import type {
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  ModelRole,
  ScoreRequest,
  ScoreResult,
} from '../../../../src/core/model.ts';
import { createRng } from '../../../../src/core/stats/index.ts';

/** Answer → probability for a given prompt; answers not named get 0, and the rest of the mass is "other". */
export type AnswerDistribution = (prompt: string) => Record<string, number>;

export interface SyntheticModelOptions {
  id: string;
  role: ModelRole;
  distribution: AnswerDistribution;
  /** What a generation says around the sampled answer, e.g. (answer) => `My number is ${answer}.` */
  phrase?: (answer: string) => string;
  /** The text a generation gives when it samples the "other" mass. */
  otherText?: string;
}

export class SyntheticModel implements LanguageModel {
  readonly id: string;
  readonly role: ModelRole;
  readonly calls = { score: 0, generate: 0 };
  private readonly options: SyntheticModelOptions;

  constructor(options: SyntheticModelOptions) {
    this.id = options.id;
    this.role = options.role;
    this.options = options;
  }

  async tokenize(text: string): Promise<number[]> {
    return [...text].map((character) => character.codePointAt(0) ?? 0);
  }

  async score(request: ScoreRequest): Promise<ScoreResult> {
    this.calls.score += 1;
    const distribution = this.options.distribution(request.prompt);
    const answers = request.candidates.map(({ answer }) => ({ answer, probability: distribution[answer] ?? 0 }));
    const total = answers.reduce((sum, { probability }) => sum + probability, 0);
    return { answers, otherProbability: Math.max(0, 1 - total), cost: { forwardPasses: 1, prefillTokens: request.prompt.length } };
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls.generate += 1;
    const random = createRng(request.seed);
    const distribution = Object.entries(this.options.distribution(request.prompt));
    let u = random();
    let text = this.options.otherText ?? 'I cannot do that.';
    for (const [answer, probability] of distribution) {
      if (u < probability) {
        text = this.options.phrase ? this.options.phrase(answer) : answer;
        break;
      }
      u -= probability;
    }
    return { text, finishReason: 'stop', promptTokens: request.prompt.length, completionTokens: text.length };
  }
}

/** The same probability for each answer. */
export function uniformOver(answers: readonly string[]): AnswerDistribution {
  return () => Object.fromEntries(answers.map((answer) => [answer, 1 / answers.length]));
}

/** The next number's distribution given the numbers already written: number (as text) → probability; the rest is "other". */
export type NextNumber = (written: readonly number[]) => Record<string, number>;

export interface SyntheticListModelOptions {
  id: string;
  role: ModelRole;
  next: NextNumber;
  /** How many numbers a generation writes. */
  length: number;
  /** The text a generation gives when it draws the "other" mass. */
  otherText?: string;
}

/** The numbers on a prompt's last line: where a list answer is being continued ("Answer: 3, 7," → [3, 7]). */
function numbersOnLastLine(prompt: string): number[] {
  return [...prompt.slice(prompt.lastIndexOf('\n') + 1).matchAll(/\d+/g)].map((match) => Number(match[0]));
}

/**
 * A model that writes lists of numbers one at a time, each drawn from `next` of the numbers before it. Generations
 * draw `length` numbers with a seeded generator and write them comma-separated; exact scores read the numbers
 * already written from the prompt's last line and return `next` of them.
 */
export class SyntheticListModel extends SyntheticModel {
  /** Every prompt scored, in order. */
  readonly scoredPrompts: string[] = [];
  private readonly list: SyntheticListModelOptions;

  constructor(options: SyntheticListModelOptions) {
    super({ id: options.id, role: options.role, distribution: (prompt) => options.next(numbersOnLastLine(prompt)) });
    this.list = options;
  }

  override async score(request: ScoreRequest): Promise<ScoreResult> {
    this.scoredPrompts.push(request.prompt);
    return super.score(request);
  }

  override async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls.generate += 1;
    const random = createRng(request.seed);
    const written = numbersOnLastLine(request.prompt);
    const drawn: string[] = [];
    while (drawn.length < this.list.length) {
      let u = random();
      const answer = Object.entries(this.list.next([...written, ...drawn.map(Number)])).find(([, probability]) => {
        if (u < probability) return true;
        u -= probability;
        return false;
      });
      if (!answer) {
        const text = this.list.otherText ?? 'I cannot do that.';
        return { text, finishReason: 'stop', promptTokens: request.prompt.length, completionTokens: text.length };
      }
      drawn.push(answer[0]);
    }
    const text = drawn.join(', ');
    return { text, finishReason: 'stop', promptTokens: request.prompt.length, completionTokens: text.length };
  }
}

/**
 * The model's own past moves, in order, as a game prompt shows them: each word right after `opening`, e.g.
 * "you played" (rock-paper-scissors) or "you hid in the" (hide-and-seek). Lets a synthetic player's distribution
 * depend on the game so far, read from the prompt as a real model would.
 */
export function pastMovesInPrompt(prompt: string, opening: string): string[] {
  return [...prompt.matchAll(new RegExp(`${opening} ([a-z]+)`, 'g'))].map((match) => match[1] ?? '');
}

/** The same model, keeping every score request it is sent (to check requests against real tokenizers). */
export function recordingScoreRequests(model: LanguageModel): { model: LanguageModel; requests: ScoreRequest[] } {
  const requests: ScoreRequest[] = [];
  return {
    requests,
    model: {
      id: model.id,
      role: model.role,
      tokenize: (text, options) => model.tokenize(text, options),
      generate: (request, options) => model.generate(request, options),
      score(request, options) {
        requests.push(request);
        return model.score(request, options);
      },
    },
  };
}
