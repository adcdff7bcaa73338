import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXmlText, toXml } from './open311.xml.ts';

const ITEMS = { services: 'service', formats: 'format', errors: 'error' };
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

describe('toXml', () => {
  it('starts with the UTF-8 declaration and nests objects in key order', () => {
    expect(toXml('discovery', { changeset: '2026-11-26T00:00:00Z', contact: 'Call 109' }, ITEMS)).toBe(
      `${HEAD}<discovery><changeset>2026-11-26T00:00:00Z</changeset><contact>Call 109</contact></discovery>`,
    );
  });

  it('names array items from the table, at the root and nested', () => {
    expect(
      toXml(
        'services',
        [
          { service_code: 'flooding', metadata: false, n: 1.5 },
          { service_code: 'elevator', metadata: true, n: -2 },
        ],
        ITEMS,
      ),
    ).toBe(
      `${HEAD}<services><service><service_code>flooding</service_code><metadata>false</metadata><n>1.5</n></service>` +
        `<service><service_code>elevator</service_code><metadata>true</metadata><n>-2</n></service></services>`,
    );
    expect(toXml('endpoint', { formats: ['text/xml', 'application/json'] }, ITEMS)).toBe(
      `${HEAD}<endpoint><formats><format>text/xml</format><format>application/json</format></formats></endpoint>`,
    );
  });

  it('writes null and empty lists as empty elements and leaves undefined out', () => {
    expect(toXml('request', { account_id: null, formats: [], token: undefined, s: '' }, ITEMS)).toBe(
      `${HEAD}<request><account_id/><formats/><s/></request>`,
    );
  });

  it('escapes markup in text, so it can never open an element', () => {
    expect(toXml('errors', [{ code: 400, description: '<b>a & b</b> ]]>' }], ITEMS)).toBe(
      `${HEAD}<errors><error><code>400</code><description>&lt;b&gt;a &amp; b&lt;/b&gt; ]]&gt;</description></error></errors>`,
    );
  });

  it('drops characters XML 1.0 cannot carry and keeps the rest, carriage returns included', () => {
    expect(escapeXmlText('a\u0000b\u0001c\u001fd\uffff\ud800e')).toBe('abcde');
    expect(escapeXmlText('line 1\r\nline 2\ttab 😀 Қазақ')).toBe('line 1&#13;\nline 2\ttab 😀 Қазақ');
  });

  it('refuses names that are not ours to give: invalid element names and arrays without an item name', () => {
    expect(() => toXml('bad name', 'x', ITEMS)).toThrow(/element name/);
    expect(() => toXml('r', { '1st': 'x' }, ITEMS)).toThrow(/element name/);
    expect(() => toXml('xmlthing', 'x', ITEMS)).toThrow(/element name/);
    expect(() => toXml('r', { unknown_list: [1] }, ITEMS)).toThrow(/no item name/);
    expect(() => toXml('r', { n: Number.NaN }, ITEMS)).toThrow(/cannot hold/);
  });

  it('round-trips any text through a real XML parser', () => {
    const parser = new XMLParser({ parseTagValue: false, trimValues: false, htmlEntities: true });
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const parsed = parser.parse(toXml('description', text, ITEMS)) as { description: string };
        const expected = text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
        expect(parsed.description === '' ? '' : String(parsed.description)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
