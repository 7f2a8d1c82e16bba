// The repeated-game probes, rock-paper-scissors and hide-and-seek (design.md §4, methods.md §B2): one
// implementation, two specs. A model plays a match against an opponent from the seeded zoo, one record per move,
// with the game so far in its prompt. Exact mode reads the model's policy over the moves from its logits in every
// round (so exploitability per game state needs no sampling), draws its move from that policy with a seeded rng,
// and lets the opponent reply; sampled mode generates an answer and parses the move, as the paper did.
import { chooseMove, OPPONENT_ZOO, playRound, type Game, type Opponent } from '../../games/index.ts';
import { createRng } from '../../stats/index.ts';
import { answerSlot, framePrompt } from '../framing.ts';
import { parseChoice } from '../parse.ts';
import { deriveSeed, type Claim, type ProbeModel, type ProbeSpec } from '../probe.ts';
import { checkChoice, checkCommonParams, checkInteger, perModel } from '../shared.ts';
import { checkGameRecord, playedRounds, statesOf, type GameProbeId, type GameProbeParams, type GameRecord } from './records.ts';
import { PREDICTABLE_MAX_P, summarizeModel, uniformControl, type GameSummary } from './summary.ts';
import { gameLog, gameQuestion, scoreRequest, type GameWording } from './wording.ts';

export type { GameProbeId, GameProbeParams, GameRecord, GameStates } from './records.ts';
export {
  conditionalEntropyMetric,
  exploitabilityMetric,
  MIN_ROUNDS_TO_FLAG,
  PREDICTABLE_MAX_P,
  type GameMeasures,
  type GameModelSummary,
  type GameSummary,
  type StateSummary,
  type StateViewSummary,
  type UniformControl,
} from './summary.ts';
export { orList, ROUNDS_SHOWN, roundsInWords, type GameWording } from './wording.ts';

/** Sampled runs stop after this many answers per round asked for, however many were invalid. */
const MAX_ATTEMPTS_PER_ROUND = 2;

/** Sampled runs also stop after this many invalid answers in a row: a retried round has the same prompt, so a model
 * at temperature 0 (or one that refuses to play) would repeat itself until the attempts ran out. */
export const MAX_INVALID_IN_A_ROW = 10;

/** As many rounds as the paper collected answers per model (1,500), so a game can be compared at the same N. */
const ROUNDS_LIMIT = 1500;

// Streams of randomness per record, mixed into deriveSeed with the run seed, the model and the record index.
const MODEL_MOVE_STREAM = 1;
const OPPONENT_MOVE_STREAM = 2;

export interface GameProbeConfig<Id extends GameProbeId, Params extends GameProbeParams> {
  id: Id;
  version: string;
  title: string;
  claim: Claim;
  defaultParams: Params;
  /** The fewest and most moves a game of this probe can have, for checking a record without its run's parameters. */
  minMoves: number;
  maxMoves: number;
  gameOf(params: Params): Game;
  wordingOf(game: Game): GameWording;
  /** Adds this game's own parameters to the checked shared ones. */
  checkGameParams(params: object, shared: GameProbeParams): Params;
}

/** The opponent with this id from the zoo. */
function opponentById(id: string): Opponent {
  const opponent = OPPONENT_ZOO.find((candidate) => candidate.id === id);
  if (opponent === undefined) throw new RangeError(`There is no opponent "${id}" in the zoo.`);
  return opponent;
}

function validRounds(records: readonly GameRecord<GameProbeId>[]): number {
  return records.filter((record) => record.modelMove !== null).length;
}

function invalidInARow(records: readonly GameRecord<GameProbeId>[]): number {
  const lastValid = records.findLastIndex((record) => record.modelMove !== null);
  return records.length - 1 - lastValid;
}

function isComplete(records: readonly GameRecord<GameProbeId>[], params: GameProbeParams): boolean {
  if (params.mode === 'exact') return records.length >= params.rounds;
  return (
    // The runner asks after every record: without enough records the rounds cannot be complete (no count needed).
    (records.length >= params.rounds && validRounds(records) >= params.rounds) ||
    records.length >= params.rounds * MAX_ATTEMPTS_PER_ROUND ||
    invalidInARow(records) >= MAX_INVALID_IN_A_ROW
  );
}

