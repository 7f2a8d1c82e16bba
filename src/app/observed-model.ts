// A run's view of one of its models. It times the model's generations (tokens per second, for the run record and
// bug reports) and all its requests (this machine's speed for the model, for the next run's estimate), runs the self-check on the model's first exact score when this machine has none for it yet
// (src/core/self-check), and, in a run that takes one model at a time, gets the model loaded only when the run
// first asks it something.
import type {
  CallOptions,
  GenerateOptions,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  ModelRole,
  ScoreRequest,
  ScoreResult,
} from '../core/model.ts';
import type { SelfCheckResult } from '../core/results/index.ts';
import { runSelfCheck, type SelfCheckContext } from '../core/self-check/index.ts';

export interface SelfCheckPlan {
  /** Who and where, read when the check runs (the GPU description comes with the loaded model). */
  context(): Omit<SelfCheckContext, 'now'>;
  /** Told after each sampled answer. */
  progress(done: number): void;
  /** Told the result; the run and this machine keep it. */
  done(result: SelfCheckResult): Promise<void>;
}

export class ObservedModel implements LanguageModel {
  /** Tokens generated through this model in this run (self-check included), and the seconds that took. */
  generatedTokens = 0;
  generationSeconds = 0;
  /** Seconds of the run's own requests (scores and generations), the self-check left out: it runs once per model and GPU. */
  requestSeconds = 0;
  private checking = false;

  constructor(
    readonly id: string,
    readonly role: ModelRole,
    /** The model to ask: the loaded one, or a load first (one model at a time). */
    private readonly model: () => Promise<LanguageModel>,
    /** Null once the model has a self-check on this machine (or the run does not read exact answers). */
    private selfCheck: SelfCheckPlan | null,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async tokenize(text: string, options?: CallOptions): Promise<number[]> {
    return (await this.model()).tokenize(text, options);
  }

  async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
    const model = await this.model();
    const started = this.clock();
    const result = await model.generate(request, options);
    const seconds = (this.clock() - started) / 1000;
    this.generatedTokens += result.completionTokens;
    this.generationSeconds += seconds;
    if (!this.checking) this.requestSeconds += seconds;
    return result;
  }

  /**
   * The exact score; the first one also checks the model's exact path against its sampled answers (a few hundred
   * short generations) before it returns, so a run that stops during the check redoes the record and the whole
   * check when it resumes.
   */
  async score(request: ScoreRequest, options?: CallOptions): Promise<ScoreResult> {
    const model = await this.model();
    const started = this.clock();
    const result = await model.score(request, options);
    if (!this.checking) this.requestSeconds += (this.clock() - started) / 1000;
    const plan = this.selfCheck;
    if (!plan) return result;
    // Cleared first: the check scores and generates through this model too, and must not check itself.
    this.selfCheck = null;
    this.checking = true;
    let checked: SelfCheckResult;
    try {
      checked = await runSelfCheck(this, request, { ...plan.context(), now: new Date() }, { signal: options?.signal, onProgress: plan.progress, read: result });
    } catch (error) {
      this.selfCheck = plan;
      throw error;
    } finally {
      this.checking = false;
    }
    await plan.done(checked);
    return result;
  }
}
