/** Parsing of option values shared by several commands; bad values are InputErrors (exit 2). */
import { ACTION_STATUSES, type ActionStatus } from '../core/audit.js';
import { isIsoDate } from '../core/dates.js';
import { describeScale, isOnScale, type Framework } from '../core/framework.js';
import { InputError } from '../errors.js';

export function parseRating(value: string, framework: Framework, flag = '--rating'): number {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    throw new InputError(`${flag} "${value}" is not a whole number on the scale of ${framework.id} (${describeScale(framework)})`);
  }
  const rating = Number(trimmed);
  if (!isOnScale(framework, rating)) {
    throw new InputError(`${flag} ${rating} is not on the scale of ${framework.id} (${describeScale(framework)})`);
  }
  return rating;
}

export function parseDate(value: string, flag = '--due'): string {
  const trimmed = value.trim();
  if (!isIsoDate(trimmed)) throw new InputError(`${flag} "${value}" is not a real date in the form YYYY-MM-DD`);
  return trimmed;
}

export function parseStatus(value: string): ActionStatus {
  if (!(ACTION_STATUSES as readonly string[]).includes(value)) {
    throw new InputError(`--status "${value}" must be one of ${ACTION_STATUSES.join(', ')}`);
  }
  return value as ActionStatus;
}
