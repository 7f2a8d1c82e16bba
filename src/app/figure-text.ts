// The paper's reported figures in the reader's language: the file carries each figure's words in English and
// Japanese.
import type { PaperFigure } from '../core/reference/paper-figures.ts';
import { currentLanguage } from './locale.ts';

export function figurePlainWords(figure: PaperFigure): string {
  return currentLanguage() === 'ja' ? figure.ja.plainWords : figure.plainWords;
}

export function figureSource(figure: PaperFigure): string {
  return currentLanguage() === 'ja' ? figure.ja.source : figure.source;
}
