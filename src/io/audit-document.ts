/**
 * The YAML shape of audit files: writing a new one as a form to fill in, and changing one
 * response in place without disturbing the rest of the file.
 */
import { Document, isMap, isNode, isScalar, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Action, ContentParts, JudgementBasis, Moderation, PreviousAnswer, SignOff } from '../core/audit.js';
import { describeScale, indexCriteria, type Framework } from '../core/framework.js';
import { unshareEntry } from './yaml-aliases.js';
import { readsAsNonText } from './yaml-scalars.js';
import type { YamlSource } from './yaml-source.js';
import { TEXT_TAG } from './yaml-schema.js';

const COMMENT_WIDTH = 96;

export interface NewAuditFields {
  framework: string;
  organisation: string;
  /** Names it audited under in earlier periods. */
  formerNames?: string[];
  /** The organisation's kind, an id of the framework's kinds. */
  kind?: string;
  period: string;
  assessor?: string;
  target?: number;
  /** Last period's audit this one carries forward from, named in the heading comment. */
  carriedFrom?: { period: string; /** The edition it was carried across from, through a crosswalk. */ across?: string };
  /** The return workbook this audit was read from (audit import), named in the heading comment. */
  importedFrom?: { file: string; date: string };
}

/** What a new audit starts with for one criterion when carried forward from last period's. */
export interface StartingAnswer {
  /** Given when the answers come from a filled return (audit import). */
  rating?: number;
  /** Why the criterion does not apply (by the organisation's kind, or carried from last period); never beside a rating. */
  notApplicable?: string;
  evidence?: string;
  action?: Action;
  previous?: PreviousAnswer;
}

/**
 * A new audit as YAML text: the header fields, then every criterion of the framework in order
 * as an empty response, each preceded by its text as a comment, so the file reads as a form.
 */
export function newAuditText(framework: Framework, fields: NewAuditFields, answers?: ReadonlyMap<string, StartingAnswer>): string {
  const kindLabel = fields.kind === undefined ? undefined : framework.kinds?.find((kind) => kind.id === fields.kind)?.label;
  // TEXT_TAG: text is written as the audit's own reader would have it (unprintable characters escaped).
  const doc = new Document(undefined, { customTags: [TEXT_TAG] });
  const root = new YAMLMap();
  doc.contents = root;
  doc.commentBefore = wrapComment(
    [
      `Self-audit against ${framework.title} (${framework.id}, edition ${framework.version}).`,
      `Rate each criterion on the scale ${describeScale(framework)}:`,
      ...framework.scale.map((level) => `  ${level.value} ${level.label}: ${level.description}`),
      'Give the evidence for every rating, and an action wherever a rating is below its target.',
      'A criterion that does not apply to the organisation is answered notApplicable: "the reason" instead of a rating.',
      ...(kindLabel
        ? [`Criteria that do not apply to its kind (${kindLabel}) are marked so already: to answer one, give it a rating in place of notApplicable.`]
        : []),
      'Fill it in here, with `audit rate`, or interactively with `audit resume`.',
      ...(fields.carriedFrom
        ? [
            `Carried forward from ${fields.carriedFrom.period}: evidence and open actions are copied, ratings are cleared;`,
            'last period\'s rating is under `previous` for reference; not-applicable answers keep their reasons.',
            'Update the evidence and rate afresh.',
            ...(fields.carriedFrom.across
              ? [
                  `Carried across from ${fields.carriedFrom.across}: evidence headed "[carried from …: check it still fits]" came from a ` +
                    'criterion that is not the same as this one. Check it still fits, then delete the mark.',
                ]
              : []),
          ]
        : []),
      ...(fields.importedFrom ? [`Read from the return ${fields.importedFrom.file} on ${fields.importedFrom.date} (audit import).`] : []),
    ].join('\n'),
  );
  root.add(new Pair(new Scalar('framework'), new Scalar(fields.framework)));
  root.add(new Pair(new Scalar('frameworkVersion'), quoted(framework.version)));
  root.add(new Pair(new Scalar('organisation'), new Scalar(fields.organisation)));
  if (fields.formerNames?.length) {
    const names = new YAMLSeq();
    for (const name of fields.formerNames) names.add(new Scalar(name));
    root.add(new Pair(new Scalar('formerNames'), names));
  }
  if (fields.kind !== undefined) root.add(new Pair(new Scalar('kind'), new Scalar(fields.kind)));
  root.add(new Pair(new Scalar('period'), quoted(fields.period)));
  if (fields.assessor) root.add(new Pair(new Scalar('assessor'), new Scalar(fields.assessor)));
  if (fields.target !== undefined) root.add(new Pair(new Scalar('target'), new Scalar(fields.target)));

  const responses = new YAMLMap();
  framework.standards.forEach((standard, s) => {
    standard.criteria.forEach((criterion, c) => {
      const key = new Scalar(criterion.id);
      const heading = c === 0 ? `── Standard ${s + 1}: ${standard.title} ──\n` : '';
      key.commentBefore = wrapComment(`${heading}${criterion.id}: ${criterion.text}`);
      if (c === 0 && s > 0) key.spaceBefore = true;
      const answer = answers?.get(criterion.id);
      responses.add(new Pair(key, answer ? startingAnswerNode(answer) : new Scalar(null)));
    });
  });
  root.add(new Pair(new Scalar('responses'), responses));
  return doc.toString({ lineWidth: 0, nullStr: '' });
}

