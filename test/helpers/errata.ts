/**
 * Records of what an earlier build printed (test/fixtures/editions/) show each criterion's
 * statement as it was worded then. An erratum in standards/criterion-register.txt may correct
 * that wording in place, keeping the id and the meaning; nothing else about an audit may change.
 * `withCorrectedWording` gives a record the wording its edition has now wherever both the
 * record's wording and today's are registered for the same criterion, so that a record is held
 * to everything else, and a statement changed without an erratum still fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegister, REGISTER_FILE, statementDigest } from '../../src/core/criterion-register.js';
import { readLibrary } from '../../src/io/framework-library.js';
import { ROOT } from './cli.js';

const library = await readLibrary({});
const { lines: register } = parseRegister(readFileSync(join(ROOT, 'standards', REGISTER_FILE), 'utf8'));

interface RecordJson {
  framework?: { id?: string; version?: string };
  before?: { frameworkVersion?: string };
}

/** The record, with each registered wording of a criterion replaced by its edition's wording today. */
export function withCorrectedWording<T>(record: T): T {
  const head = record as RecordJson;
  const id = head.framework?.id;
  const version = head.framework?.version ?? head.before?.frameworkVersion;
  const entry = library.find((e) => e.id === id);
  const edition = entry && [entry.current, ...entry.earlier].find((e) => e.framework.version === version);
  if (!edition) throw new Error(`no bundled edition ${version} of ${id} for this record`);
  const today = new Map(edition.framework.standards.flatMap((s) => s.criteria).map((c) => [c.id, c.text]));
  const published = (criterion: string) => new Set(register.filter((l) => l.framework === id && l.criterion === criterion).map((l) => l.digest));

  const correct = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(correct);
    if (!value || typeof value !== 'object') return value;
    const object = Object.fromEntries(Object.entries(value).map(([key, v]) => [key, correct(v)]));
    const { criterion, text } = object as { criterion?: unknown; text?: unknown };
    const now = typeof criterion === 'string' ? today.get(criterion) : undefined;
    // Both wordings registered for the criterion: an erratum, not an unregistered change.
    if (now !== undefined && typeof text === 'string' && [text, now].every((wording) => published(criterion as string).has(statementDigest(wording)))) {
      object.text = now;
    }
    return object;
  };
  return correct(record) as T;
}
