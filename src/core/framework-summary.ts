/** A framework in one line of figures: what `standards list` shows and scripts read. */
import { countCriteria, describeScale, type Framework } from './framework.js';

export interface FrameworkSummary {
  id: string;
  title: string;
  version: string;
  standards: number;
  criteria: number;
  scale: string;
  target: number;
  source: string;
  file: string;
  bundled: boolean;
}

export function summariseFramework(framework: Framework, file: string, bundled: boolean): FrameworkSummary {
  return {
    id: framework.id,
    title: framework.title,
    version: framework.version,
    standards: framework.standards.length,
    criteria: countCriteria(framework),
    scale: describeScale(framework),
    target: framework.target,
    source: framework.source.title,
    file,
    bundled,
  };
}
