// A small XML reader and the canonical writer of edition XML, shared by the
// editor page and the round-trip test that runs in Node (no DOM there).
//
// The reader takes what the server hands out (well-formed, no DOCTYPE):
// elements, attributes, text, CDATA, the five predefined entities and
// character references; comments and processing instructions are skipped.
// It resolves namespaces so an element knows whether it is Nusqa's.
//
// The writer produces the canonical form of xml/CanonicalXml.h, byte for
// byte (keep the two in step; tests/web/roundtrip compares them on every
// fixture): sorted attributes, element-only content indented by two spaces,
// text content with whitespace collapsed as the reader reads it.

export const NS = 'urn:nusqa:document:1';

export interface XElement {
  kind: 'element';
  name: string; // local name
  ns: string | null; // namespace URI
  prefix: string | null;
  attrs: [string, string][]; // qualified name, value (no namespace declarations)
  children: XNode[];
  line?: number; // set by the writer when asked to: 1-based line of the start tag
  source?: unknown; // what the element was made from (the editor's node position)
}

export interface XText {
  kind: 'text';
  text: string;
}

export type XNode = XElement | XText;

export class XmlError extends Error {}

// Elements whose schema type is mixed="true" in schemas/document.xsd
// (InlineType, DocRefType, PType): their text is text, their whitespace is
// collapsed. tests/web/roundtrip checks this list against the XSD.
export const MIXED = new Set([
  'b',
  'i',
  'u',
  'sup',
  'sub',
  'docRef',
  'p',
  'caption',
  'heading',
  'text',
  'name',
  'definition',
  'abbr',
  'expansion',
]);

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError(`bad character reference ${whole} near ${at}`);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[name];
    if (value === undefined) throw new XmlError(`unknown entity ${whole} near ${at}`);
    return value;
  });
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

