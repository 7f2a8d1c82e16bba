// The localisation check: every user-visible string in components/ goes through @lit/localize's msg(). It reads
// each html`…` and svg`…` template with the TypeScript compiler and reports, outside msg():
// - literal text between tags (with letters in it, not just punctuation, numbers or symbols);
// - literal values of user-facing attributes (aria-label, title, alt, placeholder, label …);
// - string literals placed directly in a text position or a user-facing attribute or property binding
//   (`${'Save'}`, `${ok ? 'Yes' : 'No'}`, `.title=${'Close'}`, `${name || 'Unknown'}`).
// Templates passed to msg() as a whole (msg(html`…`)) are localised, so they are skipped. CSS (css`…`, <style>) is
// not text. Strings that reach a template through a variable or a lookup table cannot be seen here; review catches
// those.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COMPONENTS = join(ROOT, 'components');

/** Attributes and properties whose values screen readers read out or browsers show. Compared in lower case. */
const USER_FACING = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
  'arialabel',
  'ariadescription',
  'ariaroledescription',
  'ariaplaceholder',
  'ariavaluetext',
  'title',
  'alt',
  'placeholder',
  'label',
]);

/** Elements whose content is not text for people: it is skipped whole. */
const RAW_TEXT_ELEMENTS = new Set(['style', 'script']);

const LETTER = /\p{L}/u;
/** Character references such as &nbsp; or &#8212; are spelled with letters but are not words. */
const CHARACTER_REFERENCE = /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/gi;

/** Where an expression sits in the joined template, standing in for `${…}`. */
const HOLE = '\uE000';

interface Finding {
  file: string;
  line: number;
  /** "text", "attribute <name>" or "expression". */
  where: string;
  /** The text, trimmed and with white space collapsed. */
  text: string;
}

interface AllowedText {
  file: string;
  text: string;
  reason: string;
}

/**
 * Literal text that is right as it is in every language. Keep it short, and give each entry its reason: an entry that
 * no longer matches anything fails the check, so the list cannot silently grow stale.
 */
const ALLOWED: readonly AllowedText[] = [
  {
    file: 'components/lab-comparison-picker.ts',
    text: 'https://huggingface.co/you/model-',
    reason: 'The start of an example address in a URL field: an address is spelled the same in every language.',
  },
  {
    file: 'components/lab-comparison-picker.ts',
    text: '_1-MLC/resolve/main/',
    reason: 'The end of the same example address, after the weight variant.',
  },
  {
    file: 'components/lab-server-connect.ts',
    text: 'http://localhost:8000/v1',
    reason: 'An example server address (vLLM’s default) in a URL field: spelled the same in every language.',
  },
];

function hasWords(text: string): boolean {
  return LETTER.test(text.replace(CHARACTER_REFERENCE, ' '));
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isMsgCall(node: ts.Node | undefined): node is ts.CallExpression {
  return node !== undefined && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg';
}

/** String literals that an expression yields directly: through ?:, ||, ??, && and parentheses, not through calls. */
function literalsIn(expression: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return hasWords(expression.text) ? [expression] : [];
  if (ts.isTemplateExpression(expression)) {
    const parts = [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)];
    return parts.some(hasWords) ? [expression] : [];
  }
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isNonNullExpression(expression)) {
    return literalsIn(expression.expression);
  }
  if (ts.isConditionalExpression(expression)) return [...literalsIn(expression.whenTrue), ...literalsIn(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.AmpersandAmpersandToken
    ) {
      return [...literalsIn(expression.left), ...literalsIn(expression.right)];
    }
  }
  return [];
}

interface Part {
  text: string;
  /** Where the part's text starts in the source file. */
  start: number;
}

/** The template's literal parts and its expressions: parts[i] comes before expressions[i]. */
function templateParts(template: ts.TemplateLiteral, source: ts.SourceFile): { parts: Part[]; expressions: ts.Expression[] } {
  if (ts.isNoSubstitutionTemplateLiteral(template)) {
    return { parts: [{ text: template.text, start: template.getStart(source) + 1 }], expressions: [] };
  }
  return {
    parts: [
      { text: template.head.text, start: template.head.getStart(source) + 1 },
      ...template.templateSpans.map((span) => ({ text: span.literal.text, start: span.literal.getStart(source) + 1 })),
    ],
    expressions: template.templateSpans.map((span) => span.expression),
  };
}

