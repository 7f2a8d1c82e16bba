// Log-probabilities from raw logits. Done in float64 on the CPU because the model's logits arrive as float32 and
// the answer probabilities we report are products of several of these values.

/**
 * The log-softmax of `logits`: log p_i = x_i − log Σ_j exp(x_j), computed as x_i − m − log Σ_j exp(x_j − m) with m
 * the largest logit, so no exp() overflows. A logit of −Infinity (a masked or padding entry) stays −Infinity.
 */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  if (logits === null || typeof logits !== 'object' || typeof logits.length !== 'number') {
    throw new TypeError('logits must be an array (or typed array) of numbers.');
  }
  if (logits.length === 0) throw new RangeError('logits is empty: there is no distribution to normalise.');
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    const value = logits[i];
    if (typeof value !== 'number' || Number.isNaN(value) || value === Infinity) {
      throw new RangeError(`logits[${i}] must be a finite number or -Infinity; got ${String(value)}.`);
    }
    if (value > max) max = value;
  }
  if (max === -Infinity) throw new RangeError('Every logit is -Infinity: there is no distribution to normalise.');
  // Neumaier's compensated sum: a vocabulary has ~150,000 terms, and plain summation would lose about 1e-12 of
  // the normaliser, which shows in answer probabilities compared to many digits.
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < logits.length; i++) {
    const term = Math.exp((logits[i] as number) - max);
    const next = sum + term;
    compensation += Math.abs(sum) >= term ? sum - next + term : term - next + sum;
    sum = next;
  }
  // (x − m) − log Σ rather than x − (m + log Σ): with large logits, m + log Σ would round away digits of log Σ.
  const logSum = Math.log(sum + compensation);
  const result = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) result[i] = (logits[i] as number) - max - logSum;
  return result;
}
