/**
 * The framework model: standards and criteria, a rating scale and a default target.
 * Shapes mirror standards/framework.schema.json; rules the schema cannot express live here.
 */
import type { Violation } from './violation.js';

export interface ScaleLevel {
  value: number;
  label: string;
  description: string;
}

export interface Criterion {
  id: string;
  text: string;
  guidance?: string;
  evidenceExamples?: string[];
  reference?: string;
  target?: number;
  /** Kind ids (the framework's `kinds`) of the organisations that answer it; absent: every kind. */
  appliesTo?: string[];
  /** For whom the criterion is: the partnership, each agency, practitioners. */
  audience?: Audience[];
}

export const AUDIENCES = ['partnership', 'agency', 'practitioner'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** A kind of organisation that makes returns against a framework. */
export interface OrganisationKind {
  id: string;
  label: string;
  /** The label in the plural, as a sentence names organisations of the kind: "Academies and free schools". */
  plural?: string;
  description?: string;
  /** The shared-vocabulary kind a finer kind belongs to, e.g. academy → education. */
  sector?: string;
}

/** The legal basis of a framework, by nation, as a paragraph for a report's legal implications. */
export interface LegalBasis {
  england?: string;
  wales?: string;
  scotland?: string;
  'northern-ireland'?: string;
}

export interface Standard {
  id: string;
  title: string;
  description?: string;
  note?: string;
  criteria: Criterion[];
}

export interface FrameworkSource {
  title: string;
  publisher?: string;
  year?: number;
  url?: string;
  citation?: string;
}

/** Overrides of the default gap policy; see DEFAULT_RAG_POLICY. */
export interface RagPolicy {
  /** A gap this large or larger is high priority. */
  highGap: number;
  /** A rating at the bottom of the scale is high priority whatever the gap. */
  bottomIsHigh: boolean;
}

export const DEFAULT_RAG_POLICY: Readonly<RagPolicy> = Object.freeze({ highGap: 2, bottomIsHigh: true });

export interface Framework {
  id: string;
  title: string;
  version: string;
  /** The edition this one replaces (its `version`); see src/core/editions.ts. */
  supersedes?: string;
  description?: string;
  /** BCP 47 tag of the framework's text; English (en) when absent. */
  language?: string;
  source: FrameworkSource;
  kinds?: OrganisationKind[];
  legalBasis?: LegalBasis;
  roles?: string[];
  scale: ScaleLevel[];
  target: number;
  rag?: Partial<RagPolicy>;
  standards: Standard[];
}

/** Where a criterion sits in its framework. */
export interface CriterionPlace {
  criterion: Criterion;
  standard: Standard;
  /** Position in framework order, counting across standards from 0. */
  order: number;
}

export function ragPolicy(framework: Framework): RagPolicy {
  return { ...DEFAULT_RAG_POLICY, ...framework.rag };
}

export function scaleBounds(framework: Framework): { min: number; max: number } {
  const values = framework.scale.map((level) => level.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

export function scaleLevel(framework: Framework, value: number): ScaleLevel | undefined {
  return framework.scale.find((level) => level.value === value);
}

export function isOnScale(framework: Framework, value: unknown): value is number {
  return typeof value === 'number' && framework.scale.some((level) => level.value === value);
}

/** isOnScale for one framework, answered from a set: for asking of every response. */
export function scaleMembership(framework: Framework): (value: unknown) => value is number {
  const values = new Set(framework.scale.map((level) => level.value));
  return (value): value is number => typeof value === 'number' && values.has(value);
}

/** "1–4" for consecutive scales, "0, 1, 3, 5" otherwise: for messages. */
export function describeScale(framework: Framework): string {
  const values = framework.scale.map((level) => level.value);
  const consecutive = values.every((v, i) => i === 0 || v === values[i - 1]! + 1);
  return consecutive ? `${values[0]}–${values[values.length - 1]}` : values.join(', ');
}

/** Criterion id → its place, in framework order. */
export function indexCriteria(framework: Framework): Map<string, CriterionPlace> {
  const index = new Map<string, CriterionPlace>();
  let order = 0;
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) {
      index.set(criterion.id, { criterion, standard, order: order++ });
    }
  }
  return index;
}

export function countCriteria(framework: Framework): number {
  return framework.standards.reduce((n, s) => n + s.criteria.length, 0);
}

/**
 * Rules a JSON Schema cannot state: ids unique across the framework, an ascending
 * scale with distinct labels, every target on the scale, and no edition superseding itself. Assumes the data already
 * passed the schema.
 */
export function checkFrameworkRules(framework: Framework): Violation[] {
  const violations: Violation[] = [];

  if (framework.supersedes === framework.version) {
    violations.push({ path: ['supersedes'], message: `an edition cannot supersede itself (version ${framework.version})` });
  }

  framework.scale.forEach((level, i) => {
    const previous = framework.scale[i - 1];
    if (previous && level.value <= previous.value) {
      violations.push({
        path: ['scale', i, 'value'],
        message: `scale values must ascend: ${level.value} follows ${previous.value}`,
      });
    }
    const firstWithLabel = framework.scale.findIndex((l) => l.label === level.label);
    if (firstWithLabel !== i) {
      violations.push({ path: ['scale', i, 'label'], message: `scale label "${level.label}" is used twice` });
    }
  });

  if (!isOnScale(framework, framework.target)) {
    violations.push({
      path: ['target'],
      message: `target ${framework.target} is not on the scale (${describeScale(framework)})`,
    });
  }

  const kindIds = new Set<string>();
  (framework.kinds ?? []).forEach((kind, k) => {
    if (kindIds.has(kind.id)) violations.push({ path: ['kinds', k, 'id'], message: `kind id "${kind.id}" is used twice` });
    kindIds.add(kind.id);
  });

  const standardIds = new Set<string>();
  const criterionIds = new Map<string, string>();
  framework.standards.forEach((standard, s) => {
    if (standardIds.has(standard.id)) {
      violations.push({ path: ['standards', s, 'id'], message: `standard id "${standard.id}" is used twice` });
    }
    standardIds.add(standard.id);
    standard.criteria.forEach((criterion, c) => {
      const owner = criterionIds.get(criterion.id);
      if (owner !== undefined) {
        violations.push({
          path: ['standards', s, 'criteria', c, 'id'],
          message: `criterion id "${criterion.id}" is used twice (also in standard ${owner})`,
        });
      }
      criterionIds.set(criterion.id, standard.id);
      if (criterion.target !== undefined && !isOnScale(framework, criterion.target)) {
        violations.push({
          path: ['standards', s, 'criteria', c, 'target'],
          message: `target ${criterion.target} of ${criterion.id} is not on the scale (${describeScale(framework)})`,
        });
      }
      violations.push(...appliesToViolations(criterion, kindIds, ['standards', s, 'criteria', c, 'appliesTo']));
    });
  });

  return violations;
}

/** `appliesTo` names kinds the framework declares, each once. */
function appliesToViolations(criterion: Criterion, kindIds: ReadonlySet<string>, path: (string | number)[]): Violation[] {
  if (criterion.appliesTo === undefined) return [];
  if (kindIds.size === 0) {
    return [{ path, atKey: true, message: `appliesTo of ${criterion.id} names kinds of organisation, but the framework declares none: add them under kinds` }];
  }
  const violations: Violation[] = [];
  const seen = new Set<string>();
  criterion.appliesTo.forEach((id, i) => {
    if (!kindIds.has(id)) {
      violations.push({ path: [...path, i], message: `appliesTo of ${criterion.id} names "${id}", which is not a kind the framework declares (${[...kindIds].join(', ')})` });
    } else if (seen.has(id)) {
      violations.push({ path: [...path, i], message: `appliesTo of ${criterion.id} names "${id}" twice` });
    }
    seen.add(id);
  });
  return violations;
}