/** Reads one tagged template's markup and reports what is not localised. */
function checkTemplate(template: ts.TemplateLiteral, source: ts.SourceFile, file: string, report: (finding: Finding) => void): void {
  const { parts, expressions } = templateParts(template, source);
  const joined = parts.map((part) => part.text).join(HOLE);
  // From a position in `joined` back to the source, for line numbers (escapes may shift a column, never a line).
  const partStarts: number[] = [];
  parts.reduce((offset, part) => {
    partStarts.push(offset);
    return offset + part.text.length + 1;
  }, 0);
  const lineAt = (position: number): number => {
    let index = partStarts.length - 1;
    while (index > 0 && (partStarts[index] as number) > position) index -= 1;
    const sourcePosition = (parts[index] as Part).start + (position - (partStarts[index] as number));
    return source.getLineAndCharacterOfPosition(sourcePosition).line + 1;
  };
  const expressionAt = (position: number): ts.Expression => {
    const index = joined.slice(0, position).split(HOLE).length - 1;
    return expressions[index] as ts.Expression;
  };
  const reportExpression = (position: number, where: string): void => {
    for (const literal of literalsIn(expressionAt(position))) {
      report({ file, line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1, where, text: tidy(literal.getText(source).slice(1, -1)) });
    }
  };
  /** Text between tags, or an attribute's value: its literal pieces and its expressions. */
  const checkSpan = (from: number, to: number, where: string, expressionWhere: string): void => {
    let pieceStart = from;
    for (let position = from; position <= to; position++) {
      if (position === to || joined[position] === HOLE) {
        const piece = joined.slice(pieceStart, position);
        if (hasWords(piece)) report({ file, line: lineAt(pieceStart), where, text: tidy(piece) });
        if (position < to) reportExpression(position, expressionWhere);
        pieceStart = position + 1;
      }
    }
  };

  let position = 0;
  let textStart = 0;
  while (position < joined.length) {
    if (joined.startsWith('<!--', position)) {
      checkSpan(textStart, position, 'text', 'expression');
      const end = joined.indexOf('-->', position + 4);
      position = end < 0 ? joined.length : end + 3;
      textStart = position;
      continue;
    }
    const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(joined.slice(position));
    if (!tag) {
      position += 1;
      continue;
    }
    checkSpan(textStart, position, 'text', 'expression');
    const name = (tag[2] as string).toLowerCase();
    position += tag[0].length;
    // Attributes, up to the end of the tag.
    while (position < joined.length && joined[position] !== '>') {
      const attribute = /^\s*([^\s=>/]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|[^\s>]+))?/.exec(joined.slice(position));
      if (!attribute || attribute[0].trim() === '') {
        position += 1;
        continue;
      }
      const attributeName = attribute[1] as string;
      const value = attribute[2];
      if (value !== undefined) {
        const bare = attributeName.replace(/^[.?@]/, '').toLowerCase();
        const binding = attributeName[0];
        if (USER_FACING.has(bare) && binding !== '@' && binding !== '?') {
          const quoted = value.startsWith('"') || value.startsWith("'");
          const valueStart = position + attribute[0].length - value.length + (quoted ? 1 : 0);
          const valueEnd = valueStart + value.length - (quoted ? 2 : 0);
          checkSpan(valueStart, valueEnd, `attribute ${attributeName}`, `attribute ${attributeName}`);
        }
      }
      position += attribute[0].length;
    }
    position += 1;
    if (RAW_TEXT_ELEMENTS.has(name) && tag[1] === '') {
      const end = joined.toLowerCase().indexOf(`</${name}`, position);
      position = end < 0 ? joined.length : end;
    }
    textStart = position;
  }
  checkSpan(textStart, joined.length, 'text', 'expression');
}

