// Drives a probe against one or more models: one record at a time (so each can be stored as it arrives and
// charts can update live), taking turns between models or one model after the other, resuming from records
// already stored, and stopping cleanly when cancelled.
import type { CancelSignal } from '../model.ts';
import type { RunSchedule } from '../results/types.ts';
import type { CommonParams, ProbeModel, ProbeSpec, RecordBase } from './probe.ts';

export interface RunOptions<Params> {
  models: readonly ProbeModel[];
  params: Params;
  /** Records already stored for this run: the run continues after them. */
  existing?: readonly RecordBase[];
  signal?: CancelSignal;
  /**
   * "alternate" (the default): one record per model in turn. "one-model-at-a-time": every record of the first model,
   * then the next, so a model is asked nothing once the next has started (it can be unloaded). Each record's
   * randomness depends on its model and index only, so both give the same records.
   */
  schedule?: RunSchedule;
}

/** The records already made for one model, checked to be the unbroken sequence 0, 1, 2 … a resume needs. */
function recordsOf<Record extends RecordBase>(existing: readonly RecordBase[], modelId: string, probeId: string): Record[] {
  const records = existing
    .filter((record) => record.modelId === modelId)
    .sort((a, b) => a.index - b.index) as Record[];
  records.forEach((record, position) => {
    if (record.probeId !== probeId) {
      throw new TypeError(`A stored record belongs to the probe "${record.probeId}", not "${probeId}".`);
    }
    if (record.index !== position) {
      throw new RangeError(`The stored records of ${modelId} skip or repeat record ${position}; the run cannot be resumed as it is.`);
    }
  });
  return records;
}

export async function* runProbe<Params extends CommonParams, Record extends RecordBase, Summary>(
  spec: ProbeSpec<Params, Record, Summary>,
  options: RunOptions<Params>,
): AsyncGenerator<Record, void, undefined> {
  const params = spec.checkParams(options.params);
  if (options.models.length === 0) throw new RangeError('A run needs at least one model.');
  const ids = options.models.map(({ model }) => model.id);
  if (new Set(ids).size !== ids.length) throw new RangeError('Each model may appear only once in a run.');
  const records = ids.map((id) => recordsOf<Record>(options.existing ?? [], id, spec.id));
  const signal = options.signal;
  // Alternating, each pass over the models makes at most one record of each; one at a time, as many as it needs.
  const perTurn = options.schedule === 'one-model-at-a-time' ? Infinity : 1;

  for (;;) {
    let madeOne = false;
    for (const [modelIndex, probeModel] of options.models.entries()) {
      const previous = records[modelIndex] as Record[];
      for (let made = 0; made < perTurn && !spec.isComplete(previous, params); made++) {
        if (signal?.aborted) return;
        let record: Record;
        try {
          record = await spec.runStep({ params, probeModel, modelIndex, index: previous.length, previous, signal });
        } catch (error) {
          // A model call cancelled by the signal is a stop, not a failure.
          if (signal?.aborted) return;
          throw error;
        }
        previous.push(record);
        madeOne = true;
        yield record;
      }
    }
    if (!madeOne) return;
  }
}
