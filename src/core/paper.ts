// The paper the lab checks. Bibliographic facts only (paper-notes.md §1); its reported figures live in
// public/reference/ with their sources.

export const PAPER = {
  title: 'Base Models Beat Aligned Models at Randomness and Creativity',
  authors: ['Peter West', 'Christopher Potts'],
  year: 2025,
  venue: 'COLM 2025',
  arxivId: '2505.00047',
  url: 'https://arxiv.org/abs/2505.00047',
} as const;
