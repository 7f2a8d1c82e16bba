// Seeded randomness. Everything random in the lab (Monte Carlo p-values, posterior draws, opponents,
// sampling from exact distributions, left/right order in blind ratings) takes a seed, so a run can be repeated.

/**
 * A small, fast PRNG: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator, from PractRand), whose
 * 128-bit state is filled from the seed with splitmix32 so that nearby seeds give unrelated streams.
 * Returns uniform numbers in [0, 1) with 32 bits of resolution. Not for cryptography.
 */
export function createRng(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`The seed must be a finite number; got ${seed}.`);
  let state = Math.trunc(seed) >>> 0;
  const splitmix32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // sfc32's authors discard the first outputs so the state mixes before use.
  for (let i = 0; i < 12; i++) next();
  return next;
}
