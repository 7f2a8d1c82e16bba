// A run as the reader tells it from others: its experiment and when it began, and its models with their roles.
import { msg, str } from '@lit/localize';
import { formatDateTime } from '../../src/app/format.ts';
import type { RunInfo } from '../../src/core/results/index.ts';
import { probeTitle } from './probe-text.ts';
import { roleLabel } from './run-text.ts';

export function runName(info: Pick<RunInfo, 'probeId' | 'createdAt'>): string {
  return msg(str`${probeTitle(info.probeId)}, ${formatDateTime(info.createdAt)}`);
}

export function modelsText(info: Pick<RunInfo, 'models'>): string {
  return info.models.map((model) => `${model.name} (${roleLabel(model.role)})`).join(' · ');
}
