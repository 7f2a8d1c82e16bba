// The Japanese translation is complete and current: every message in the code is in xliff/ja.xlf with a
// translation that keeps its placeholders, and src/locales/ja.ts is built from that file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Unit {
  id: string;
  source: string;
  target: string | null;
}

function units(xliff: string): Unit[] {
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>(?:\s*<target>([\s\S]*?)<\/target>)?/g)].map(
    (match) => ({ id: match[1] ?? '', source: match[2] ?? '', target: match[3] ?? null }),
  );
}

const placeholders = (text: string): string[] => [...text.matchAll(/<x [^>]*\/>/g)].map((match) => match[0]).sort();

const committed = units(readFileSync('xliff/ja.xlf', 'utf8'));

describe('the Japanese translation', () => {
  it('has every message of the code, and nothing more (run `npm run localize:extract` after changing strings)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lit-localize-'));
    const config = JSON.parse(readFileSync('lit-localize.json', 'utf8')) as { interchange: { xliffDir: string } };
    config.interchange.xliffDir = dir;
    const configPath = join(dir, 'lit-localize.json');
    writeFileSync(configPath, JSON.stringify({ ...config, tsConfig: join(process.cwd(), 'tsconfig.json') }));
    execFileSync('npx', ['lit-localize', 'extract', '--config', configPath], { stdio: 'pipe' });
    const extracted = units(readFileSync(join(dir, 'ja.xlf'), 'utf8'));
    expect(extracted.map((unit) => unit.id).sort()).toEqual(committed.map((unit) => unit.id).sort());
  }, 120_000);

  it('translates every message and keeps each placeholder exactly once', () => {
    const untranslated = committed.filter((unit) => !unit.target?.trim()).map((unit) => unit.id);
    expect(untranslated).toEqual([]);
    const broken = committed.filter((unit) => unit.target !== null && placeholders(unit.source).join() !== placeholders(unit.target).join());
    expect(broken.map((unit) => unit.id)).toEqual([]);
  });

  it('is built into src/locales/ja.ts (run `npm run localize:build` after translating)', () => {
    const built = readFileSync('src/locales/ja.ts', 'utf8');
    const missing = committed.filter((unit) => !built.includes(`'${unit.id}'`) && !built.includes(`"${unit.id}"`) && !built.includes(`${unit.id}:`));
    expect(missing.map((unit) => unit.id)).toEqual([]);
  });
});
