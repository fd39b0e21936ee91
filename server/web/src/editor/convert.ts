// Edition XML <-> the editor's document (schema.ts). Reading keeps what the
// editor does not show (the root's attributes, <meta>) in an EditionShell;
// writing puts it back and produces the canonical form (xml.ts), so that an
// unchanged document comes back byte for byte as `nusqa canonical` writes it.
import { Fragment, type Mark, type Node as PMNode, type NodeType } from 'prosemirror-model';
import { schema } from './schema';
import { attr, child, el, isNusqa, MIXED, NS, parseXml, txt, writeXml, XmlError, type XElement, type XNode } from './xml';

export interface EditionShell {
  rootAttrs: [string, string][]; // schemaVersion, eIdCounter, anything else: as read
  meta: XElement; // <meta>, carried through (the form edits some fields in place)
}

export class ConvertError extends XmlError {}

const nodes = schema.nodes;

function fail(element: XElement, what: string): never {
  throw new ConvertError(`<${element.name}${attr(element, 'eId') ? ` eId="${attr(element, 'eId')}"` : ''}>: ${what}`);
}

// ---- reading ----

const markOf: Record<string, string> = { b: 'b', i: 'i', u: 'u', sup: 'sup', sub: 'sub', docRef: 'docRef' };

// Inline content as the reader sees it: whitespace collapsed the way the
// canonical writer collapses it (xml.ts), so what is read is what is written.
export function readInline(element: XElement, allowMarks = true): PMNode[] {
  type Piece = { text: string; marks: readonly Mark[] } | { br: true; marks: readonly Mark[] };
  const pieces: Piece[] = [];
  let atStart = true;
  let pending: { text: string } | null = null;
  const walk = (parent: XElement, marks: readonly Mark[]) => {
    for (const c of parent.children) {
      if (c.kind === 'text') {
        const piece = { text: '', marks };
        for (const ch of c.text) {
          if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
            if (!atStart && !pending) {
              piece.text += ' ';
              pending = piece;
            }
            continue;
          }
          pending = null;
          atStart = false;
          piece.text += ch;
        }
        pieces.push(piece);
        continue;
      }
      if (!isNusqa(c)) fail(parent, `unexpected element <${(c as XElement).name}>`);
      if (c.name === 'br' && allowMarks) {
        if (pending) (pending as { text: string }).text = (pending as { text: string }).text.replace(/ $/, '');
        pending = null;
        atStart = true;
        pieces.push({ br: true, marks });
        continue;
      }
      const markName = markOf[c.name];
      if (!markName || !allowMarks) fail(parent, `unexpected element <${c.name}>`);
      const type = schema.marks[markName];
      const mark = markName === 'docRef' ? type.create({ code: attr(c, 'code') ?? '' }) : type.create();
      walk(c, mark.addToSet(marks));
    }
  };
  walk(element, []);
  if (pending) (pending as { text: string }).text = (pending as { text: string }).text.replace(/ $/, '');
  const out: PMNode[] = [];
  for (const piece of pieces) {
    if ('br' in piece) out.push(nodes.br.create(null, null, piece.marks));
    else if (piece.text) out.push(schema.text(piece.text, piece.marks));
  }
  return out;
}

function textblock(type: NodeType, element: XElement, allowMarks = true): PMNode {
  return type.create(null, readInline(element, allowMarks));
}

function elementsOf(element: XElement): XElement[] {
  const out: XElement[] = [];
  for (const c of element.children) {
    if (c.kind === 'text') {
      if (/[^ \t\n\r]/.test(c.text)) fail(element, 'text where the schema allows elements only');
      continue;
    }
    if (!isNusqa(c)) fail(element, `element <${(c as XElement).name}> of another namespace`);
    out.push(c);
  }
  return out;
}

function numOf(element: XElement): string | null {
  const n = child(element, 'num');
  return n ? (readInline(n, false)[0]?.text ?? '') : null;
}

const containerTypes = new Set(['chapter', 'paragraph', 'section', 'clause', 'subclause', 'annex']);

