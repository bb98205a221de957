/** The mini framework of the fixtures, as data, and a maker of audits of it, for core tests. */
import type { Audit } from '../../src/core/audit.js';
import type { Framework } from '../../src/core/framework.js';

export const mini: Framework = {
  id: 'mini',
  title: 'Mini',
  version: '1',
  source: { title: 'Test' },
  scale: [1, 2, 3, 4].map((value) => ({ value, label: `L${value}`, description: `Level ${value}` })),
  target: 3,
  standards: [
    { id: 'LEAD', title: 'Leadership', criteria: [{ id: 'L-1', text: 'one' }, { id: 'L-2', text: 'two', target: 4 }] },
    { id: 'WORK', title: 'Workforce', criteria: [{ id: 'W-1', text: 'three' }, { id: 'W-2', text: 'four' }, { id: 'W-3', text: 'five' }] },
  ],
};

export const auditOf = (responses: Audit['responses'], extra: Partial<Audit> = {}): Audit => ({
  framework: 'mini',
  organisation: 'Org',
  period: '2025-26',
  responses,
  ...extra,
});

/** Every criterion rated `rating`, except those given. */
export const allRated = (rating: number, except: Audit['responses'] = {}): Audit['responses'] => ({
  'L-1': { rating },
  'L-2': { rating },
  'W-1': { rating },
  'W-2': { rating },
  'W-3': { rating },
  ...except,
});