/** A starting answer: an empty rating to fill in (or why the criterion does not apply), then what was carried. */
function startingAnswerNode(answer: StartingAnswer): YAMLMap {
  const map = new YAMLMap();
  if (answer.notApplicable !== undefined) map.add(new Pair(new Scalar('notApplicable'), textScalar(answer.notApplicable)));
  else map.add(new Pair(new Scalar('rating'), new Scalar(answer.rating ?? null)));
  if (answer.evidence !== undefined) map.add(new Pair(new Scalar('evidence'), textScalar(answer.evidence)));
  if (answer.action) map.add(new Pair(new Scalar('action'), actionNode(answer.action)));
  if (answer.previous) map.add(new Pair(new Scalar('previous'), previousNode(answer.previous)));
  return map;
}

function actionNode(action: Partial<Action>): YAMLMap {
  const map = new YAMLMap();
  for (const key of ['text', 'owner', 'due', 'status'] as const) {
    const value = action[key];
    if (value !== undefined) map.add(new Pair(new Scalar(key), textScalar(value)));
  }
  return map;
}

function previousNode(previous: PreviousAnswer): YAMLMap {
  const map = new YAMLMap();
  if (previous.period !== undefined) map.add(new Pair(new Scalar('period'), quoted(String(previous.period))));
  if (previous.rating !== undefined) map.add(new Pair(new Scalar('rating'), new Scalar(previous.rating)));
  if (previous.moderated !== undefined) map.add(new Pair(new Scalar('moderated'), new Scalar(previous.moderated)));
  if (previous.criterion !== undefined) map.add(new Pair(new Scalar('criterion'), new Scalar(previous.criterion)));
  if (previous.relationship !== undefined) map.add(new Pair(new Scalar('relationship'), new Scalar(previous.relationship)));
  return map;
}

function moderationNode(moderation: Moderation): YAMLMap {
  const map = new YAMLMap();
  if (moderation.applicable !== undefined) map.add(new Pair(new Scalar('applicable'), new Scalar(moderation.applicable)));
  if (moderation.rating !== undefined) map.add(new Pair(new Scalar('rating'), new Scalar(moderation.rating)));
  if (moderation.note !== undefined) map.add(new Pair(new Scalar('note'), textScalar(moderation.note)));
  map.add(new Pair(new Scalar('by'), textScalar(moderation.by)));
  if (moderation.date !== undefined) map.add(new Pair(new Scalar('date'), new Scalar(moderation.date)));
  return map;
}

