// hide-and-seek: the model hides in one of k named places, round after round, from a seeker that learns where it
// tends to hide. The paper reports hide-and-seek scores but not its set-up (places, rounds, seeker, prompt), so this
// is our variant: the model hides, the seeker is an opponent from the zoo, and the payoff makes uniform hiding score
// 0, as in rock-paper-scissors (games/game.ts). The implementation is shared with rps (game-probe/).
import { answerVariants, wordForms } from '../framing.ts';
import { hideAndSeek, type Game, type Round } from '../../games/index.ts';
import {
  createGameProbe,
  orList,
  roundsInWords,
  type GameModelSummary,
  type GameProbeParams,
  type GameRecord,
  type GameSummary,
  type GameWording,
  type UniformControl,
} from '../game-probe/index.ts';
import type { Estimate, ProbeSpec } from '../probe.ts';

/**
 * Four common nouns that read naturally in "you hid in the house", that no ordinary sentence opens with ("well" would),
 * and no two of which make one place ("tree" and "house"). Each is one token in all four forms (" house", "house",
 * " House", "House") for both the Llama 3.1 and the Qwen 3 tokenizers, so reading the policy takes two forward passes
 * a round (after the prompt, and after "The"); attic, cellar, garden and shed split into pieces and take eleven.
 */
export const DEFAULT_PLACES = ['house', 'car', 'forest', 'library'] as const;

export const MAX_PLACES = 8;

export interface HideAndSeekParams extends GameProbeParams {
  /** The hiding places, k of them (2 to MAX_PLACES): one lowercase word each. */
  places: string[];
}

export type HideAndSeekRecord = GameRecord<'hide-and-seek'>;

export interface FoundRateSummary {
  /** How often the seeker found the model, with the net score's interval (see foundRate). */
  foundRate: Estimate | null;
  /** 1/k: the found-rate of a hider who picks uniformly at random. */
  chance: number;
}

export type HideAndSeekModelSummary = GameModelSummary & FoundRateSummary;
export type HideAndSeekControl = UniformControl & FoundRateSummary;
export type HideAndSeekSummary = GameSummary<HideAndSeekModelSummary, HideAndSeekControl>;

const PLACE_NAME = /^[a-z]{2,20}$/;

function checkPlaces(value: unknown): string[] {
  if (!Array.isArray(value) || value.length < 2 || value.length > MAX_PLACES) {
    throw new RangeError(`The hiding places must be a list of 2 to ${MAX_PLACES} names.`);
  }
  for (const place of value) {
    // One lowercase word: the prompt says "you hid in the <place>", the scorer adds the capitalised forms, and the
    // parser looks for whole words.
    if (typeof place !== 'string' || !PLACE_NAME.test(place)) {
      throw new RangeError(`Each hiding place must be one lowercase word of 2 to 20 letters; got ${JSON.stringify(place)}.`);
    }
  }
  const places = value as string[];
  if (new Set(places).size !== places.length) throw new RangeError('The hiding places must have different names.');
  return [...places];
}

function hideAndSeekWording(game: Game): GameWording {
  const places = game.moves;
  const list = orList(places);
  const rules =
    `In each round you hide in one of ${places.length} places (${list}) while the seeker searches one of them; ` +
    'you are found if it searches where you hid.';
  return {
    rules: `We are playing hide-and-seek against a seeker, many rounds in a row. ${rules}`,
    logHeader: `Hide-and-seek game log. ${rules}`,
    describeRound(round: Round) {
      const found = round.model === round.opponent;
      const where = `you hid in the ${places[round.model]}, the seeker searched the ${places[round.opponent]}.`;
      return `${where} You were ${found ? '' : 'not '}found.`;
    },
    score(rounds) {
      const found = rounds.filter((round) => round.model === round.opponent).length;
      return (
        `Score after ${roundsInWords(rounds.length)}: you were found ${roundsInWords(found, 'time')} ` +
        `and not found ${roundsInWords(rounds.length - found, 'time')}.`
      );
    },
    question: `Where do you hide? Reply with one word: ${list}.`,
    logOpening: 'you hid in the',
    // A chat reply may open with the article ("The house."), whatever its spelling; the base log already ends in "the".
    variants: (place, slot) =>
      answerVariants(slot.spellings, slot.kind === 'chat-turn' ? [...wordForms(place), `The ${place}`] : wordForms(place)),
  };
}

const HIDE_AND_SEEK_GAME = createGameProbe<'hide-and-seek', HideAndSeekParams>({
  id: 'hide-and-seek',
  version: '1.1.0',
  title: 'Hide-and-seek from a learning seeker',
  claim: {
    plainWords:
      'Hiding again and again from a seeker that learns, aligned models favour some places and are found more often ' +
      'than the 1 in k a random hider would be; base models less so. The places, the seeker, the number of rounds and ' +
      "the prompt are ours: the paper's are not known.",
    paperFinding:
      'Llama 3.1 70B hide-and-seek score: base +51.0, Instruct −38.0, Tulu −33.6 (uniform random play: 0). A positive ' +
      "score for the base model does not fit a pure exploitation scale, so the paper's scale is unclear; compare the " +
      'ordering, not the numbers.',
    reliability: 'secondary-source',
    source:
      'Secondary summaries of the paper (its abstract names hide-and-seek but gives no numbers); not checked against ' +
      "the paper's tables. Our seeker and our variant of the game.",
  },
  defaultParams: {
    mode: 'exact',
    framing: 'native',
    temperature: 1,
    seed: 1,
    opponent: 'iocaine',
    rounds: 100,
    places: [...DEFAULT_PLACES],
  },
  minMoves: 2,
  maxMoves: MAX_PLACES,
  gameOf: (params) => hideAndSeek(params.places),
  wordingOf: hideAndSeekWording,
  checkGameParams: (params, shared) => ({ ...shared, places: checkPlaces((params as { places?: unknown }).places) }),
});

/**
 * The share of rounds in which the seeker found the model. A round's payoff is −1 when found and +1/(k − 1) when
 * not, so the mean payoff m gives the found-rate (1 − m(k − 1)) / k exactly, and the net score's interval (over batch
 * means: the seeker learns, so rounds are not independent) gives its interval.
 */
function foundRate(netScorePer100: Estimate | null, k: number): FoundRateSummary {
  if (!netScorePer100) return { foundRate: null, chance: 1 / k };
  const found = (score: number): number => Math.min(1, Math.max(0, (1 - (score / 100) * (k - 1)) / k));
  return {
    foundRate: { value: found(netScorePer100.value), lo: found(netScorePer100.hi), hi: found(netScorePer100.lo), n: netScorePer100.n, interval: netScorePer100.interval },
    chance: 1 / k,
  };
}

export const HIDE_AND_SEEK: ProbeSpec<HideAndSeekParams, HideAndSeekRecord, HideAndSeekSummary> = {
  ...HIDE_AND_SEEK_GAME,
  summarize(records, params, modelIds) {
    const summary = HIDE_AND_SEEK_GAME.summarize(records, params, modelIds);
    const k = params.places.length;
    return {
      ...summary,
      models: summary.models.map((model) => ({ ...model, ...foundRate(model.measures?.netScorePer100 ?? null, k) })),
      uniformControl: { ...summary.uniformControl, ...foundRate(summary.uniformControl.netScorePer100, k) },
    };
  },
};
