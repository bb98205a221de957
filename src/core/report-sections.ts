/**
 * The parts of a committee report that do not depend on its findings, shared by the Cabinet
 * and the partnership reports: the sections in the words of the report's details (what
 * children and families told us, consultation, other options, reasons, background papers),
 * which are left out rather than invented when nobody gave them; the recommendations' items,
 * made only when their condition holds; the people on the cover; the framework's legal basis
 * for the nation, and its language.
 */
import type { Framework } from './framework.js';
import { personLines, type ReportDetails } from './report-details.js';
import { letterLabel, listBlock, type SectionScope } from './report-document.js';
import type { ItemsSection, Nation, TemplateSection } from './template-text.js';

/** Sections whose words the report details may give, over the template's. */
export const DETAIL_SECTIONS = ['childrensVoice', 'consultation', 'otherOptions', 'reasons'] as const;
type DetailSection = (typeof DETAIL_SECTIONS)[number];
const isDetailSection = (key: string): key is DetailSection => (DETAIL_SECTIONS as readonly string[]).includes(key);

/** Something the report could not say as asked, for the command to tell the user. */
export interface ReportWarning {
  code: 'section-left-out' | 'legal-basis-missing' | 'no-author' | 'untranslated';
  message: string;
}

/**
 * The sections of `contents` the report will have: a section of the details' words only when
 * the details or the template give it words, background papers only when the details list
 * them (an empty list is "none"). The others are named in warnings.
 */
export function includedSections(
  contents: readonly string[],
  sections: Readonly<Record<string, TemplateSection | undefined>>,
  details: ReportDetails,
): { included: string[]; warnings: ReportWarning[] } {
  const included = contents.filter((key) => {
    if (isDetailSection(key)) return Boolean(details[key]?.trim() || sections[key]?.text.trim());
    if (key === 'backgroundPapers') return details.backgroundPapers !== undefined;
    return true;
  });
  const warnings: ReportWarning[] = contents
    .filter((key) => !included.includes(key))
    .map((key) => ({ code: 'section-left-out', message: leftOutMessage(key, sections[key]?.heading ?? key) }));
  if (!details.author && !details.contact) {
    warnings.push({ code: 'no-author', message: 'the cover names no report author or contact officer: give author and contact in the report details (--details)' });
  }
  return { included, warnings };
}

function leftOutMessage(key: string, heading: string): string {
  if (key === 'backgroundPapers') {
    return `no background papers are listed, so "${heading}" is left out: list them in the report details (backgroundPapers, [] for none) or with --background-paper`;
  }
  return `"${heading}" is left out: give its words as ${key} in the report details (--details)`;
}

/**
 * The blocks of a section whose words are the details' or the template's own: the details'
 * words set as the user wrote them (never read for placeholders), background papers as a list.
 * False when `key` is not such a section.
 */
export function detailSectionBlocks(
  scope: SectionScope,
  key: string,
  section: TemplateSection,
  details: ReportDetails,
  none: string,
  prose: (scope: SectionScope, section: TemplateSection) => void,
): boolean {
  if (key === 'backgroundPapers') {
    prose(scope, section);
    const papers = details.backgroundPapers ?? [];
    if (papers.length) scope.add(listBlock(papers.map((text) => ({ label: '•', text }))));
    else scope.paragraph(none);
    return true;
  }
  if (!isDetailSection(key)) return false;
  const own = details[key];
  if (own?.trim()) scope.prose(own.replace(/\{/g, '{{').replace(/\}/g, '}}'));
  else prose(scope, section);
  return true;
}

/**
 * The recommendations' lettered items: those whose condition holds, lettered in order. Which
 * items are made depends on the figures, so the list's punctuation is set here: each item but
 * the last ends with ";", the last with "." (whatever its ending in the template).
 */
export function recommendationItems(scope: SectionScope, section: ItemsSection, values: Readonly<Record<string, string>>, fill: (text: string) => string): void {
  const items = (section.items ?? []).filter((item) => !item.when || Number(values[item.when] ?? 0) > 0);
  const last = items.length - 1;
  if (items.length) scope.add(listBlock(items.map((item, i) => ({ label: letterLabel(i), text: listItemEnding(fill(item.text), i === last) }))));
}

/** An item of a lettered list ending as the place it has in the list asks: ";" within it, "." at its end. */
export function listItemEnding(text: string, isLast: boolean): string {
  const bare = text.trimEnd();
  const stem = bare.replace(/\s*(?:[;,]\s*(?:and|or)|[;,.:])$/i, '');
  // An item that ends in a mark of its own (a question, a quotation) is left as written.
  if (stem === bare && /[?!\u201d"']$/.test(bare)) return bare;
  return `${stem}${isLast ? '.' : ';'}`;
}

/**
 * The committee as the recommendations name it after "That": "Cabinet" as it is, "the
 * Governing board" with the template's article, and a name that already starts with "the"
 * (written "The Board") without a second one.
 */
export function committeeWithArticle(committee: string, withoutArticle: readonly string[] | undefined, withArticle: (committee: string) => string): string {
  const name = committee.trim();
  if (/^the\s/i.test(name)) return `the${name.slice(3)}`;
  if ((withoutArticle ?? []).some((n) => n.trim().toLowerCase() === name.toLowerCase())) return name;
  return withArticle(name);
}

/** Template text as prose, a paragraph that is only {legalBasis} marked in the framework's language. */
export function proseWithLanguage(scope: SectionScope, text: string, langOf: (paragraph: string) => string | undefined): void {
  for (const paragraph of text.split(/\n\s*\n/)) scope.prose(paragraph, langOf(paragraph));
}

/** The cover's lines for the member who holds the portfolio, the author and the contact officer. */
export function peopleRows(
  details: ReportDetails,
  labels: { authorLabel: string; contactLabel: string; telephoneLabel: string; emailLabel: string },
  portfolioHolderLabel: string,
): { label: string; value: string }[] {
  const contact = details.contact ?? details.author;
  return [
    ...(details.portfolioHolder ? [{ label: portfolioHolderLabel, value: details.portfolioHolder }] : []),
    ...(details.author ? [{ label: labels.authorLabel, value: personLines(details.author, labels) }] : []),
    ...(contact ? [{ label: labels.contactLabel, value: personLines(contact, labels) }] : []),
  ];
}

/** The framework's legal basis for `nation`; undefined when it states none for it. */
export function legalBasisFor(framework: Framework, nation: Nation): string | undefined {
  return framework.legalBasis?.[nation]?.trim() || undefined;
}

/** The language of a framework's text when it differs from the report's (then it is marked); else undefined. */
export function foreignLanguage(framework: Framework, reportLanguage: string): string | undefined {
  const own = framework.language ?? 'en';
  const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();
  return primary(own) === primary(reportLanguage) ? undefined : own;
}

/** purpose → purpose, gapAnalysis → gap-analysis: ids for links and bookmarks. */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