// Parses a document; returns its root element.
export function parseXml(input: string): XElement {
  const src = input.replace(/\r\n?/g, '\n');
  let at = 0;
  const stack: { element: XElement; scope: Map<string, string> }[] = [];
  let root: XElement | null = null;
  let scope = new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']]);

  const fail = (what: string): never => {
    const line = src.slice(0, at).split('\n').length;
    throw new XmlError(`${what} (line ${line})`);
  };

  const addText = (text: string) => {
    if (!text) return;
    const top = stack[stack.length - 1];
    if (!top) {
      if (text.trim()) fail('text outside the root element');
      return;
    }
    const last = top.element.children[top.element.children.length - 1];
    if (last && last.kind === 'text') last.text += text;
    else top.element.children.push({ kind: 'text', text });
  };

  while (at < src.length) {
    const lt = src.indexOf('<', at);
    if (lt < 0) {
      addText(decode(src.slice(at), at));
      break;
    }
    if (lt > at) addText(decode(src.slice(at, lt), at));
    at = lt;
    if (src.startsWith('<!--', at)) {
      const end = src.indexOf('-->', at + 4);
      if (end < 0) fail('unterminated comment');
      at = end + 3;
    } else if (src.startsWith('<?', at)) {
      const end = src.indexOf('?>', at + 2);
      if (end < 0) fail('unterminated processing instruction');
      at = end + 2;
    } else if (src.startsWith('<![CDATA[', at)) {
      const end = src.indexOf(']]>', at + 9);
      if (end < 0) fail('unterminated CDATA section');
      addText(src.slice(at + 9, end));
      at = end + 3;
    } else if (src.startsWith('<!', at)) {
      fail('DOCTYPE and declarations are not accepted');
    } else if (src[at + 1] === '/') {
      const end = src.indexOf('>', at);
      if (end < 0) fail('unterminated end tag');
      const name = src.slice(at + 2, end).trim();
      const top = stack.pop();
      if (!top) fail(`end tag </${name}> without a start tag`);
      const qname = top!.element.prefix ? `${top!.element.prefix}:${top!.element.name}` : top!.element.name;
      if (qname !== name) fail(`end tag </${name}> does not match <${qname}>`);
      scope = stack.length ? stack[stack.length - 1].scope : scope;
      if (!stack.length) scope = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);
      at = end + 1;
    } else {
      // Start tag: name, attributes, "/>" or ">".
      let i = at + 1;
      const nameMatch = /^[^\s/>]+/.exec(src.slice(i, i + 300));
      if (!nameMatch) fail('bad start tag');
      const qname = nameMatch![0];
      i += qname.length;
      const raw: [string, string][] = [];
      for (;;) {
        while (i < src.length && isSpace(src[i])) i++;
        if (src[i] === '/' && src[i + 1] === '>') {
          i += 2;
          break;
        }
        if (src[i] === '>') {
          i += 1;
          break;
        }
        const attr = /^([^\s=/>]+)\s*=\s*(["'])/.exec(src.slice(i, i + 400));
        if (!attr) fail(`bad attribute in <${qname}>`);
        i += attr![0].length;
        const close = src.indexOf(attr![2], i);
        if (close < 0) fail('unterminated attribute value');
        // Attribute-value normalisation: literal whitespace becomes a space.
        raw.push([attr![1], decode(src.slice(i, close).replace(/[\t\n]/g, ' '), i)]);
        i = close + 1;
      }
      const selfClosing = src[i - 2] === '/';
      const ownScope = new Map(stack.length ? stack[stack.length - 1].scope : scope);
      const attrs: [string, string][] = [];
      for (const [name, value] of raw) {
        if (name === 'xmlns') ownScope.set('', value);
        else if (name.startsWith('xmlns:')) ownScope.set(name.slice(6), value);
        else attrs.push([name, value]);
      }
      const colon = qname.indexOf(':');
      const prefix = colon >= 0 ? qname.slice(0, colon) : null;
      const local = colon >= 0 ? qname.slice(colon + 1) : qname;
      const ns = ownScope.get(prefix ?? '') || null;
      if (prefix && ns === null) fail(`undeclared prefix ${prefix}`);
      const element: XElement = { kind: 'element', name: local, ns, prefix, attrs, children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.element.children.push(element);
      else if (root) fail('more than one root element');
      else root = element;
      if (!selfClosing) stack.push({ element, scope: ownScope });
      at = i;
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1].element.name}> is not closed`);
  if (!root) fail('no root element');
  return root!;
}

// ---- building trees ----

export function el(name: string, attrs: [string, string][] = [], children: XNode[] = []): XElement {
  return { kind: 'element', name, ns: NS, prefix: null, attrs, children };
}

export function txt(text: string): XText {
  return { kind: 'text', text };
}

export function attr(element: XElement, name: string): string | null {
  for (const [key, value] of element.attrs) if (key === name) return value;
  return null;
}

export function setAttr(element: XElement, name: string, value: string | null): void {
  const index = element.attrs.findIndex(([key]) => key === name);
  if (value === null) {
    if (index >= 0) element.attrs.splice(index, 1);
  } else if (index >= 0) element.attrs[index] = [name, value];
  else element.attrs.push([name, value]);
}

export function isNusqa(node: XNode | undefined, name?: string): node is XElement {
  return !!node && node.kind === 'element' && node.ns === NS && (name === undefined || node.name === name);
}

export function childElements(element: XElement): XElement[] {
  return element.children.filter((c): c is XElement => c.kind === 'element');
}

export function child(element: XElement, name: string): XElement | null {
  for (const c of element.children) if (isNusqa(c, name)) return c;
  return null;
}

// The text of an element, whitespace collapsed as the reader does.
export function textOf(element: XElement | null): string {
  if (!element) return '';
  let raw = '';
  const walk = (node: XElement) => {
    for (const c of node.children) {
      if (c.kind === 'text') raw += c.text;
      else walk(c);
    }
  };
  walk(element);
  return collapse(raw);
}

export function collapse(text: string): string {
  return text.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}

// ---- the canonical writer ----

function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<"\t\n\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '"' ? '&quot;' : c === '\t' ? '&#x9;' : c === '\n' ? '&#xA;' : '&#xD;',
  );
}

// Code-unit order of UTF-8 bytes: compare as the C++ side's std::sort does.
function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}

function qualified(element: XElement): string {
  return element.ns === NS || !element.prefix ? element.name : `${element.prefix}:${element.name}`;
}

interface WriteOptions {
  lines?: boolean; // record each element's start line in element.line
}

class Writer {
  out: string[] = [];
  line = 1;
  defaultIsDocument = false;
  constructor(readonly options: WriteOptions) {}

  push(text: string): void {
    this.out.push(text);
    if (this.options.lines) for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.line++;
  }

  startTag(element: XElement, root: boolean): string {
    const declarations: [string, string][] = [];
    if (root && element.ns === NS) declarations.push(['xmlns', NS]);
    const declare = (prefix: string | null, uri: string | null) => {
      if (uri === null) return;
      const name = prefix ? `xmlns:${prefix}` : 'xmlns';
      if (name === 'xmlns:xml') return;
      if (!declarations.some(([n]) => n === name)) declarations.push([name, uri]);
    };
    if (element.ns !== NS) {
      if (element.ns !== null) declare(element.prefix, element.ns);
      else if (this.defaultIsDocument) declarations.push(['xmlns', '']);
    }
    const attributes = element.attrs.map(([n, v]) => [n, v] as [string, string]);
    declarations.sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]));
    attributes.sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]));
    let tag = '<' + qualified(element);
    for (const [n, v] of declarations) tag += ` ${n}="${escapeAttribute(v)}"`;
    for (const [n, v] of attributes) tag += ` ${n}="${escapeAttribute(v)}"`;
    return tag;
  }

  isMixed(element: XElement): boolean {
    if (element.ns === NS && MIXED.has(element.name)) return true;
    return element.children.some((c) => c.kind === 'text' && /[^ \t\n\r]/.test(c.text));
  }

  element(element: XElement, depth: number, root = false): void {
    if (this.options.lines) element.line = this.line;
    this.push(this.startTag(element, root));
    const saved = this.defaultIsDocument;
    this.defaultIsDocument = element.ns === NS || (saved && element.ns !== null && element.prefix !== null);
    const hasElements = element.children.some((c) => c.kind === 'element');
    if (!hasElements || this.isMixed(element)) {
      const content = this.inline(element);
      if (!content) this.push('/>');
      else this.push('>' + content + '</' + qualified(element) + '>');
    } else {
      this.push('>\n');
      const pad = '  '.repeat(depth + 1);
      for (const c of element.children) {
        if (c.kind !== 'element') continue;
        this.push(pad);
        this.element(c, depth + 1);
        this.push('\n');
      }
      this.push('  '.repeat(depth) + '</' + qualified(element) + '>');
    }
    this.defaultIsDocument = saved;
  }

  // Inline content, in two passes over a flat list of events (as the C++
  // writer): whitespace collapsed across elements (a space stays where its
  // run began and goes when nothing follows before the end or a <br/>),
  // then elements left empty dropped.
  inline(element: XElement): string {
    type Event = { kind: 'open' | 'close' | 'empty' | 'text'; node: XNode; text: string; close: number };
    const events: Event[] = [];
    const flatten = (parent: XElement) => {
      for (const c of parent.children) {
        if (c.kind === 'text') {
          events.push({ kind: 'text', node: c, text: c.text, close: 0 });
        } else if (c.children.length === 0) {
          events.push({ kind: 'empty', node: c, text: '', close: 0 });
        } else {
          const open = events.length;
          events.push({ kind: 'open', node: c, text: '', close: 0 });
          flatten(c);
          events.push({ kind: 'close', node: c, text: '', close: 0 });
          events[open].close = events.length - 1;
        }
      }
    };
    flatten(element);
    let atStart = true;
    let pending = false;
    let slotEvent = 0;
    let slotAt = 0;
    const dropPending = () => {
      if (pending) {
        const t = events[slotEvent].text;
        events[slotEvent].text = t.slice(0, slotAt) + t.slice(slotAt + 1);
      }
      pending = false;
    };
    events.forEach((event, index) => {
      if (event.kind === 'empty' && (event.node as XElement).name === 'br') {
        dropPending();
        atStart = true;
        return;
      }
      if (event.kind !== 'text') return;
      let out = '';
      for (const c of event.text) {
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
          if (!atStart && !pending) {
            pending = true;
            slotEvent = index;
            slotAt = out.length;
            out += ' ';
          }
          continue;
        }
        pending = false;
        atStart = false;
        out += c;
      }
      event.text = out;
    });
    dropPending();
    const dropped = (node: XElement) => node.ns === NS && MIXED.has(node.name);
    const write = (begin: number, end: number): string => {
      let out = '';
      for (let index = begin; index < end; index++) {
        const event = events[index];
        if (event.kind === 'text') {
          out += escapeText(event.text);
        } else if (event.kind === 'empty' || event.kind === 'open') {
          const node = event.node as XElement;
          let inner = '';
          if (event.kind === 'open') {
            inner = write(index + 1, event.close);
            index = event.close;
          }
          if (!inner && dropped(node)) continue;
          out += this.startTag(node, false) + (inner ? '>' + inner + '</' + qualified(node) + '>' : '/>');
        }
      }
      return out;
    };
    return write(0, events.length);
  }
}

// The document in canonical form. With lines, every element written gets
// the line of its start tag (for locating the server's validation errors).
export function writeXml(root: XElement, options: WriteOptions = {}): string {
  const writer = new Writer(options);
  writer.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  writer.element(root, 0, true);
  writer.push('\n');
  return writer.out.join('');
}
