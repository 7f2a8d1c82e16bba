// @vitest-environment jsdom
// The run details say how the temperature was used: in exact mode it is not (every probe reads the model's own
// distribution there), so showing the stored number alone would tell a reader it shaped the results.
import { describe, expect, it } from 'vitest';
import { paramRows } from '../../../components/text/run-text.ts';

describe('paramRows', () => {
  it('says the temperature is not used by an exact run, whatever number was stored', () => {
    const rows = new Map(paramRows({ mode: 'exact', framing: 'native', temperature: 0.7, seed: 1, n: 1500 }));
    expect(rows.get('Temperature')).toBe('not used: exact mode reads the model’s own probabilities (temperature 1)');
  });

  it('gives a sampled run’s temperature as a number', () => {
    const rows = new Map(paramRows({ mode: 'sampled', framing: 'native', temperature: 0.7, seed: 1, n: 1500 }));
    expect(rows.get('Temperature')).toBe('0.7');
  });
});
