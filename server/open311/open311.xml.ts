/** A JSON-shaped value: what every Open311 answer is built as before it is written as JSON or XML. */
export type XmlValue =
  string | number | boolean | null | undefined | readonly XmlValue[] | { readonly [key: string]: XmlValue };

/**
 * For each array-valued element, the name of its items: `services` holds `service` elements.
 * GeoReport v2 maps its XML to JSON by the Spark convention, so one table drives the way back.
 */
export type XmlItemNames = Readonly<Record<string, string>>;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 cannot carry at all, not even escaped (control characters, lone surrogates).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content escaped for XML; characters XML 1.0 cannot represent are dropped. */
export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Writes `value` as an XML document with root element `root`: objects become nested elements in
 * key order, arrays become one child per item named by `itemNames`, null an empty element, and
 * an undefined property is left out. Names are ours, never input: an invalid one is a bug and throws.
 */
export function toXml(root: string, value: XmlValue, itemNames: XmlItemNames): string {
  return DECLARATION + element(root, value, itemNames);
}

function element(name: string, value: XmlValue, itemNames: XmlItemNames): string {
  if (!NAME.test(name) || /^xml/i.test(name)) throw new Error(`"${name}" is not an XML element name`);
  const inner = content(name, value, itemNames);
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

function content(name: string, value: XmlValue, itemNames: XmlItemNames): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return escapeXmlText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`<${name}> cannot hold ${value}`);
    return String(value);
  }
  if (isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item name for the array <${name}>`);
    return value.map((v) => element(item, v, itemNames)).join('');
  }
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => element(key, v, itemNames))
    .join('');
}

// Array.isArray does not narrow a readonly array out of a union.
const isArray = (value: XmlValue): value is readonly XmlValue[] => Array.isArray(value);
