// A failure of this browser's storage (the lab's IndexedDB) as the page shows it: what could not be done, in the
// user's words, and the way out. A full store says so and points to the Storage page; any other failure says what
// usually causes it. Runs, votes and imports all word their failures here.
import { msg } from '@lit/localize';
import type { LabError } from '../engine/errors/kinds.ts';

export type StorageAction = 'list' | 'read' | 'export' | 'delete' | 'resume' | 'import' | 'read-file' | 'load-votes' | 'save-vote';

/** What the user was doing, in words, and the next step when the store is not full. */
function wordsFor(action: StorageAction): Pick<LabError, 'message' | 'nextStep'> {
  const blocked = msg('Private windows and some privacy settings block it. Open the lab in a normal window, or allow this site to store data.');
  const tryAgain = msg('Try again. If it keeps failing, reload the page; private windows sometimes block storage.');
  switch (action) {
    case 'list':
      return { message: msg('This browser did not let the lab open its storage, so the runs cannot be shown.'), nextStep: blocked };
    case 'read':
      return { message: msg('This browser did not let the lab open its storage, so the run cannot be shown.'), nextStep: blocked };
    case 'export':
      return { message: msg('The run could not be read from this browser’s storage to be saved.'), nextStep: msg('Reload the page to try again.') };
    case 'delete':
      return { message: msg('The run could not be deleted.'), nextStep: msg('Reload the page to try again.') };
    case 'resume':
      return { message: msg('The run could not be resumed.'), nextStep: msg('Check that its models are loaded on the Lab page, then try again.') };
    case 'import':
      return {
        message: msg('The browser refused to store this run, so nothing was stored. Its storage may be full.'),
        nextStep: msg('Free some space (the Storage page lists downloaded models), then try again.'),
      };
    case 'read-file':
      return {
        message: msg('This file could not be read. Nothing was stored.'),
        nextStep: msg('Choose the file again; if it still cannot be read, ask whoever sent it to export the run again.'),
      };
    case 'load-votes':
      return { message: msg('Your earlier votes on these poems could not be read from this browser.'), nextStep: tryAgain };
    case 'save-vote':
      return { message: msg('Your vote could not be saved in this browser.'), nextStep: tryAgain };
  }
}

/** Whether the browser refused a write because this site's storage is full. */
function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** A storage failure as the page shows it: kind 'quota' when the store is full, else 'internal'. */
export function storageError(action: StorageAction, error: unknown): LabError {
  const words = wordsFor(action);
  const quota = isQuotaError(error);
  return {
    kind: quota ? 'quota' : 'internal',
    message: words.message,
    nextStep: quota ? msg("This site's storage is full: delete a cached model or an old run on the Storage page, then try again.") : words.nextStep,
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
