// The home page's claims by name, in the reader's language: for the home page's cards and the Lab's guided run.
import { msg } from '@lit/localize';
import type { GuidedClaimId } from '../../src/app/guided-claims.ts';

export function claimTitle(id: GuidedClaimId): string {
  switch (id) {
    case 'seven':
      return msg('The “7”');
    case 'repeats':
      return msg('The repeats');
    case 'games':
      return msg('The games');
    case 'poems':
      return msg('The poems');
  }
}
