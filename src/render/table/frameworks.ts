/** `audit standards list` for a terminal. */
import type { FrameworkSummary } from '../../core/framework-summary.js';
import type { Style } from '../style.js';
import { formatTable } from '../text-table.js';
import { prose } from '../text-wrap.js';

export function renderFrameworkList(list: FrameworkSummary[], style: Style, width?: number): string {
  const table = formatTable(
    [
      { header: 'ID' },
      { header: 'Edition' },
      { header: 'Standards', align: 'right' },
      { header: 'Criteria', align: 'right' },
      { header: 'Scale', wrap: true },
      { header: 'Title', wrap: true },
    ],
    list.map((f) => [
      f.bundled ? f.id : `${f.id} (local)`,
      f.version,
      String(f.standards),
      String(f.criteria),
      `${f.scale}, target ${f.target}`,
      f.title,
    ]),
    width,
  );
  const hint = [prose('Show one with: audit standards show ID', width, '  '), prose('Start an audit: audit new --framework ID --org NAME --period P', width, '  ')].join('\n');
  return `${table}\n\n${style.dim(hint)}\n`;
}
