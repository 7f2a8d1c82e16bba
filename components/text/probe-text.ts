// Names of probes and opponents in the reader's language. The probe specs (src/core) keep English names for run
// files; everything the page shows goes through msg() here.
import { msg } from '@lit/localize';
import type { ProbeId } from '../../src/core/probes/index.ts';

export function probeTitle(id: ProbeId): string {
  switch (id) {
    case 'rng-0-10':
      return msg('A random number from 0 to 10');
    case 'rng-sequence':
      return msg('Ten random numbers');
    case 'rps':
      return msg('Rock, paper, scissors');
    case 'hide-and-seek':
      return msg('Hide-and-seek');
    case 'poem':
      return msg('Poems');
  }
}

export function probeQuestion(id: ProbeId): string {
  switch (id) {
    case 'rng-0-10':
      return msg('Does the aligned model say “7” more often than a fair pick would?');
    case 'rng-sequence':
      return msg('Does the aligned model avoid repeating numbers, unlike a true random source?');
    case 'rps':
      return msg('Does the aligned model become predictable, so that a learning opponent beats it?');
    case 'hide-and-seek':
      return msg('Does the aligned model hide in predictable places?');
    case 'poem':
      return msg('Are the base model’s poems more original, and the aligned model’s more pleasant?');
  }
}

/** The opponent zoo of src/core/games, by id. */
export function opponentName(id: string): string {
  switch (id) {
    case 'constant':
      return msg('Always the same');
    case 'cycle':
      return msg('Cycler');
    case 'beat-last':
      return msg('Beat your last move');
    case 'frequency':
      return msg('Frequency counter');
    case 'frequency-10':
      return msg('Frequency counter (last 10 rounds)');
    case 'markov-1':
      return msg('Markov (one round back)');
    case 'markov-2':
      return msg('Markov (two rounds back)');
    case 'pattern':
      return msg('Pattern matcher');
    case 'iocaine':
      return msg('Iocaine-style ensemble');
    default:
      return id;
  }
}

export function opponentDescription(id: string): string {
  switch (id) {
    case 'constant':
      return msg('Always makes the same choice, whatever you do.');
    case 'cycle':
      return msg('Goes through the choices in order, one per round, whatever you do.');
    case 'beat-last':
      return msg('Expects you to repeat your last choice and plays the counter to it.');
    case 'frequency':
      return msg('Counts your choices and plays the counter to the one you make most often.');
    case 'frequency-10':
      return msg('Counts your choices in the last 10 rounds and plays the counter to the one you made most often.');
    case 'markov-1':
      return msg('Learns what you tend to choose after each combination of both players’ last choices, and counters it.');
    case 'markov-2':
      return msg('Learns what you tend to choose after each combination of both players’ last two choices, and counters it.');
    case 'pattern':
      return msg('Finds the longest stretch of recent rounds that happened before, and counters what you chose next.');
    case 'iocaine':
      return msg('Runs the other predictors, each also second-guessing you, and follows whichever has done best so far.');
    default:
      return '';
  }
}