export function createGameProbe<Id extends GameProbeId, Params extends GameProbeParams>(
  config: GameProbeConfig<Id, Params>,
): ProbeSpec<Params, GameRecord<Id>, GameSummary> {
  const promptFor = (params: Params, probeModel: ProbeModel, previous: readonly GameRecord<Id>[]): string => {
    const game = config.gameOf(params);
    const wording = config.wordingOf(game);
    const history = playedRounds(previous);
    return framePrompt(probeModel, params.framing, gameQuestion(wording, history), () => gameLog(wording, history));
  };

  return {
    id: config.id,
    version: config.version,
    title: config.title,
    claim: config.claim,
    modes: ['exact', 'sampled'],
    defaultParams: config.defaultParams,

    checkParams(params) {
      const common = checkCommonParams(params);
      const fields = params as Record<string, unknown>;
      const shared: GameProbeParams = {
        ...common,
        opponent: checkChoice(fields.opponent, 'The opponent', OPPONENT_ZOO.map((opponent) => opponent.id)),
        rounds: checkInteger(fields.rounds, 'The number of rounds', 1, ROUNDS_LIMIT),
      };
      return config.checkGameParams(fields, shared);
    },

    checkRecord: (record) => checkGameRecord(record, config.id, config.minMoves, config.maxMoves),
    prompt: promptFor,
    isComplete,

    progress(records, params) {
      if (isComplete(records, params)) return 1;
      if (params.mode === 'exact') return records.length / params.rounds;
      return Math.max(validRounds(records) / params.rounds, records.length / (params.rounds * MAX_ATTEMPTS_PER_ROUND));
    },

    async runStep({ params, probeModel, modelIndex, index, previous, signal }) {
      const game = config.gameOf(params);
      const wording = config.wordingOf(game);
      const opponent = opponentById(params.opponent);
      const history = playedRounds(previous);
      const prompt = promptFor(params, probeModel, previous);
      const shared = { probeId: config.id, modelId: probeModel.model.id, index, round: history.length, states: statesOf(game, history) };
      // The opponent draws from its own stream, so its move does not depend on how the model's move was drawn.
      const opponentRng = createRng(deriveSeed(params.seed, modelIndex, index, OPPONENT_MOVE_STREAM));

      if (params.mode === 'exact') {
        const slot = answerSlot(probeModel, params.framing);
        const result = await probeModel.model.score(scoreRequest(game, wording, prompt, slot), { signal });
        const mass = result.answers.reduce((sum, answer) => sum + answer.probability, 0);
        if (!(mass > 0)) {
          throw new RangeError(
            `${probeModel.model.id} gives no probability to any move after this prompt, so no move can be drawn. ` +
              'Try the other framing, or sampled mode.',
          );
        }
        const policy = result.answers.map((answer) => answer.probability / mass);
        const modelMove = chooseMove(policy, createRng(deriveSeed(params.seed, modelIndex, index, MODEL_MOVE_STREAM)));
        const round = playRound(game, history, modelMove, opponent, opponentRng);
        return {
          ...shared,
          kind: 'policy',
          policy,
          other: result.otherProbability,
          forwardPasses: result.cost.forwardPasses,
          prefillTokens: result.cost.prefillTokens,
          modelMove,
          opponentMove: round.opponent,
          payoff: round.payoff,
        };
      }

      // "," and "." end the move too: a base model continues its log line ("rock, your opponent played paper").
      const generated = await probeModel.model.generate(
        { prompt, temperature: params.temperature, seed: deriveSeed(params.seed, modelIndex, index), maxTokens: 8, stop: ['\n', ',', '.'] },
        { signal },
      );
      const parsed = parseChoice(generated.text, game.moves);
      const sample = { ...shared, kind: 'sample' as const, text: generated.text };
      if (!parsed.ok) {
        return { ...sample, modelMove: null, invalid: parsed.reason, opponentMove: null, payoff: null };
      }
      const round = playRound(game, history, parsed.value, opponent, opponentRng);
      return { ...sample, modelMove: parsed.value, invalid: null, opponentMove: round.opponent, payoff: round.payoff };
    },

    summarize(records, params, modelIds) {
      const game = config.gameOf(params);
      const opponent = opponentById(params.opponent);
      return {
        game: { name: game.name, moves: [...game.moves] },
        opponent: { id: opponent.id, name: opponent.name, description: opponent.description },
        models: perModel(records, modelIds, (own, modelId, modelIndex) => summarizeModel(game, own, params, modelId, modelIndex)),
        uniformControl: uniformControl(game, opponent, params),
        maxEntropyBits: Math.log2(game.moves.length),
        predictableAt: PREDICTABLE_MAX_P,
      };
    },
  };
}
