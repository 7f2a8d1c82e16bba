// Counts read right in every language: "1 run", never "1 runs". Every count shown goes through countText
// (src/app/format.ts), which picks the form by the reader's language's plural rules. The static check reads each
// msg(str`…`) and msg(html`…`) with the TypeScript type checker and reports a count (a number, or a number formatted
// by formatNumber) followed by an English plural word: a sentence that would say "1 runs" when the count is one.
// Inside countText's forms the count arrives as text already chosen for its form, so those are not reported.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

const language = vi.hoisted(() => ({ current: 'en' }));
vi.mock('../../../src/app/locale.ts', () => ({ currentLanguage: () => language.current }));

const { countText } = await import('../../../src/app/format.ts');

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Words that end in "s" and follow a number without being its plural noun. */
const NOT_PLURAL = new Set(['is', 'was', 'has', 'its', 'this', 'as', 'us', 'does', 'plus', 'less', 'thus', 'across', 'always', 'perhaps', 'yes']);

/** The number formatters whose output is a count (formatFixed and formatPercent give measures, not counts). */
const COUNT_FORMATTERS = new Set(['formatNumber']);

interface Finding {
  file: string;
  line: number;
  text: string;
}

function isMsgCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg';
}

function isCount(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isNonNullExpression(inner)) inner = inner.expression;
  if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && COUNT_FORMATTERS.has(inner.expression.text)) return true;
  const type = checker.getTypeAtLocation(inner);
  // A constant other than one (e.g. `const MAX_RUN_MODELS = 4`) always takes the plural.
  if (type.isNumberLiteral()) return type.value === 1;
  return (type.flags & ts.TypeFlags.NumberLike) !== 0;
}

/** The first two words after a count, if it is followed by words (not by punctuation or another value). */
function wordsAfter(text: string): string[] {
  const words = /^\s+([A-Za-z][A-Za-z'’-]*)(?:\s+([A-Za-z][A-Za-z'’-]*))?/.exec(text);
  return words ? [words[1], words[2]].filter((word): word is string => word !== undefined) : [];
}

function looksPlural(word: string): boolean {
  return /^[a-z]{2,}s$/.test(word) && !word.endsWith('ss') && !NOT_PLURAL.has(word);
}

/** Every count followed by a plural word in the msg() templates of `files`. */
function findCountsWithoutPluralRules(files: readonly string[], host?: ts.CompilerHost): Finding[] {
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, noEmit: true, experimentalDecorators: true, skipLibCheck: true, types: [] }, host);
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`Cannot read ${file}`);
    const visit = (node: ts.Node): void => {
      const template = isMsgCall(node) ? node.arguments[0] : undefined;
      if (template && ts.isTaggedTemplateExpression(template) && ts.isTemplateExpression(template.template)) {
        for (const span of template.template.templateSpans) {
          if (!isCount(span.expression, checker) || !wordsAfter(span.literal.text).some(looksPlural)) continue;
          findings.push({
            file: relative(ROOT, file).split('\\').join('/'),
            line: source.getLineAndCharacterOfPosition(span.getStart(source)).line + 1,
            text: `\${${span.expression.getText(source)}}${span.literal.text}`.replace(/\s+/g, ' ').slice(0, 80),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A compiler host that reads `fixture.ts` from memory and everything else from disk. */
function hostWith(fixture: string): ts.CompilerHost {
  const host = ts.createCompilerHost({});
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, target, ...rest) =>
    name.endsWith('fixture.ts') ? ts.createSourceFile(name, fixture, target, true) : getSourceFile(name, target, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name.endsWith('fixture.ts') || fileExists(name);
  return host;
}

describe('counts', () => {
  it('take the form the language’s plural rules give: one run, three runs; the same words in Japanese', () => {
    const runs = { one: (count: string) => `${count} run`, other: (count: string) => `${count} runs` };
    language.current = 'en';
    expect([0, 1, 2, 1500].map((count) => countText(count, runs))).toEqual(['0 runs', '1 run', '2 runs', '1,500 runs']);
    expect(countText(1, runs, 1)).toBe('1 run');
    expect(countText(1.5, runs, 1)).toBe('1.5 runs');
    language.current = 'ja';
    const japanese = { one: (count: string) => `${count} 件 (one)`, other: (count: string) => `${count} 件` };
    expect([1, 2, 1500].map((count) => countText(count, japanese))).toEqual(['1 件', '2 件', '1,500 件']);
    language.current = 'en';
  });

  it('the check finds a count followed by a plural word outside countText, and nothing else', () => {
    const fixture = `
      import { msg, str } from '@lit/localize';
      declare function formatNumber(value: number, digits?: number): string;
      declare function countText(count: number, forms: { one: (c: string) => string; other: (c: string) => string }): string;
      declare const runs: number;
      declare const name: string;
      declare const list: string[];
      export const texts = [
        msg(str\`Verdicts from the \${formatNumber(runs)} runs stored here.\`),
        msg(str\`\${list.length} models, about 2 GB.\`),
        msg(str\`Checked against \${formatNumber(runs)} sampled answers.\`),
        msg(str\`\${name} puts its answers on 7.\`),
        msg(str\`\${formatNumber(runs)} of its answers were invalid.\`),
        msg(str\`\${formatNumber(runs, 1)} s\`),
        countText(runs, { one: (c) => msg(str\`\${c} run\`), other: (c) => msg(str\`\${c} runs\`) }),
      ];
    `;
    const findings = findCountsWithoutPluralRules([join(ROOT, 'fixture.ts')], hostWith(fixture)).map(({ line, text }) => ({ line, text }));
    expect(findings).toEqual([
      { line: 9, text: '${formatNumber(runs)} runs stored here.' },
      { line: 10, text: '${list.length} models, about 2 GB.' },
      { line: 11, text: '${formatNumber(runs)} sampled answers.' },
    ]);
  });

  it('go through plural rules everywhere in components/ and src/', () => {
    const files = [...sourceFiles(join(ROOT, 'components')), ...sourceFiles(join(ROOT, 'src'))].filter(
      (path) => !path.includes(join('src', 'locales')),
    );
    const findings = findCountsWithoutPluralRules(files);
    expect(findings.map(({ file, line, text }) => `${file}:${line}: ${text}`)).toEqual([]);
  }, 60_000);
});
