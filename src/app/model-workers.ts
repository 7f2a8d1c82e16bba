// Starting model workers and describing catalog models to them. Each loaded model gets its own worker, so the
// base and aligned models load, stop, fail and unload independently (design.md §2).
import type { ChatTemplateId } from '../core/prompts/chat-templates.ts';
import type { CatalogModel, Comparison } from '../engine/catalog.ts';
import { ModelWorkerClient } from '../engine/client.ts';
import type { WeightVariant } from '../engine/preflight.ts';
import type { LoadModelSpec } from '../engine/protocol.ts';

/**
 * A new model worker. Vite bundles workers/model.worker.ts (and web-llm with it) as its own chunk, fetched only
 * now, when a model is about to load; the e2e build swaps its backend for a scripted one (vite.config.ts). A model
 * on the user's own server gets a server worker instead (issue 14), which speaks the same protocol.
 */
export function startModelWorker(model: CatalogModel, spec: LoadModelSpec): ModelWorkerClient {
  if (spec.source.kind === 'server') return startServerWorker(`model ${model.id}`, { id: spec.modelId, role: model.role });
  const worker = new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module', name: `model ${model.id}` });
  return new ModelWorkerClient(worker, { id: spec.modelId, role: model.role });
}

/** A server worker: talks HTTP to the user's server, never loads web-llm. */
export function startServerWorker(name: string, model: { id: string; role: CatalogModel['role'] }): ModelWorkerClient {
  const worker = new Worker(new URL('../../workers/server.worker.ts', import.meta.url), { type: 'module', name });
  return new ModelWorkerClient(worker, model);
}

/** What the worker needs to load a catalog model in one weight format; null when the model lacks that format. */
export function loadSpecFor(model: CatalogModel, variant: WeightVariant): LoadModelSpec | null {
  const chosen = model.variants[variant];
  if (!chosen) return null;
  const source = chosen.source;
  const modelId = source.kind === 'self-hosted' ? `${model.id}-${variant}` : source.modelId;
  return { modelId, source, contextWindowTokens: model.contextWindowTokens };
}

/**
 * The chat format of a comparison: its aligned checkpoints'. Base models have none of their own; they read it in
 * "same text" framing, and their completion frames start with its beginning-of-text marker.
 */
export function familyChatTemplate(comparison: Comparison): ChatTemplateId {
  const template = comparison.models.find((model) => model.chatTemplate !== null)?.chatTemplate;
  if (!template) throw new Error(`The comparison ${comparison.id} has no aligned model with a chat format.`);
  return template;
}
