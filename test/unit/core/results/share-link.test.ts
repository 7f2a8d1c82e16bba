import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeSetup,
  decodeShare,
  encodeSetup,
  encodeShare,
  MAX_SHARED_FIGURES,
  type ProbeChecks,
  type SharedFigure,
  type SharedRun,
} from '../../../../src/core/results/index.ts';
import { fakeChecks, packShare, sampleShare } from './support.ts';

function problemsOf(payload: string, checks: Pick<ProbeChecks, 'checkParams'> = fakeChecks): string[] {
  const result = decodeShare(payload, checks);
  if (result.ok) throw new Error('expected the link to be refused');
  return result.problems;
}

/** A packed share, edited as plain data first. */
function packEdited(edit: (share: Record<string, unknown>) => void): string {
  const share = JSON.parse(JSON.stringify(sampleShare())) as Record<string, unknown>;
  edit(share);
  return packShare(JSON.stringify(share));
}

function figures(count: number): SharedFigure[] {
  return Array.from({ length: count }, (_, i) => ({
    modelIndex: i % 2,
    measure: `measure-${i}`,
    value: Math.PI * (i + 1) * 1e-3,
    lo: Math.E * i * 1e-4,
    hi: Math.PI * (i + 2),
    n: 1500,
    interval: 'dirichlet-jeffreys-95' as const,
  }));
}

const DAMAGED = 'This share link is damaged: it may have been cut off or changed when it was copied. Ask the sender for the link again.';
const CHECKSUM = 'This share link is damaged or was edited: its checksum does not match its contents. Ask the sender for the link again.';

