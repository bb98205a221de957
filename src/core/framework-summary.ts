/** A framework in one line of figures: what `standards list` shows and scripts read. */
import { formatEditionRef } from './editions.js';
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
  /** Every edition of the framework, the current one first; set by `standards list`. */
  editions?: EditionSummary[];
}

/** One edition of a framework, as `standards list` shows it. */
export interface EditionSummary {
  version: string;
  current: boolean;
  /** How to name it: `audit standards show section-11@2007-2018`, `audit new --framework …`. */
  ref: string;
  supersedes?: string;
  standards: number;
  criteria: number;
  file: string;
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

export function summariseEdition(framework: Framework, file: string, current: boolean): EditionSummary {
  return {
    version: framework.version,
    current,
    ref: current ? framework.id : formatEditionRef(framework.id, framework.version),
    ...(framework.supersedes !== undefined ? { supersedes: framework.supersedes } : {}),
    standards: framework.standards.length,
    criteria: countCriteria(framework),
    file,
  };
}
