// Mixed-strategy games: rock-paper-scissors and hide-and-seek, the opponent zoo, the game loop, and exact
// exploitability and predictability of a policy (design.md §4, methods.md §B2).

export {
  ROCK_PAPER_SCISSORS,
  checkDistribution,
  checkHistory,
  checkMove,
  hideAndSeek,
  uniformDistribution,
  type Game,
  type GameId,
  type MoveDistribution,
  type Round,
} from './game.ts';
export {
  GAME_STATE_VIEWS,
  LAST_MODEL_MOVE_STATE,
  LAST_OUTCOME_STATE,
  LAST_ROUND_STATE,
  START_STATE,
  type GameStateView,
  type GameStateViewId,
} from './state.ts';
export {
  BEAT_LAST_OPPONENT,
  CYCLE_OPPONENT,
  IOCAINE_OPPONENT,
  OPPONENT_ZOO,
  constantOpponent,
  frequencyOpponent,
  markovOpponent,
  patternMatcherOpponent,
  type Opponent,
} from './opponents.ts';
export {
  chooseMove,
  foundRate,
  playMatch,
  playRound,
  summarizeRounds,
  type FoundRate,
  type MatchOptions,
  type MatchResult,
  type MatchSummary,
  type ModelPolicy,
  type PlayedRound,
} from './match.ts';
export {
  conditionalEntropyOfPolicies,
  conditionalEntropyOfRounds,
  exploitability,
  exploitabilityByState,
  type StateExploitability,
} from './exploitability.ts';
