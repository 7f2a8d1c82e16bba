// How the model worker moves its KV cache from one context to the next. web-llm's cache can only be extended
// or reset (there is no rollback), so a context that does not extend the cache means a reset and a full prefill.

export interface ForwardPlan {
  /** Clear the cache first. */
  reset: boolean;
  /** The tokens to feed after the (optional) reset; never empty. */
  feed: number[];
}

function checkTokenIds(ids: readonly number[], name: string): void {
  if (!Array.isArray(ids)) throw new TypeError(`${name} must be an array of token ids.`);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      throw new RangeError(`${name}[${i}] must be a token id (a whole number of 0 or more); got ${String(id)}.`);
    }
  }
}

/**
 * What to do to get from a KV cache holding `current` to one holding `next`: feed the extra tokens when `next`
 * extends `current`, otherwise reset and feed all of `next`. An empty `current` is an empty cache.
 *
 * `next` equal to `current` is refused: a forward pass needs at least one token, and the caller already has the
 * distribution after that context, so it must reuse it rather than ask again.
 */
export function planForward(current: readonly number[], next: readonly number[]): ForwardPlan {
  checkTokenIds(current, 'current');
  checkTokenIds(next, 'next');
  if (next.length === 0) throw new RangeError('next is empty: a forward pass needs at least one token.');
  const extendsCurrent = next.length >= current.length && current.every((id, i) => next[i] === id);
  if (extendsCurrent && next.length === current.length) {
    throw new RangeError(
      'next is the context the cache already holds: reuse the distribution read after it instead of running another pass.',
    );
  }
  if (extendsCurrent) return { reset: false, feed: next.slice(current.length) };
  return { reset: true, feed: [...next] };
}
