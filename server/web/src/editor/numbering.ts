// Automatic numbering of chapters, paragraphs, sections, clauses and
// sub-clauses. The organisation profiles (doc-templates/, profile.xsd) have
// no numbering scheme, so the scheme is read from the document's own
// numbers: for each kind of element and its nesting level, the usual form
// («1.», «1.1.», «2.2.1.», «1)», «1 Тарау.», «Параграф 2.») and whether the
// count runs through the document (clauses 1.–29. across chapters) or
// restarts in each parent, and whether the parent's number comes first
// (1.1., 2.2.1.).
//
// Renumbering starts where an edit changed the structure: numbers before
// that point stay as printed (a gap there stays), everything after follows
// the scheme. Elements without a number (num null) are never numbered; a
// number that is not a number («А-қосымшасы») is left alone.
import type { Node as PMNode } from 'prosemirror-model';

export const numberedTypes = new Set(['chapter', 'paragraph', 'section', 'clause', 'subclause']);
const parentTypes = new Set(['body', 'chapter', 'paragraph', 'section', 'clause', 'subclause', 'annex', 'forms']);

export interface ParsedNum {
  prefix: string;
  numbers: number[];
  suffix: string;
}

export function parseNum(num: string | null): ParsedNum | null {
  if (num === null) return null;
  const match = /^(\D*?)(\d+(?:\.\d+)*)(.*)$/s.exec(num);
  if (!match) return null;
  return { prefix: match[1], numbers: match[2].split('.').map(Number), suffix: match[3] };
}

export function formatNum(form: Format, numbers: number[]): string {
  return form.prefix + numbers.join('.') + form.suffix;
}

interface Format {
  prefix: string;
  suffix: string;
  depth: number; // how many numbers: 1 for «3.», 2 for «2.2.»
}

interface Scheme {
  format: Format;
  formats: Set<string>; // every form seen for the key: prefix|depth|suffix
  runsThrough: boolean; // one count through the document
}

const defaults: Record<string, Format> = {
  chapter: { prefix: '', suffix: '.', depth: 1 },
  paragraph: { prefix: '', suffix: '.', depth: 1 },
  section: { prefix: '', suffix: '', depth: 2 },
  clause: { prefix: '', suffix: '.', depth: 1 },
  subclause: { prefix: '', suffix: ')', depth: 1 },
};

function formKey(parsed: ParsedNum): string {
  return `${parsed.prefix}|${parsed.numbers.length}|${parsed.suffix}`;
}

// Visits the numbered elements in document order with their key (type and
// nesting level among elements of that type) and parent position.
function visit(doc: PMNode, f: (node: PMNode, pos: number, key: string, parentPos: number) => void): void {
  // contentStart: where node's content begins (0 for the document).
  const walk = (node: PMNode, contentStart: number, levels: Record<string, number>, parentPos: number) => {
    node.forEach((child, offset) => {
      const at = contentStart + offset;
      const name = child.type.name;
      if (!parentTypes.has(name)) return;
      let inner = levels;
      if (numberedTypes.has(name)) {
        const level = (levels[name] ?? 0) + 1;
        f(child, at, `${name}/${level}`, parentPos);
        inner = { ...levels, [name]: level };
      }
      walk(child, at + 1, inner, at);
    });
  };
  walk(doc, 0, {}, -1);
}

export type Schemes = Map<string, Scheme>;

// The scheme of a document, from its numbered elements that have an eId
// (elements made by an edit and not yet given one do not count).
export function deriveSchemes(doc: PMNode): Schemes {
  const seen = new Map<string, { forms: Map<string, number>; parsed: Map<string, ParsedNum>; firstAbove1: number; first: number }>();
  const firstInParent = new Set<string>();
  visit(doc, (node, _pos, key, parentPos) => {
    if (!node.attrs.eId) return;
    const parsed = parseNum(node.attrs.num);
    if (!parsed) return;
    let entry = seen.get(key);
    if (!entry) seen.set(key, (entry = { forms: new Map(), parsed: new Map(), firstAbove1: 0, first: 0 }));
    const form = formKey(parsed);
    entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
    entry.parsed.set(form, parsed);
    const parentKey = `${parentPos}/${key}`;
    if (!firstInParent.has(parentKey)) {
      firstInParent.add(parentKey);
      entry.first++;
      if (parsed.numbers.length === 1 && parsed.numbers[0] > 1) entry.firstAbove1++;
    }
  });
  const schemes: Schemes = new Map();
  for (const [key, entry] of seen) {
    let best = '';
    let count = -1;
    for (const [form, n] of entry.forms) if (n > count) [best, count] = [form, n];
    const parsed = entry.parsed.get(best)!;
    schemes.set(key, {
      format: { prefix: parsed.prefix, suffix: parsed.suffix, depth: parsed.numbers.length },
      formats: new Set(entry.forms.keys()),
      // Most parents start above 1: the count runs on from the last parent.
      runsThrough: parsed.numbers.length === 1 && entry.firstAbove1 * 2 > entry.first,
    });
  }
  return schemes;
}

function schemeFor(schemes: Schemes, key: string): Scheme {
  const found = schemes.get(key);
  if (found) return found;
  const [type] = key.split('/');
  const outer = schemes.get(`${type}/1`);
  if (outer) return { ...outer, runsThrough: false };
  return { format: defaults[type], formats: new Set(), runsThrough: false };
}

// The number changes that bring every numbered element from position `from`
// on into the scheme: [position, new num]. Elements before `from` keep
// their numbers and carry the count on.
export function renumber(doc: PMNode, schemes: Schemes, from: number): [number, string][] {
  const changes: [number, string][] = [];
  const running = new Map<string, number>(); // per key, counts that run through
  const local = new Map<string, number>(); // per parent position and key
  const numbersAt = new Map<number, number[]>(); // computed numbers of numbered elements
  const nearestNumbers = (pos: number, parents: Map<number, number>): number[] => {
    for (let at = parents.get(pos); at !== undefined && at >= 0; at = parents.get(at)) {
      const numbers = numbersAt.get(at);
      if (numbers) return numbers;
    }
    return [];
  };
  const parents = new Map<number, number>();
  visit(doc, (node, pos, key, parentPos) => {
    parents.set(pos, parentPos);
    const parsed = parseNum(node.attrs.num);
    if (!parsed) return;
    const scheme = schemeFor(schemes, key);
    const counterKey = scheme.runsThrough ? key : `${parentPos}/${key}`;
    const counters = scheme.runsThrough ? running : local;
    if (pos < from) {
      numbersAt.set(pos, parsed.numbers);
      counters.set(counterKey, parsed.numbers[parsed.numbers.length - 1]);
      return;
    }
    const count = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, count);
    // A new element, or one whose form is foreign to its place (a clause
    // just made a sub-clause): the scheme's form; else its own.
    const own = !!node.attrs.eId && scheme.formats.has(formKey(parsed));
    const format: Format = own ? { prefix: parsed.prefix, suffix: parsed.suffix, depth: parsed.numbers.length } : scheme.format;
    const numbers = format.depth > 1 ? [...nearestNumbers(pos, parents).slice(0, format.depth - 1), count] : [count];
    numbersAt.set(pos, numbers);
    const text = formatNum(format, numbers);
    if (text !== node.attrs.num) changes.push([pos, text]);
  });
  return changes;
}