function readBlock(element: XElement): PMNode {
  const name = element.name;
  const eId = attr(element, 'eId');
  if (containerTypes.has(name)) {
    const content: PMNode[] = [];
    for (const c of elementsOf(element)) {
      if (c.name === 'num') continue;
      if (c.name === 'heading') content.push(textblock(nodes.heading, c));
      else content.push(readBlock(c));
    }
    return nodes[name].create({ eId, num: numOf(element) }, content);
  }
  switch (name) {
    case 'p': {
      const content = readInline(element);
      return nodes.p.create({ eId, keepEmpty: content.length === 0 }, content);
    }
    case 'list':
      return nodes.list.create({ eId, type: attr(element, 'type') }, elementsOf(element).map(readBlock));
    case 'item':
      return nodes.item.create(
        { eId, num: numOf(element) },
        elementsOf(element)
          .filter((c) => c.name !== 'num')
          .map(readBlock),
      );
    case 'table':
      return readTable(element);
    case 'references':
    case 'terms':
    case 'abbreviations':
    case 'forms':
      return nodes[name].create(
        { eId },
        elementsOf(element).map((c) => (c.name === 'heading' ? textblock(nodes.heading, c) : readBlock(c))),
      );
    case 'ref': {
      const text = child(element, 'text');
      if (!text) fail(element, 'no <text>');
      return nodes.ref.create({ eId, num: numOf(element), code: attr(element, 'code') }, textblock(nodes.ref_text, text));
    }
    case 'term':
      return nodes.term.create({ eId, num: numOf(element) }, [
        textblock(nodes.term_name, child(element, 'name') ?? fail(element, 'no <name>')),
        textblock(nodes.term_definition, child(element, 'definition') ?? fail(element, 'no <definition>')),
      ]);
    case 'abbreviation':
      return nodes.abbreviation.create({ eId, num: numOf(element) }, [
        textblock(nodes.abbreviation_abbr, child(element, 'abbr') ?? fail(element, 'no <abbr>')),
        textblock(nodes.abbreviation_expansion, child(element, 'expansion') ?? fail(element, 'no <expansion>')),
      ]);
    case 'form':
      return nodes.form.create({ eId, num: numOf(element) }, [
        textblock(nodes.form_code, child(element, 'code') ?? fail(element, 'no <code>'), false),
        textblock(nodes.form_name, child(element, 'name') ?? fail(element, 'no <name>')),
      ]);
    case 'changes':
      return nodes.changes.create(null, elementsOf(element).map(readBlock));
    case 'change':
      return nodes.change.create({ eId, data: element });
    default:
      fail(element, 'not an element the editor knows');
  }
}

function readCell(td: XElement): PMNode {
  const span = (name: string) => {
    const value = Number(attr(td, name) ?? '1');
    return Number.isInteger(value) && value >= 1 ? value : 1;
  };
  let content = elementsOf(td).map(readBlock);
  // <td/>: one empty paragraph to type in, written back as <td/>.
  if (content.length === 0) content = [nodes.p.create()];
  return nodes.table_cell.create({ colspan: span('colspan'), rowspan: span('rowspan'), align: attr(td, 'align') }, content);
}

function readRow(tr: XElement, head: boolean): PMNode {
  return nodes.table_row.create({ eId: attr(tr, 'eId'), head }, elementsOf(tr).map(readCell));
}

function readTable(element: XElement): PMNode {
  const content: PMNode[] = [];
  const rows: PMNode[] = [];
  let cols: (string | null)[] | null = null;
  for (const c of elementsOf(element)) {
    if (c.name === 'caption') content.push(textblock(nodes.caption, c));
    else if (c.name === 'cols') cols = elementsOf(c).map((col) => attr(col, 'width'));
    else if (c.name === 'thead') for (const tr of elementsOf(c)) rows.push(readRow(tr, true));
    else if (c.name === 'tr') rows.push(readRow(c, false));
    else fail(element, `unexpected <${c.name}>`);
  }
  content.push(nodes.table_grid.create(null, rows));
  return nodes.table.create({ eId: attr(element, 'eId'), cols }, content);
}