/** A change to one response: undefined leaves a field alone, null removes it. */
export interface ResponsePatch {
  rating?: number | null;
  /** Why the criterion does not apply; null removes it. */
  notApplicable?: string | null;
  evidence?: string | null;
  /** Fields to set (null: remove) on the action; a new action needs `text`. */
  action?: { [K in keyof Action]?: Action[K] | null } | null;
  /** A partnership panel's moderated rating; replaces any earlier one whole. */
  moderated?: Moderation | null;
  /** Last period's answer, for reference; replaces any earlier one whole. */
  previous?: PreviousAnswer | null;
}

/**
 * Applies `patch` to the response for `criterionId` in the parsed document, creating the
 * response where needed and placing a new one in framework order. A response that shared YAML
 * nodes with other entries through aliases is made its own first (src/io/yaml-aliases.ts):
 * returns the names of the entries that shared with it, which keep their answers unchanged.
 * A response left with nothing in it becomes an empty key again, as `audit new` writes it.
 */
export function patchResponse(source: YamlSource, framework: Framework, criterionId: string, patch: ResponsePatch): string[] {
  const sharers = unshareEntry(source, ['responses', criterionId]).map(entryName);
  const doc = source.doc;
  let responses: unknown = doc.get('responses', true);
  if (!isMap(responses) || (responses.flow && responses.items.length === 0)) {
    responses = new YAMLMap();
    doc.set('responses', responses);
  }
  const map = responses as YAMLMap;
  const found: unknown = map.get(criterionId, true);
  let target: YAMLMap;
  if (isMap(found)) {
    target = found;
    target.flow = false; // `REF-1: {}` becomes a block once it has content
  } else {
    target = new YAMLMap();
    const existing = map.items.find((pair) => isScalar(pair.key) && pair.key.value === criterionId);
    if (existing) existing.value = target;
    else insertInFrameworkOrder(map, framework, new Pair(new Scalar(criterionId), target));
  }
  // Each change is marked at the finest level, so a rewrite touches only the lines that changed.
  const here = ['responses', criterionId];
  const set = (mapNode: YAMLMap, path: string[], key: string, value: unknown) => {
    setOrDelete(mapNode, key, value);
    source.markEdited(path, key);
  };

  if (patch.rating !== undefined) set(target, here, 'rating', patch.rating);
  if (patch.notApplicable !== undefined) set(target, here, 'notApplicable', patch.notApplicable);
  if (patch.evidence !== undefined) set(target, here, 'evidence', patch.evidence);
  if (patch.action === null) set(target, here, 'action', null);
  else if (patch.action) {
    const foundAction: unknown = target.get('action', true);
    let actionMap: YAMLMap;
    if (isMap(foundAction)) {
      actionMap = foundAction;
      actionMap.flow = false;
    } else {
      actionMap = new YAMLMap();
      target.set('action', actionMap);
    }
    for (const key of ['text', 'owner', 'due', 'status'] as const) {
      const value = patch.action[key];
      if (value !== undefined) set(actionMap, [...here, 'action'], key, value);
    }
  }
  if (patch.moderated !== undefined) set(target, here, 'moderated', patch.moderated && moderationNode(patch.moderated));
  if (patch.previous !== undefined) set(target, here, 'previous', patch.previous && previousNode(patch.previous));
  if (target.items.length === 0) {
    // `REF-1: {}` would be left by removing the last field: the empty key says "not answered".
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === criterionId);
    if (pair) pair.value = new Scalar(null);
    source.markEdited(['responses'], criterionId);
  }
  return sharers;
}

/** How an entry that shared an edited one's nodes is named to the user: a criterion by its id, any other key by its path. */
function entryName(path: readonly string[]): string {
  return path.length === 2 && path[0] === 'responses' ? path[1]! : path.join('.');
}

/**
 * Records (or, with null, removes) the audit's sign-off: a top-level `signoff` placed just
 * before `responses`, where a reader of the file sees it before the answers.
 */
