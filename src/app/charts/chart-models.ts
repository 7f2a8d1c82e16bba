// How charts name and draw a run's models, shared by every chart's data.
import type { ModelRole } from '../../core/model.ts';
import type { RunModelInfo } from '../../core/results/index.ts';

/** How a chart draws a model: base solid, aligned hatched (or dashed), reasoning dotted (components/charts/lab-chart.ts). */
export type SeriesKind = 'base' | 'aligned' | 'reasoning';

export function seriesKindOf(role: ModelRole): SeriesKind {
  switch (role) {
    case 'base':
      return 'base';
    case 'instruct':
      return 'aligned';
    case 'reasoning':
      return 'reasoning';
  }
}

/** A model as a chart names and draws it. */
export interface ChartModel {
  id: string;
  name: string;
  role: ModelRole;
  kind: SeriesKind;
}

export function chartModel(model: RunModelInfo): ChartModel {
  return { id: model.id, name: model.name, role: model.role, kind: seriesKindOf(model.role) };
}

export function chartModels(models: readonly RunModelInfo[]): ChartModel[] {
  return models.map(chartModel);
}