export interface LoadedEdition {
  doc: PMNode;
  shell: EditionShell;
}

export function readEdition(xml: string): LoadedEdition {
  const root = parseXml(xml);
  if (!isNusqa(root, 'document')) throw new ConvertError('not an edition: the root is not <document> of ' + NS);
  let meta: XElement | null = null;
  const parts: PMNode[] = [];
  for (const c of elementsOf(root)) {
    if (c.name === 'meta') meta = c;
    else if (c.name === 'body') parts.push(nodes.body.create(null, elementsOf(c).map(readBlock)));
    else parts.push(readBlock(c));
  }
  if (!meta) throw new ConvertError('the edition has no <meta>');
  const doc = nodes.doc.create(null, parts);
  doc.check();
  return { doc, shell: { rootAttrs: root.attrs.map(([n, v]) => [n, v]), meta } };
}

// Body-level content of an imported fragment (<body> of POST
// /import/fragment), for pasting.
export function readFragment(xml: string): Fragment {
  const root = parseXml(xml);
  const body = isNusqa(root, 'body') ? root : (child(root, 'body') ?? fail(root, 'no <body>'));
  return Fragment.from(elementsOf(body).map(readBlock));
}

// ---- writing ----

function writeInline(node: PMNode, into: XElement): void {
  const stack: { mark: Mark; element: XElement }[] = [];
  const current = () => (stack.length ? stack[stack.length - 1].element : into);
  node.forEach((inline) => {
    const marks = inline.marks;
    let keep = 0;
    while (keep < stack.length && keep < marks.length && stack[keep].mark.eq(marks[keep])) keep++;
    stack.length = keep;
    for (let i = keep; i < marks.length; i++) {
      const mark = marks[i];
      const element = el(mark.type.name, mark.type.name === 'docRef' ? [['code', mark.attrs.code]] : []);
      current().children.push(element);
      stack.push({ mark, element });
    }
    if (inline.isText) {
      const target = current();
      const last = target.children[target.children.length - 1];
      if (last && last.kind === 'text') last.text += inline.text!;
      else target.children.push(txt(inline.text!));
    } else if (inline.type === nodes.br) {
      current().children.push(el('br'));
    }
  });
}

function inlineElement(name: string, node: PMNode): XElement {
  const element = el(name);
  writeInline(node, element);
  return element;
}

function withEId(node: PMNode): [string, string][] {
  return node.attrs.eId ? [['eId', node.attrs.eId]] : [];
}

function numElement(node: PMNode): XNode[] {
  return node.attrs.num === null ? [] : [el('num', [], node.attrs.num ? [txt(node.attrs.num)] : [])];
}

