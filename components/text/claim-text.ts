// The paper's claims by name, in the reader's language: for the Claims page, the home page's cards and the Lab's guided run.
import { msg } from '@lit/localize';
import type { ClaimId } from '../../src/app/claims.ts';

export function claimTitle(id: ClaimId): string {
  switch (id) {
    case 'seven':
      return msg('The “7”');
    case 'repeats':
      return msg('The repeats');
    case 'games':
      return msg('The games');
    case 'poems':
      return msg('The poems');
    case 'stages':
      return msg('The stages of training');
  }
}
