import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bringYourOwnBase } from '../../../src/engine/bring-your-own-base.ts';
import {
  BRING_YOUR_OWN_TWINS,
  COMPARISONS,
  DEFAULT_COMPARISON_ID,
  downloadSize,
  findComparison,
  findModel,
  type CatalogModel,
  type ModelSource,
} from '../../../src/engine/catalog.ts';
import type { WeightVariant } from '../../../src/engine/preflight.ts';

// web-llm is read as text, not imported: importing it needs WebGPU globals.
const WEB_LLM = readFileSync(new URL('../../../node_modules/@mlc-ai/web-llm/lib/index.js', import.meta.url), 'utf8');

const VARIANTS: WeightVariant[] = ['q4f16', 'q4f32'];
const ALL_MODELS: CatalogModel[] = [...COMPARISONS.flatMap((comparison) => comparison.models), ...BRING_YOUR_OWN_TWINS];

/** The value of a field in web-llm's prebuilt record for `modelId`, e.g. vram_required_MB. */
function prebuiltField(modelId: string, field: string): string | undefined {
  const start = WEB_LLM.indexOf(`model_id: "${modelId}",`);
  const record = WEB_LLM.slice(start, WEB_LLM.indexOf('},', start));
  return new RegExp(`${field}: ([^,\\n]+)`).exec(record)?.[1];
}

/** The id of the web-llm prebuilt record a variant relies on: the model itself, or the model whose wasm it runs on. */
function recordIdOf(source: ModelSource): string | null {
  if (source.kind === 'prebuilt') return source.modelId;
  if (source.kind === 'weights-on-prebuilt-lib') return source.libFromModelId;
  return null;
}

describe('the catalog', () => {
  it.each(ALL_MODELS.map((model) => [model.id, model] as const))('%s refers only to models web-llm 0.2.86 has', (_id, model) => {
    for (const variant of VARIANTS) {
      const id = recordIdOf(model.variants[variant]!.source);
      expect(WEB_LLM, String(id)).toContain(`model_id: "${id}",`);
    }
  });

  it.each(ALL_MODELS.map((model) => [model.id, model] as const))('%s has both weight variants, each in its own format', (_id, model) => {
    expect(Object.keys(model.variants).sort()).toEqual(VARIANTS);
    expect(recordIdOf(model.variants.q4f16!.source)).toContain('-q4f16_1-');
    expect(recordIdOf(model.variants.q4f32!.source)).toContain('-q4f32_1-');
  });

  it.each(ALL_MODELS.map((model) => [model.id, model] as const))("%s takes its GPU memory from web-llm's record", (_id, model) => {
    for (const variant of VARIANTS) {
      const chosen = model.variants[variant]!;
      expect(Number(prebuiltField(String(recordIdOf(chosen.source)), 'vram_required_MB'))).toBe(chosen.vramMB);
    }
  });

  it('asks web-llm for at most the 2,048 tokens the probes need', () => {
    for (const model of ALL_MODELS) expect(model.contextWindowTokens).toBeLessThanOrEqual(2048);
  });

  it('gives aligned models a chat template and base models none', () => {
    for (const model of ALL_MODELS) expect(model.chatTemplate === null).toBe(model.role === 'base');
  });

  it('has unique ids', () => {
    const ids = ALL_MODELS.map((model) => model.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(COMPARISONS.map((comparison) => [comparison.id, comparison] as const))(
    '%s has exactly one base model, and its default pair is that base and an aligned model of its own',
    (_id, comparison) => {
      const bases = comparison.models.filter((model) => model.role === 'base');
      expect(bases).toHaveLength(1);
      const [baseId, alignedId] = comparison.defaultPair;
      expect(baseId).toBe(bases[0]?.id);
      const aligned = comparison.models.find((model) => model.id === alignedId);
      expect(aligned?.role).toBe('instruct');
      for (const model of comparison.models) expect(model.comparison).toBe(comparison.id);
    },
  );

  it('makes Ministral 3 3B the default, with Base, Instruct and Reasoning', () => {
    expect(COMPARISONS[0]?.id).toBe(DEFAULT_COMPARISON_ID);
    expect(findComparison(DEFAULT_COMPARISON_ID)?.models.map((model) => model.role)).toEqual(['base', 'instruct', 'reasoning']);
  });

  it("runs the Llama 3.1 8B base on the instruct model's wasm, from mlc-ai's base weights", () => {
    const base = findModel('llama-3.1-8b-base');
    expect(base?.variants.q4f16?.source).toEqual({
      kind: 'weights-on-prebuilt-lib',
      modelId: 'Llama-3.1-8B-q4f16_1-MLC',
      weightsUrl: 'https://huggingface.co/mlc-ai/Llama-3.1-8B-q4f16_1-MLC/resolve/main/',
      libFromModelId: 'Llama-3.1-8B-Instruct-q4f16_1-MLC',
    });
    expect(base?.variants.q4f32?.source).toMatchObject({ libFromModelId: 'Llama-3.1-8B-Instruct-q4f32_1-MLC' });
  });

  it('states a licence with a link and a model card for every model', () => {
    for (const model of ALL_MODELS) {
      expect(model.licence.name).not.toBe('');
      expect(model.licence.url).toMatch(/^https:\/\//);
      expect(model.sourceUrl).toMatch(/^https:\/\/huggingface\.co\//);
    }
  });

  it('marks sizes without a known revision as estimates, and never invents a revision', () => {
    for (const model of ALL_MODELS) {
      for (const variant of Object.values(model.variants)) {
        expect(variant.revision).toBeNull();
        expect(variant.downloadBytesIsEstimate).toBe(true);
      }
    }
  });

  it('finds models by id, and nothing for an unknown id', () => {
    expect(findModel('ministral-3-3b-instruct')?.name).toBe('Ministral 3 3B Instruct');
    expect(findModel('qwen2.5-0.5b-instruct')?.chatTemplate).toBe('qwen2.5');
    expect(findModel('gpt-5')).toBeUndefined();
    expect(findComparison('bring-your-own')).toBeUndefined();
  });
});

describe('downloadSize', () => {
  it('asks before the Ministral pair (about 2 GB each, estimated)', () => {
    const pair = ['ministral-3-3b-base', 'ministral-3-3b-instruct'].map((id) => findModel(id)!);
    const size = downloadSize(pair, 'q4f16');
    expect(size.bytes).toBeGreaterThan(3.5e9);
    expect(size.bytes).toBeLessThan(4.5e9);
    expect(size).toMatchObject({ isEstimate: true, needsConfirmation: true });
  });

  it('does not ask for a small twin alone, and counts the 32-bit weights as larger', () => {
    const twin = findModel('smollm2-360m-instruct')!;
    expect(downloadSize([twin], 'q4f16').needsConfirmation).toBe(false);
    expect(downloadSize([twin], 'q4f32').bytes).toBeGreaterThan(downloadSize([twin], 'q4f16').bytes);
  });

  it('is nothing for nothing', () => {
    expect(downloadSize([], 'q4f16')).toEqual({ bytes: 0, isEstimate: false, needsConfirmation: false });
  });

  it('refuses a model without the variant', () => {
    const result = bringYourOwnBase({ weightsUrls: { q4f16: 'https://huggingface.co/me/Base-q4f16_1-MLC/resolve/main/' }, twinId: 'smollm2-360m-instruct' });
    if (!result.ok) throw new Error('expected a model');
    expect(() => downloadSize([result.model], 'q4f32')).toThrow(/q4f32_1/);
  });
});