export function setSignOff(source: YamlSource, signoff: SignOff | null): string[] {
  // An alias elsewhere to the old sign-off keeps a copy of it (src/io/yaml-aliases.ts).
  const sharers = unshareEntry(source, ['signoff']).map(entryName);
  const root = source.doc.contents;
  if (!isMap(root)) return sharers;
  source.markEdited([], 'signoff');
  if (signoff === null) {
    root.delete('signoff');
    return sharers;
  }
  const map = new YAMLMap();
  map.add(new Pair(new Scalar('by'), textScalar(signoff.by)));
  map.add(new Pair(new Scalar('role'), textScalar(signoff.role)));
  map.add(new Pair(new Scalar('date'), quoted(signoff.date)));
  map.add(new Pair(new Scalar('sha256'), textScalar(signoff.sha256)));
  if (signoff.content !== undefined) map.add(new Pair(new Scalar('content'), textScalar(signoff.content)));
  if (signoff.framework) map.add(new Pair(new Scalar('framework'), basisNode(signoff.framework)));
  if (signoff.parts) map.add(new Pair(new Scalar('parts'), partsNode(signoff.parts)));
  if (signoff.signature) {
    const signature = new YAMLMap();
    signature.add(new Pair(new Scalar('algorithm'), new Scalar(signoff.signature.algorithm)));
    signature.add(new Pair(new Scalar('key'), textScalar(signoff.signature.key)));
    signature.add(new Pair(new Scalar('value'), textScalar(signoff.signature.value)));
    map.add(new Pair(new Scalar('signature'), signature));
  }
  const existing = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'signoff');
  if (existing) {
    existing.value = map;
    return sharers;
  }
  const responsesAt = root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === 'responses');
  const pair = new Pair(new Scalar('signoff'), map);
  if (responsesAt < 0) root.items.push(pair);
  else root.items.splice(responsesAt, 0, pair);
  return sharers;
}

/**
 * Records the organisation's kind: a top-level `kind`, where audit new writes it (after the
 * organisation), or changed in place.
 */
export function setKind(source: YamlSource, kind: string): string[] {
  return setHeaderField(source, 'kind', kind, 'organisation');
}

/** Records who made the assessment: a top-level `assessor`, where audit new writes it (after the period), or changed in place. */
export function setAssessor(source: YamlSource, assessor: string): string[] {
  return setHeaderField(source, 'assessor', assessor, 'period');
}

/** A top-level text field set in place, or added after `after`; entries that shared its node through an alias keep their copy. */
function setHeaderField(source: YamlSource, key: string, value: string, after: string): string[] {
  const sharers = unshareEntry(source, [key]).map(entryName);
  const root = source.doc.contents;
  if (!isMap(root)) return sharers;
  source.markEdited([], key);
  const existing = root.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
  if (existing) {
    existing.value = textScalar(value);
    return sharers;
  }
  const at = root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === after);
  root.items.splice(at < 0 ? root.items.length : at + 1, 0, new Pair(new Scalar(key), textScalar(value)));
  return sharers;
}

/**
 * What a sign-off recorded of its framework. Keys and digests that a reader could take for
 * numbers (the scale's values, a digest of digits) are quoted, so that they read as text.
 */
function basisNode(basis: JudgementBasis): YAMLMap {
  const map = new YAMLMap();
  const textMap = (entries: [string, Scalar][]) => {
    const node = new YAMLMap();
    for (const [key, value] of entries) node.add(new Pair(textScalar(key), value));
    return node;
  };
  map.add(new Pair(new Scalar('id'), textScalar(basis.id)));
  map.add(new Pair(new Scalar('version'), quoted(basis.version)));
  map.add(new Pair(new Scalar('sha256'), textScalar(basis.sha256)));
  map.add(new Pair(new Scalar('target'), new Scalar(basis.target)));
  map.add(new Pair(new Scalar('scale'), textMap(Object.entries(basis.scale).map(([value, label]) => [value, textScalar(label)]))));
  const rag = new YAMLMap();
  rag.add(new Pair(new Scalar('highGap'), new Scalar(basis.rag.highGap)));
  rag.add(new Pair(new Scalar('bottomIsHigh'), new Scalar(basis.rag.bottomIsHigh)));
  map.add(new Pair(new Scalar('rag'), rag));
  if (Object.keys(basis.targets).length) {
    map.add(new Pair(new Scalar('targets'), textMap(Object.entries(basis.targets).map(([id, target]) => [id, new Scalar(target)]))));
  }
  map.add(new Pair(new Scalar('criteria'), textMap(Object.entries(basis.criteria).map(([id, digest]) => [id, textScalar(digest)]))));
  return map;
}

