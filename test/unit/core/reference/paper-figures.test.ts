import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figuresForProbe, parsePaperFigures, type PaperFigure } from '../../../../src/core/reference/paper-figures.ts';

const fileUrl = new URL('../../../../public/reference/paper-figures.json', import.meta.url);

describe('the bundled paper figures', () => {
  const raw = JSON.parse(readFileSync(fileUrl, 'utf8')) as { about: string; figures: Record<string, unknown>[] };
  const figures = parsePaperFigures(raw);
  const byId = (id: string): PaperFigure => figures.find((figure) => figure.id === id)!;

  it('parse, with every figure carrying a source, a reliability and only the documented fields', () => {
    expect(figures).toHaveLength(raw.figures.length);
    expect(raw.about).toMatch(/never mixed into them/);
    for (const figure of raw.figures as { ja: object }[]) {
      expect(Object.keys(figure).sort()).toEqual(['id', 'ja', 'measure', 'model', 'modelKind', 'n', 'plainWords', 'probeIds', 'reliability', 'source', 'value']);
      expect(Object.keys(figure.ja).sort()).toEqual(['plainWords', 'source']);
    }
    for (const figure of figures) {
      expect(figure.source.length, figure.id).toBeGreaterThan(20);
      expect(['quoted-from-paper', 'secondary-source']).toContain(figure.reliability);
    }
  });

  it('quote only the abstract as the paper; every number is from a secondary source', () => {
    for (const figure of figures) {
      if (figure.reliability === 'quoted-from-paper') {
        expect(figure.value, figure.id).toBeNull();
        expect(figure.source, figure.id).toMatch(/^Abstract of arXiv 2505\.00047/);
      }
      if (figure.value !== null) expect(figure.reliability, figure.id).toBe('secondary-source');
    }
  });

  it('hold the χ² table for 8B and 70B, with the unresolved task stated', () => {
    const table = figures.filter((figure) => figure.measure === 'chi-square-from-uniform' && figure.value?.kind === 'number');
    expect(table.map((figure) => [figure.model, figure.value])).toEqual(
      [
        ['Llama 3.1 8B Base', 13.9],
        ['Llama 3.1 8B Instruct', 115.1],
        ['Tulu 3 8B SFT', 52.3],
        ['Tulu 3 8B DPO', 100.8],
        ['Tulu 3 8B Full (SFT, DPO and RLVR)', 129.1],
        ['Llama 3.1 70B Base', 29.2],
        ['Llama 3.1 70B Instruct', 43.6],
        ['Tulu 3 70B SFT', 21.8],
        ['Tulu 3 70B DPO', 22.9],
        ['Tulu 3 70B Full (SFT, DPO and RLVR)', 18.3],
      ].map(([model, value]) => [model, { kind: 'number', value }]),
    );
    for (const figure of table) {
      expect(figure.probeIds).toEqual(['rng-0-10', 'rng-sequence']);
      expect(figure.source).toMatch(/N1 labels it "Random 10-length integer sequences"/);
      expect(figure.n).toBe(1500);
    }
    expect(byId('chi-square-aligned-8b-range').value).toEqual({ kind: 'range', lo: 52.3, hi: 129.1 });
  });

  it('hold the repeat modes, the 70B game scores and the poem results', () => {
    expect(byId('repeat-mode-llama-3.1-base').value).toEqual({ kind: 'number', value: 3 });
    expect(byId('repeat-mode-aligned').value).toEqual({ kind: 'number', value: 0 });
    expect(figuresForProbe(figures, 'rps').filter((figure) => figure.value).map((figure) => figure.value)).toEqual(
      [-15, -50.1, 0].map((value) => ({ kind: 'number', value })),
    );
    expect(figuresForProbe(figures, 'hide-and-seek').filter((figure) => figure.value).map((figure) => figure.value)).toEqual(
      [51, -38, -33.6, 0].map((value) => ({ kind: 'number', value })),
    );
    expect(byId('hide-and-seek-score-llama-3.1-70b-base').source).toMatch(/positive score/);
    expect(byId('poem-originality-wins-base').value).toEqual({ kind: 'count', count: 4, outOf: 4 });
    expect(byId('poem-rho-originality-preference').value).toEqual({ kind: 'number', value: -0.08 });
    expect(byId('poem-rho-pleasantness-preference').value).toEqual({ kind: 'number', value: 0.34 });
  });

  it('give each probe its own figures and the paper-wide claims', () => {
    for (const probeId of ['rng-0-10', 'rng-sequence', 'rps', 'hide-and-seek', 'poem'] as const) {
      const forProbe = figuresForProbe(figures, probeId);
      expect(forProbe.every((figure) => figure.probeIds.includes(probeId))).toBe(true);
      expect(forProbe.map((figure) => figure.id)).toContain('abstract-base-beats-aligned');
    }
    expect(figuresForProbe(figures, 'poem').some((figure) => figure.id.startsWith('chi-square'))).toBe(false);
  });
});

describe('parsePaperFigures', () => {
  const good = {
    id: 'x-1',
    measure: 'claim',
    plainWords: 'Words.',
    probeIds: ['poem'],
    model: null,
    modelKind: null,
    value: null,
    n: null,
    reliability: 'secondary-source',
    source: 'A summary.',
    ja: { plainWords: '言葉。', source: '要約。' },
  };
  const parse = (figure: Record<string, unknown>) => () => parsePaperFigures({ figures: [{ ...good, ...figure }] });

  it('returns figures with only the documented fields', () => {
    expect(parsePaperFigures({ figures: [{ ...good, extra: 1 }] })).toEqual([good]);
  });

  it('refuses a file of the wrong shape, or with no figures', () => {
    expect(() => parsePaperFigures([good])).toThrow(new TypeError('The paper figures must be a JSON object with a "figures" list.'));
    expect(() => parsePaperFigures({ figures: [] })).toThrow(new RangeError('The paper figures list is empty.'));
  });

  it('names the figure and the field that is wrong', () => {
    expect(parse({ source: ' ' })).toThrow(new TypeError('Paper figure 1 ("x-1") needs a "source" (non-empty text).'));
    expect(parse({ reliability: 'hearsay' })).toThrow(/^Paper figure 1 \("x-1"\) needs a "reliability" of quoted-from-paper or secondary-source\.$/);
    expect(parse({ probeIds: [] })).toThrow(/needs "probeIds"/);
    expect(parse({ probeIds: ['poem', 'poem'] })).toThrow(/names a probe twice/);
    expect(parse({ probeIds: ['dice'] })).toThrow(/needs "probeIds"/);
    expect(parse({ id: 'Has Spaces' })).toThrow(/the id must be lower-case words/);
    expect(parse({ modelKind: 'instruct' })).toThrow(/"modelKind"/);
    expect(parse({ n: 0 })).toThrow(/"n"/);
    expect(parse({ ja: undefined })).toThrow(/needs "ja"/);
    expect(parse({ ja: { plainWords: '言葉。', source: '' } })).toThrow(/needs "ja.source"/);
    expect(parse({ value: { kind: 'number', value: Number.NaN } })).toThrow(/"value"/);
    expect(parse({ value: { kind: 'range', lo: 2, hi: 1 } })).toThrow(/"value"/);
    expect(parse({ value: { kind: 'count', count: 5, outOf: 4 } })).toThrow(/"value"/);
    expect(() => parsePaperFigures({ figures: [good, good] })).toThrow(new RangeError('Paper figure 2: the id "x-1" is used twice.'));
  });
});
