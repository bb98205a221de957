import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE, evaluateCheck } from '../../src/core/check.js';
import { renderCheckJunit } from '../../src/render/junit/check.js';
import { xmlAttr, xmlChars, xmlText } from '../../src/render/junit/xml.js';
import { auditOf, mini } from '../core/mini.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true, htmlEntities: true, isArray: (name) => ['testsuite', 'testcase'].includes(name) });

describe('JUnit XML', () => {
  it('stays well-formed whatever the text in the audit, and gives the text back less what XML cannot hold', () => {
    // Any code points, lone surrogates and control characters included.
    const text = fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('<', '>', '&', '"', "'", ']]>', '\u0000', '\u0008', '\uFFFE', '\uD800', '\r', '\t', '\n')), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, (organisation, evidence, action) => {
        const title = { ...mini, standards: [{ ...mini.standards[0]!, title: organisation }, mini.standards[1]!] };
        const audit = auditOf({ 'L-1': { rating: 1, evidence, action: { text: action } } }, { organisation });
        const xml = renderCheckJunit(evaluateCheck(title, audit, DEFAULT_GATE));
        expect(XMLValidator.validate(xml)).toBe(true);
        const doc = parser.parse(xml);
        const suite = doc.testsuites.testsuite[0];
        // Attribute values: line breaks and tabs survive as character references.
        expect(suite.name).toBe(`1. ${xmlChars(organisation)}`);
        const failure = suite.testcase[0].failure;
        expect(failure.message).toContain(`action: ${xmlChars(action.replace(/\s+/g, ' ').trim())}`);
        if (evidence.trim()) expect(failure['#text']).toContain(`Evidence: ${xmlChars(evidence.trim())}`);
        else expect(failure['#text']).not.toContain('Evidence:');
      }),
      { numRuns: 300 },
    );
  });

  it('escapes text and attributes exactly as every replacement in turn would, plain text or not', () => {
    const text = (value: string) => xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
    const attr = (value: string) => text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
    const unit = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('a', 'é', '<', '>', '&', '"', "'", '\u0000', '\u007f', '\u0085', '\u009f', '\u00a0', '\u061c', '\u200d', '\u200e', '\u200f', '\u2029', '\u202a', '\u202e', '\u202f', '\u2065', '\u2066', '\u2069', '\u206a', '\uD7FF', '\uE000', '\uFFFD', '\uFFFE', '\uD800', '\uDC00', '\r', '\t', '\n'));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (value) => {
        expect(xmlText(value)).toBe(text(value));
        expect(xmlAttr(value)).toBe(attr(value));
      }),
      { numRuns: 1000 },
    );
  });
});
