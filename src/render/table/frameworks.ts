/** `audit standards list` for a terminal: one row per edition, the current one first. */
import type { FrameworkSummary } from '../../core/framework-summary.js';
import type { Style } from '../style.js';
import { formatTable } from '../text-table.js';
import { prose } from '../text-wrap.js';

export function renderFrameworkList(list: FrameworkSummary[], style: Style, width?: number): string {
  const rows: string[][] = [];
  for (const f of list) {
    const editions = f.editions ?? [];
    const several = editions.length > 1;
    rows.push([
      f.bundled ? f.id : `${f.id} (local)`,
      several ? `${f.version} (current)` : f.version,
      String(f.standards),
      String(f.criteria),
      `${f.scale}, target ${f.target}`,
      f.title,
    ]);
    // Earlier editions under the current one, named as they are asked for.
    for (const e of editions.filter((edition) => !edition.current)) {
      rows.push([`  ${e.ref}`, e.version, String(e.standards), String(e.criteria), '', style.dim('earlier edition')]);
    }
  }
  const table = formatTable(
    [
      { header: 'ID' },
      { header: 'Edition' },
      { header: 'Standards', align: 'right' },
      { header: 'Criteria', align: 'right' },
      { header: 'Scale', wrap: true },
      { header: 'Title', wrap: true },
    ],
    rows,
    width,
  );
  const hint = [prose('Show one with: audit standards show ID[@EDITION]', width, '  '), prose('Start an audit: audit new --framework ID --org NAME --period P', width, '  ')].join('\n');
  return `${table}\n\n${style.dim(hint)}\n`;
}
