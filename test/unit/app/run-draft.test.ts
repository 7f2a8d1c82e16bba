import { describe, expect, it } from 'vitest';
import { checkDraft, draftFor, isProbeId, listFromText, OPPONENT_IDS, probeModes } from '../../../src/app/run-draft.ts';

describe('run drafts', () => {
  it('start from each probe’s defaults, which its checks accept', () => {
    for (const id of ['rng-0-10', 'rng-sequence', 'rps', 'hide-and-seek', 'poem'] as const) {
      expect(checkDraft(id, draftFor(id))).toMatchObject({ ok: true });
    }
  });

  it('are copies: editing one never changes the defaults', () => {
    const draft = draftFor('hide-and-seek');
    (draft.places as string[]).push('attic');
    expect(draftFor('hide-and-seek').places).toEqual(['house', 'car', 'forest', 'library']);
  });

  it('report what the probe refuses', () => {
    expect(checkDraft('rng-0-10', { ...draftFor('rng-0-10'), n: 0 })).toEqual({
      ok: false,
      problem: expect.stringMatching(/n \(answers per model\)/),
    });
  });

  it('split typed lists and know the probes, modes and opponents', () => {
    expect(listFromText(' house, car ,, forest ', /,/)).toEqual(['house', 'car', 'forest']);
    expect(listFromText('The sea\n\nA city at night\n', /\n/)).toEqual(['The sea', 'A city at night']);
    expect(isProbeId('rps')).toBe(true);
    expect(isProbeId('dice')).toBe(false);
    expect(probeModes('poem')).toEqual(['sampled']);
    expect(OPPONENT_IDS).toContain('iocaine');
  });
});