describe('share links', () => {
  it('read back exactly the share that was encoded', () => {
    const share = sampleShare();
    const payload = encodeShare(share);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShare(payload, fakeChecks)).toEqual({ ok: true, value: share });
  });

  it('hold version 1, a CRC-32 of the JSON and the JSON as raw DEFLATE, in unpadded base64url', () => {
    const bytes = Buffer.from(encodeShare(sampleShare()), 'base64url');
    expect(bytes[0]).toBe(1);
    const json = inflateRawSync(bytes.subarray(5));
    expect(bytes.readUInt32BE(1)).toBe(crc32(json));
    expect(JSON.parse(json.toString('utf8'))).toEqual(sampleShare());
  });

  it('give the same link however the share\'s objects were built', () => {
    const share = sampleShare();
    const reordered: SharedRun = { ...share, params: { n: 1500, seed: 7, temperature: 1, framing: 'native', mode: 'exact' } };
    expect(encodeShare(reordered)).toBe(encodeShare(share));
  });

  it('stay well under the length limit with the most summary numbers', () => {
    const share = { ...sampleShare(), summary: figures(MAX_SHARED_FIGURES) };
    const payload = encodeShare(share);
    expect(payload.length).toBeLessThan(4000);
    expect(decodeShare(payload, fakeChecks)).toEqual({ ok: true, value: share });
  });

  it('are refused by encodeShare when not valid or too long', () => {
    expect(() => encodeShare({ ...sampleShare(), summary: figures(MAX_SHARED_FIGURES + 1) })).toThrow(
      new RangeError('This run cannot be shared: The link\'s "summary" has 51 numbers; a link holds at most 50.'),
    );
    const notANumber = { ...sampleShare(), summary: [{ ...sampleShare().summary[0]!, value: Number.NaN }] };
    expect(() => encodeShare(notANumber)).toThrow(/"value" must be a number between −10¹² and 10¹²; it is NaN/);
    const noise = Array.from({ length: 6000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('');
    expect(() => encodeShare({ ...sampleShare(), params: { ...sampleShare().params, note: noise } })).toThrow(
      /^This run cannot be shared: its link would be \d+ characters long, more than the 6000 a link may have\. Share fewer summary numbers or shorter parameters\.$/,
    );
  });
});

describe('decodeShare refuses', () => {
  it('empty and oversized payloads before unpacking them', () => {
    expect(problemsOf('')).toEqual(['This share link is empty: nothing follows "#/share/".']);
    expect(problemsOf('A'.repeat(6001))).toEqual([
      'This share link is too long: 6001 characters, and a lab link has at most 6000. It was not made by the lab, or text was added to it.',
    ]);
  });

  it('characters a link never has, and cut-off links', () => {
    const payload = encodeShare(sampleShare());
    expect(problemsOf(`${payload}%20`)).toEqual([DAMAGED]);
    expect(problemsOf(payload.slice(0, 6))).toEqual([DAMAGED]);
    expect(problemsOf(payload.slice(0, -3))).toEqual([DAMAGED]);
  });

  it('links from a newer lab, and links of no known version', () => {
    expect(problemsOf(packShare('{}', { version: 2 }))).toEqual([
      'This share link was made by a newer version of the lab (link version 2; this version reads version 1). Open it in the newest version of the lab.',
    ]);
    expect(problemsOf(packShare('{}', { version: 0 }))).toEqual([DAMAGED]);
  });

  it('hand-edited links whose checksum no longer matches', () => {
    const json = JSON.stringify({ ...sampleShare(), language: 'en' });
    expect(problemsOf(packShare(json, { checksum: crc32(Buffer.from(JSON.stringify(sampleShare()))) }))).toEqual([CHECKSUM]);
  });

  it('a changed character, whichever it is', () => {
    const payload = encodeShare(sampleShare());
    for (let i = 0; i < payload.length; i++) {
      const changed = `${payload.slice(0, i)}${payload[i] === 'B' ? 'C' : 'B'}${payload.slice(i + 1)}`;
      const result = decodeShare(changed, fakeChecks);
      expect(result.ok, `character ${i}`).toBe(false);
    }
  });

  it('links that unpack to far more than a link holds', () => {
    const bomb = packShare(`"${' '.repeat(3_000_000)}"`);
    expect(bomb.length).toBeLessThan(6000);
    expect(problemsOf(bomb)).toEqual([
      'This share link unpacks to more than 65536 bytes, far more than a lab link holds: it was not made by the lab.',
    ]);
  });

  it('contents that are not a shared run', () => {
    expect(problemsOf(packShare('not json'))[0]).toMatch(/^This share link does not hold a shared run: .+\.$/);
    expect(problemsOf(packShare('[1]'))).toEqual(['This share link holds a list, not a shared run.']);
    expect(problemsOf(packShare('{"__proto__": {"x": 1}}'))).toEqual([
      'This share link does not hold a shared run: it has a field named "__proto__", which the lab never writes.',
    ]);
    expect(problemsOf(packShare(`{"a":${'['.repeat(20)}${']'.repeat(20)}}`))).toEqual([
      'This share link does not hold a shared run: it is nested more than 8 levels deep.',
    ]);
  });

  it('each wrong field, in plain words', () => {
    const payload = packEdited((share) => {
      share.probeId = 'tarot';
      share.specVersion = 1;
      share.language = 'english!';
      share.models = [{ catalogId: '../x', variant: 'q4f16', role: 'base' }, { catalogId: 'b', variant: 'q8', role: 'boss' }];
    });
    expect(problemsOf(payload)).toEqual([
      'The link\'s "probeId" must be one of rng-0-10, rng-sequence, rps, hide-and-seek, poem; it is "tarot".',
      'The link\'s "specVersion" must be text; it is 1.',
      'Model 1 of the link: its "catalogId" must be a catalog id such as "ministral-3-3b-base"; it is "../x".',
      'Model 2 of the link: its "variant" must be one of q4f16, q4f32; it is "q8".',
      'Model 2 of the link: its "role" must be one of base, instruct, reasoning; it is "boss".',
      'The link\'s "language" must be a language tag such as "en" or "ja"; it is "english!".',
    ]);
  });

  it('parameters the probe refuses, and a model twice', () => {
    expect(problemsOf(packEdited((share) => ((share.params as Record<string, unknown>).seed = 1.5)))).toEqual([
      "The link's parameters are not valid: The seed must be a whole number of 0 or more.",
    ]);
    expect(problemsOf(packEdited((share) => (share.models = [...(share.models as unknown[]), (share.models as unknown[])[0]])))).toEqual([
      'Model 3 of the link is the same model as an earlier one, "ministral-3-3b-base" (q4f16).',
    ]);
    expect(problemsOf(packEdited((share) => (share.models = [])))).toEqual(['The link\'s "models" must be a list of 1 to 4 models; it is a list.']);
  });

  it('summary numbers out of range, of no model, repeated or upside down', () => {
    const payload = packEdited((share) => {
      const [first, second] = share.summary as Record<string, unknown>[];
      share.summary = [
        { ...first, value: 1e13 },
        { ...first, modelIndex: 2 },
        { ...second, lo: 2, hi: 1 },
        { ...second, n: -1, interval: 'bootstrap' },
        first,
        first,
      ];
    });
    const problems = problemsOf(payload);
    expect(problems).toHaveLength(6);
    expect(problems[4]).toMatch(/^Summary number 4 of the link: its "interval" must be one of exact, dirichlet-jeffreys-95, .+; it is "bootstrap"\.$/);
    expect(problems.filter((_, i) => i !== 4)).toEqual([
      'Summary number 1 of the link: its "value" must be a number between −10¹² and 10¹²; it is 10000000000000.',
      'Summary number 2 of the link: its "modelIndex" must be a whole number from 0 to 1; it is 2.',
      'Summary number 3 of the link has its interval the wrong way round: lo 2 is above hi 1.',
      'Summary number 4 of the link: its "n" must be a whole number from 0 to 1000000000; it is -1.',
      'Summary number 6 of the link repeats the "p-seven" of model 1.',
    ]);
  });

  it('and never throws, whatever it is given', () => {
    const throwing = {
      checkParams: () => {
        throw new TypeError('no such probe');
      },
    };
    expect(problemsOf(encodeShare(sampleShare()), throwing)).toEqual(["The link's parameters are not valid: no such probe"]);
    expect(decodeShare(null as unknown as string, fakeChecks).ok).toBe(false);
  });
});

describe('setup links', () => {
  const setupOf = (share: SharedRun) => ({ probeId: share.probeId, specVersion: share.specVersion, params: share.params, models: share.models, language: share.language });

  it('carry the experiment without results, read back exactly, through the share links\' checks', () => {
    const setup = setupOf(sampleShare());
    const payload = encodeSetup(setup);
    expect(decodeSetup(payload, fakeChecks)).toEqual({ ok: true, value: setup });
    expect(JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url').subarray(5)).toString('utf8'))).not.toHaveProperty('summary');
  });

  it('are refused in their own words when damaged, and a share link is not a setup link, nor the other way round', () => {
    const payload = encodeSetup(setupOf(sampleShare()));
    const refused = (result: { ok: boolean; problems?: string[] }) => (result.ok ? [] : (result.problems ?? []));
    expect(refused(decodeSetup(payload.slice(0, -6), fakeChecks))).toEqual([
      'This setup link is damaged: it may have been cut off or changed when it was copied. Ask the sender for the link again.',
    ]);
    expect(refused(decodeSetup('', fakeChecks))).toEqual(['This setup link is empty: nothing follows "#/lab/setup/".']);
    expect(refused(decodeSetup(encodeShare(sampleShare()), fakeChecks))[0]).toMatch(/^This setup link carries results, .+ it is a share link\./);
    expect(refused(decodeShare(payload, fakeChecks))).toEqual(['The link\'s "summary" must be a list of numbers; it is missing.']);
    const throwing = { checkParams: () => { throw new TypeError('no such probe'); } };
    expect(refused(decodeSetup(payload, throwing))).toEqual(["The link's parameters are not valid: no such probe"]);
  });
});
