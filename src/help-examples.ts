/**
 * The examples each command's --help ends with, by command (`standards map`). Each names only
 * the files `audit examples` copies (examples/…), the bundled frameworks, or what an example
 * before it wrote, so that every one works when pasted, in the order of `audit --help`, into the
 * folder where `audit examples` was run; test/commands/help-examples.test.ts runs them all so.
 */
const POLICE = 'examples/section-11/borsetshire-police.yaml';
const POLICE_NEXT = 'examples/section-11-2026-27/borsetshire-police.yaml';
const COUNCIL = 'examples/borsetshire-climbie-2002-03.yaml';
const DETAILS = 'examples/borsetshire-report-details.yaml';

export const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  'standards list': ['audit standards list', 'audit standards list --format json'],
  'standards show': ['audit standards show section-11', 'audit standards show section-11@2007-2018 --format markdown > section-11-2007.md'],
  'standards validate': ['audit standards validate --library --strict'],
  'standards map': ['audit standards map section-11@2007-2018 section-11', 'audit standards map working-together-2013 working-together-2023 --format csv > crosswalk.csv'],
  new: [
    'audit new --framework section-11 --org "Borsetshire Police" --kind police --period 2026-27 -o police-2026-27.yaml',
    `audit new --from ${POLICE} --period 2026-27 -o police-carried-forward.yaml`,
  ],
  start: ['audit start', 'audit start --framework kcsie-2025 --org "Felpersham Park Academy" --kind academy --period 2025-26'],
  resume: ['audit resume police-2026-27.yaml', 'audit resume police-carried-forward.yaml --standard COM --screen-reader'],
  rate: [
    'audit rate police-2026-27.yaml COM-1 --rating 3 --evidence "Board minutes, May 2026"',
    'audit rate police-2026-27.yaml COM-2 --rating 2 --action "Report to the board every year" --owner "Head of Public Protection" --due 31/03/2027',
    'audit rate police-2026-27.yaml ACC-3 --not-applicable "The force commissions no services"',
  ],
  export: [
    `audit export ${POLICE} --return-to "Business Unit, s11@example.gov.uk" --return-by 2026-01-31 -o police-return.xlsx`,
    'audit export --framework section-11 --org "Ambridge Scouts" --kind voluntary-community --period 2025-26',
  ],
  import: ['audit import police-return.xlsx --into examples/section-11/borsetshire-police.yaml', 'audit import police-return.xlsx -o police-from-return.yaml'],
  gap: [`audit gap ${POLICE}`, `audit gap ${POLICE} --format csv -o police-gaps.csv`, `audit gap ${POLICE} -o police-gaps.xlsx`],
  plan: [`audit plan ${POLICE} --as-of 2026-03-31`, `audit plan ${POLICE} --format csv > police-plan.csv`],
  report: [
    `audit report ${COUNCIL} --public --details ${DETAILS} --meeting-date 2003-07-21`,
    `audit report ${COUNCIL} --details ${DETAILS} -o cabinet-part-2.docx`,
  ],
  check: [`audit check ${POLICE} --fail-on amber`, `audit check ${POLICE} --format junit --public -o police.junit.xml`],
  compare: [`audit compare ${POLICE} ${POLICE_NEXT}`, `audit compare ${POLICE} ${POLICE_NEXT} --format json > police-change.json`],
  trend: [
    `audit trend examples/section-11-2024-25/borsetshire-police.yaml ${POLICE} ${POLICE_NEXT}`,
    'audit trend examples/section-11*/borsetshire-police.yaml --format csv > police-trend.csv',
  ],
  aggregate: [
    'audit aggregate examples/section-11/',
    'audit aggregate examples/section-11-2026-27/ --previous examples/section-11/',
    'audit aggregate examples/section-11/ --format csv > partnership.csv',
    'audit aggregate examples/section-11/ -o heat-map.xlsx',
    'audit aggregate examples/section-11/ -o partnership-2025-26.pdf --partnership "Borsetshire Safeguarding Children Partnership" --meeting-date 2026-07-14',
  ],
  moderate: [`audit moderate ${POLICE} COM-3 --rating 2 --note "Minutes show one board report in two years" --by "Partnership panel"`],
  sign: [`audit sign ${POLICE} --by "A. Chief" --role "Chief Constable"`],
  verify: [`audit verify ${POLICE}`, `audit verify ${POLICE_NEXT} --allow-unsigned --format json`],
  examples: ['audit examples', 'audit examples training/examples'],
  init: ['audit init safeguarding-audits --framework section-11', 'audit init safeguarding-audits --vendor'],
};