function partsNode(parts: ContentParts): YAMLMap {
  const map = new YAMLMap();
  for (const key of ['header', 'answers', 'moderation'] as const) {
    const node = new YAMLMap();
    for (const [name, digest] of Object.entries(parts[key])) node.add(new Pair(textScalar(name), textScalar(digest)));
    map.add(new Pair(new Scalar(key), node));
  }
  return map;
}

/** The order keys are written in, so files read the same whoever wrote them. */
const KEY_ORDER = ['rating', 'notApplicable', 'evidence', 'action', 'moderated', 'previous', 'text', 'owner', 'due', 'status'];

function setOrDelete(map: YAMLMap, key: string, raw: unknown): void {
  // A fresh node for every value: reusing the old one would keep its style (plain, say), which
  // cannot hold every new value (a multi-line text starting with ':').
  const value = typeof raw === 'string' ? textScalar(raw) : raw;
  const existing = map.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === key);
  if (value === null) {
    map.delete(key);
  } else if (existing) {
    existing.value = isNode(value) ? value : new Scalar(value);
  } else {
    const rank = KEY_ORDER.indexOf(key);
    const before = map.items.findIndex((pair) => {
      const other = KEY_ORDER.indexOf(String(isScalar(pair.key) ? pair.key.value : pair.key));
      return rank >= 0 && other > rank;
    });
    const pair = new Pair(key, value);
    if (before < 0) map.items.push(pair);
    else map.items.splice(before, 0, pair);
  }
}

/**
 * Multi-line text as a literal block (`|`), so evidence stays readable in the file and in diffs.
 * Text that a block cannot hold as it is (a carriage return, a control character) is written
 * double-quoted with escapes, and text any YAML reader would take for a number, true/false or
 * null is quoted, so that it reads back as text everywhere.
 */
function textScalar(text: string): Scalar {
  const scalar = new Scalar(text);
  if (NEEDS_ESCAPES.test(text) || readsAsNonText(text)) scalar.type = Scalar.QUOTE_DOUBLE;
  else if (text.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
  return scalar;
}

/** Characters outside YAML's printable set, and a carriage return, which a block scalar would fold away. */
const NEEDS_ESCAPES = /[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function quoted(text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

function insertInFrameworkOrder(map: YAMLMap, framework: Framework, pair: Pair<Scalar, YAMLMap>): void {
  const order = indexCriteria(framework);
  const rank = order.get(String(pair.key.value))?.order ?? Number.MAX_SAFE_INTEGER;
  const before = map.items.findIndex((item) => {
    const id = isScalar(item.key) ? String(item.key.value) : '';
    return (order.get(id)?.order ?? Number.MAX_SAFE_INTEGER) > rank;
  });
  if (before < 0) map.items.push(pair);
  else map.items.splice(before, 0, pair);
}

/**
 * Characters a comment cannot hold as they are: controls (comments have no escapes, so they would
 * go out raw, and DEL or C1 make the file one other YAML readers refuse), line and paragraph
 * separators (YAML 1.1 readers end the comment there), noncharacters, and bidirectional controls
 * (which make an editor show the framework's words in another order than they are).
 */
const NOT_FOR_COMMENTS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]/g;

/** Comment text (a framework's words) wrapped to a readable width; yaml adds the leading `#`. */
function wrapComment(text: string): string {
  return text
    .replace(NOT_FOR_COMMENTS, ' ')
    .split('\n')
    .flatMap((line) => wrapLine(line, COMMENT_WIDTH))
    .map((line) => (line ? ` ${line}` : ''))
    .join('\n');
}

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const words = line.trim().split(/\s+/);
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    if (current.trim() && current.length + 1 + word.length > width) {
      lines.push(current);
      current = `${indent}  ${word}`;
    } else {
      current = current.trim() ? `${current} ${word}` : `${current}${word}`;
    }
  }
  lines.push(current);
  return lines;
}