// pos: the node's position in the document, kept on the element (source)
// to locate the server's validation errors.
function writeBlock(node: PMNode, pos: number): XElement {
  const name = node.type.name;
  const children = (): XElement[] => {
    const out: XElement[] = [];
    node.forEach((c, offset) => out.push(writeBlock(c, pos + 1 + offset)));
    return out;
  };
  let element: XElement;
  switch (name) {
    case 'chapter':
    case 'paragraph':
    case 'section':
    case 'clause':
    case 'subclause':
    case 'annex':
    case 'item':
      element = el(name, withEId(node), [...numElement(node), ...children()]);
      break;
    case 'heading':
    case 'caption':
      element = inlineElement(name, node);
      break;
    case 'p':
      element = inlineElement('p', node);
      element.attrs = withEId(node);
      break;
    case 'list':
      element = el('list', [...withEId(node), ...(node.attrs.type ? ([['type', node.attrs.type]] as [string, string][]) : [])], children());
      break;
    case 'table':
      element = writeTable(node, pos);
      break;
    case 'references':
    case 'terms':
    case 'abbreviations':
    case 'forms':
      element = el(name, withEId(node), children());
      break;
    case 'ref':
      element = el('ref', [...withEId(node), ...(node.attrs.code !== null ? ([['code', node.attrs.code]] as [string, string][]) : [])], [
        ...numElement(node),
        ...children(),
      ]);
      break;
    case 'term':
    case 'abbreviation':
    case 'form':
      element = el(name, withEId(node), [...numElement(node), ...children()]);
      break;
    case 'ref_text':
      element = inlineElement('text', node);
      break;
    case 'term_name':
    case 'form_name':
      element = inlineElement('name', node);
      break;
    case 'term_definition':
      element = inlineElement('definition', node);
      break;
    case 'abbreviation_abbr':
      element = inlineElement('abbr', node);
      break;
    case 'abbreviation_expansion':
      element = inlineElement('expansion', node);
      break;
    case 'form_code':
      element = inlineElement('code', node);
      break;
    case 'changes':
      element = el('changes', [], children());
      break;
    case 'change': {
      const data = node.attrs.data as XElement;
      element = { ...data, attrs: data.attrs.filter(([n]) => n !== 'eId').concat(withEId(node)) };
      break;
    }
    default:
      throw new ConvertError(`cannot write node ${name}`);
  }
  element.source = pos;
  return element;
}

function writeCell(cell: PMNode, pos: number): XElement {
  const attrs: [string, string][] = [];
  if (cell.attrs.colspan !== 1) attrs.push(['colspan', String(cell.attrs.colspan)]);
  if (cell.attrs.rowspan !== 1) attrs.push(['rowspan', String(cell.attrs.rowspan)]);
  if (cell.attrs.align) attrs.push(['align', cell.attrs.align]);
  const only = cell.childCount === 1 ? cell.firstChild! : null;
  const empty = only && only.type === nodes.p && only.content.size === 0 && !only.attrs.eId && !only.attrs.keepEmpty;
  const content: XElement[] = [];
  if (!empty) cell.forEach((c, offset) => content.push(writeBlock(c, pos + 1 + offset)));
  const element = el('td', attrs, content);
  element.source = pos;
  return element;
}

function writeTable(table: PMNode, pos: number): XElement {
  const out: XElement[] = [];
  const head: XElement[] = [];
  const rows: XElement[] = [];
  table.forEach((c, offset) => {
    const at = pos + 1 + offset;
    if (c.type === nodes.caption) {
      out.push(inlineElement('caption', c));
      return;
    }
    c.forEach((row, rowOffset) => {
      const rowPos = at + 1 + rowOffset;
      const cells: XElement[] = [];
      row.forEach((cell, cellOffset) => cells.push(writeCell(cell, rowPos + 1 + cellOffset)));
      const tr = el('tr', withEId(row), cells);
      tr.source = rowPos;
      // <thead> is the leading run of header rows.
      if (row.attrs.head && rows.length === 0) head.push(tr);
      else rows.push(tr);
    });
  });
  const cols = table.attrs.cols as (string | null)[] | null;
  if (cols) out.push(el('cols', [], cols.map((width) => el('col', width === null ? [] : [['width', width]]))));
  if (head.length) out.push(el('thead', [], head));
  out.push(...rows);
  return el('table', withEId(table), out);
}

export function editionTree(doc: PMNode, shell: EditionShell): XElement {
  const children: XElement[] = [shell.meta];
  doc.forEach((part, offset) => {
    if (part.type === nodes.body) {
      const body = el('body');
      part.forEach((c, o) => body.children.push(writeBlock(c, offset + 1 + o)));
      body.source = offset;
      children.push(body);
    } else {
      children.push(writeBlock(part, offset));
    }
  });
  const root = el('document', shell.rootAttrs.map(([n, v]) => [n, v]), children);
  return root;
}

// The edition as canonical XML.
export function writeEdition(doc: PMNode, shell: EditionShell, options: { lines?: boolean } = {}): { xml: string; root: XElement } {
  const root = editionTree(doc, shell);
  return { xml: writeXml(root, options), root };
}

export { MIXED };
