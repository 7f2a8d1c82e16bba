// The memory rule before a second model loads (issue 13): the catalog's pairs against what the browser says.
import { describe, expect, it } from 'vitest';
import { findComparison, type Comparison } from '../../../src/engine/catalog.ts';
import { memoryNote, MEMORY_NOTE_ABOVE_MB, type ModelMemory } from '../../../src/engine/memory.ts';

function pair(id: string, variant: 'q4f16' | 'q4f32'): [ModelMemory, ModelMemory] {
  const comparison = findComparison(id) as Comparison;
  const [base, aligned] = comparison.defaultPair.map((modelId) => comparison.models.find((model) => model.id === modelId));
  return [base, aligned].map((model) => ({ name: model?.name ?? '', vramMB: model?.variants[variant]?.vramMB ?? 0 })) as [ModelMemory, ModelMemory];
}

describe('the memory note before a second model loads', () => {
  it('says nothing when no other model is loaded', () => {
    expect(memoryNote(pair('llama-3.1-8b', 'q4f16')[0], [], 4)).toBe(null);
  });

  it('says the Llama pair cannot fit when the device reports less memory in all (about 11 GB in q4f16)', () => {
    const [base, instruct] = pair('llama-3.1-8b', 'q4f16');
    expect(memoryNote(instruct, [base], 4)).toEqual({
      verdict: 'too-much',
      neededMB: 10002,
      alongside: ['Llama 3.1 8B Base'],
      deviceMemoryGB: 4,
    });
  });

  it('says the Ministral pair may not fit when the browser does not say, or says only "8 GB or more"', () => {
    const [base, instruct] = pair('ministral-3-3b', 'q4f32');
    for (const reported of [null, 8]) {
      expect(memoryNote(instruct, [base], reported)).toMatchObject({ verdict: 'may-not-fit', neededMB: 7064.74, deviceMemoryGB: reported });
    }
  });

  it('says nothing for a pair below the threshold, such as a small bring-your-own pair', () => {
    expect(memoryNote({ name: 'twin', vramMB: 580 }, [{ name: 'base', vramMB: 580 }], null)).toBe(null);
    expect(MEMORY_NOTE_ABOVE_MB).toBeGreaterThan(2 * 1129);
  });
});
