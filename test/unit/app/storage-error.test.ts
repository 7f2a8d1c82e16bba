// A storage failure in the user's words: a full store is told apart from any other refusal, whatever was being done.
import { describe, expect, it } from 'vitest';
import { storageError, type StorageAction } from '../../../src/app/storage-error.ts';

const ACTIONS: StorageAction[] = ['list', 'read', 'export', 'delete', 'resume', 'import', 'read-file', 'load-votes', 'save-vote'];
const FULL = "This site's storage is full: delete a cached model or an old run on the Storage page, then try again.";

describe('storageError', () => {
  it('says the store is full, with the way out, when the browser refuses for quota', () => {
    const error = storageError('import', new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(error).toEqual({
      kind: 'quota',
      message: 'The browser refused to store this run, so nothing was stored. Its storage may be full.',
      nextStep: FULL,
      detail: 'QuotaExceededError: The quota has been exceeded.',
    });
  });

  it('words every other failure by what was being done, with the browser’s words as its detail', () => {
    for (const action of ACTIONS) {
      const error = storageError(action, new DOMException('The transaction was aborted.', 'AbortError'));
      expect(error.kind).toBe('internal');
      expect(error.message).not.toBe('');
      expect(error.nextStep).not.toBe(FULL);
      expect(error.detail).toBe('AbortError: The transaction was aborted.');
    }
    expect(new Set(ACTIONS.map((action) => storageError(action, null).message)).size).toBe(ACTIONS.length);
    expect(storageError('list', 'blocked').detail).toBe('blocked');
  });
});