/** Every unlocalised string in one file's html`…` and svg`…` templates. */
function findUnlocalisedText(code: string, file: string): Finding[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'svg')) {
      if (!(isMsgCall(node.parent) && node.parent.arguments[0] === node)) {
        checkTemplate(node.template, source, file, (finding) => findings.push(finding));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function componentFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return componentFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const isAllowed = (finding: Finding) => (entry: AllowedText) => entry.file === finding.file && entry.text === finding.text;

describe('the localisation check', () => {
  it('reports literal text, user-facing attributes and literal strings in bindings, and nothing that is localised', () => {
    const fixture = `
      import { html, svg } from 'lit';
      import { msg, str } from '@lit/localize';
      const count = 3;
      const ok = true;
      export const view = html\`
        <h1>\${msg('A localised heading')}</h1>
        <p>Forgot to localise this</p>
        <button aria-label="Close the dialog" title=\${msg('Fine')} @click=\${() => 'not shown'}>×</button>
        <img alt=\${'A literal alt'} src="chart.png" class="wide" />
        <input .placeholder=\${ok ? msg('Good') : 'Bad placeholder'} />
        <span>\${ok ? 'Yes' : msg('No')} · 42 — 3.5%&nbsp;→</span>
        <p>\${msg(str\`\${count} runs\`)}</p>
        <p>\${msg(html\`Text in <code>msg</code> is <a href="#/">localised</a>\`)}</p>
        <style>.wide { font-family: system-ui; }</style>
        <!-- a comment with words -->
      \`;
      export const chart = svg\`<text x="4">Unlocalised axis</text>\`;
    `;
    const findings = findUnlocalisedText(fixture, 'fixture.ts').map(({ line, where, text }) => ({ line, where, text }));
    expect(findings).toEqual([
      { line: 8, where: 'text', text: 'Forgot to localise this' },
      { line: 9, where: 'attribute aria-label', text: 'Close the dialog' },
      { line: 10, where: 'attribute alt', text: 'A literal alt' },
      { line: 11, where: 'attribute .placeholder', text: 'Bad placeholder' },
      { line: 12, where: 'expression', text: 'Yes' },
      { line: 18, where: 'text', text: 'Unlocalised axis' },
    ]);
  });

  it('finds no unlocalised user-visible string in components/', () => {
    const findings = componentFiles(COMPONENTS).flatMap((path) =>
      findUnlocalisedText(readFileSync(path, 'utf8'), relative(ROOT, path).split('\\').join('/')),
    );
    const unexplained = findings.filter((finding) => !ALLOWED.some(isAllowed(finding)));
    expect(unexplained.map(({ file, line, where, text }) => `${file}:${line} (${where}): ${text}`)).toEqual([]);
    const stale = ALLOWED.filter((entry) => !findings.some((finding) => isAllowed(finding)(entry)));
    expect(stale, 'allow-list entries that no longer match anything').toEqual([]);
  });
});

/**
 * The names of a class's decorators in source order. With legacy decorators (tsconfig `experimentalDecorators`), the
 * one nearest the class runs first, and `@customElement` defines the element at once: an element already in the page
 * (a lazily loaded page that lab-app rendered before its module arrived) is upgraded right then, so `@localized()`
 * must already have run or that element never re-renders when the language changes.
 */
function decoratorOrder(source: string): { className: string; decorators: string[] }[] {
  const file = ts.createSourceFile('component.ts', source, ts.ScriptTarget.Latest, true);
  return file.statements.filter(ts.isClassDeclaration).map((declaration) => ({
    className: declaration.name?.text ?? '(anonymous)',
    decorators: (ts.getDecorators(declaration) ?? []).map((decorator) => {
      const call = decorator.expression;
      return ts.isCallExpression(call) ? call.expression.getText(file) : call.getText(file);
    }),
  }));
}

describe('localised elements', () => {
  it('reads decorator order from source', () => {
    const wrong = "@localized()\n@customElement('x-a')\nclass A {}\n@customElement('x-b')\n@localized()\nclass B {}";
    expect(decoratorOrder(wrong)).toEqual([
      { className: 'A', decorators: ['localized', 'customElement'] },
      { className: 'B', decorators: ['customElement', 'localized'] },
    ]);
  });

  it('are made localised before they are defined, so that one upgraded late still follows the language', () => {
    const misordered = componentFiles(COMPONENTS).flatMap((path) =>
      decoratorOrder(readFileSync(path, 'utf8'))
        .filter(({ decorators }) => decorators.includes('localized') && decorators.indexOf('localized') < decorators.indexOf('customElement'))
        .map(({ className }) => `${relative(ROOT, path)}: ${className}`),
    );
    expect(misordered).toEqual([]);
  });
});
