// The ProseMirror schema of an edition, mirroring schemas/document.xsd.
//
// Each element of the body (and of forms, annexes, change records) is a
// node named after it (ref/text, term/name... get the parent's name in
// front: ref_text, term_name); its eId is a node attribute, its printed
// number (<num>) is data, the attribute num (null: the element has no
// <num>), shown by CSS beside the node. Inline b, i, u, sup, sub and docRef
// are marks, br an inline node. Tables are what prosemirror-tables edits:
// table (the XSD's table: eId, column widths, caption) holds a table_grid of
// table_rows (head: a row of <thead>) of table_cells.
//
// <meta> is not in the editor's document: the page keeps it as XML and its
// form edits the fields it shows; the rest is carried through untouched.
//
// coverage below says, for every element of the XSD (by its complex type or
// group and name), how the editor represents it; tests/web/roundtrip reads
// the XSD and fails when an element or attribute is not covered, so the
// schema cannot drift from the XSD unnoticed.
import { Schema, type Attrs, type DOMOutputSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model';

const eId = { default: null as string | null };
const num = { default: null as string | null };

// data-num shows the number; data-eid makes the element findable (tests,
// error messages) without being shown.
function numbered(tag: string, cls: string, attrs: Attrs, extra: Record<string, string> = {}): DOMOutputSpec {
  const dom: Record<string, string> = { class: cls, ...extra };
  if (attrs.num !== null) dom['data-num'] = attrs.num;
  if (attrs.eId) dom['data-eid'] = attrs.eId;
  return [tag, dom, 0];
}

// Structure that numbers and nests: chapter ⊃ paragraph ⊃ section ⊃ clause ⊃ subclause.
function container(name: string, content: string, tag = 'section'): NodeSpec {
  return {
    attrs: { eId, num },
    content,
    defining: true,
    draggable: true,
    xml: name,
    parseDOM: [{ tag: `${tag}.x-${name}`, getAttrs: readNumbered }],
    toDOM: (node) => numbered(tag, `x-${name}`, node.attrs),
  } as NodeSpec;
}

function readNumbered(dom: HTMLElement): Attrs {
  return { eId: dom.getAttribute('data-eid'), num: dom.getAttribute('data-num') };
}

function textblock(name: string, xml: string, tag = 'div', content = 'inline*', marks?: string): NodeSpec {
  const spec: NodeSpec = {
    content,
    xml,
    parseDOM: [{ tag: `${tag}.x-${name}` }],
    toDOM: () => [tag, { class: `x-${name}` }, 0],
  } as NodeSpec;
  if (marks !== undefined) spec.marks = marks;
  return spec;
}

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'body forms? annex* changes?', xml: 'document' } as NodeSpec,
  text: { group: 'inline' },
  body: {
    content: '(chapter | section | clause | block)+',
    xml: 'body',
    toDOM: () => ['div', { class: 'x-body' }, 0],
    parseDOM: [{ tag: 'div.x-body' }],
  } as NodeSpec,
  chapter: container('chapter', 'heading? (paragraph | section | clause | block)*'),
  paragraph: container('paragraph', 'heading? (section | clause | block)*'),
  section: container('section', 'heading? (section | clause | block)*'),
  clause: container('clause', 'heading? (subclause | block)*', 'div'),
  subclause: container('subclause', 'heading? (subclause | block)*', 'div'),
  annex: container('annex', 'heading? (section | clause | block)*'),
  heading: textblock('heading', 'heading', 'div'),
  p: {
    group: 'block',
    content: 'inline*',
    // keepEmpty: an empty <p/> read from the XML (a cell holding only an
    // empty paragraph the editor made is written <td/>).
    attrs: { eId, keepEmpty: { default: false } },
    xml: 'p',
    parseDOM: [{ tag: 'p', getAttrs: (dom: HTMLElement) => ({ eId: dom.getAttribute('data-eid') }) }],
    toDOM: (node) => ['p', node.attrs.eId ? { 'data-eid': node.attrs.eId } : {}, 0],
  } as NodeSpec,
  list: {
    group: 'block',
    content: 'item+',
    attrs: { eId, type: { default: null as string | null } },
    xml: 'list',
    parseDOM: [{ tag: 'div.x-list', getAttrs: (dom: HTMLElement) => ({ eId: dom.getAttribute('data-eid'), type: dom.getAttribute('data-type') }) }],
    toDOM: (node) => ['div', { class: 'x-list', 'data-eid': node.attrs.eId ?? '', 'data-type': node.attrs.type ?? 'bullet' }, 0],
  } as NodeSpec,
  item: {
    content: '(p | list | table)+',
    attrs: { eId, num },
    defining: true,
    xml: 'item',
    parseDOM: [{ tag: 'div.x-item', getAttrs: readNumbered }],
    toDOM: (node) => numbered('div', 'x-item', node.attrs),
  } as NodeSpec,
  table: {
    group: 'block',
    content: 'caption? table_grid',
    // cols: the relative widths of <cols> (null: none; a width of null is <col/>).
    attrs: { eId, cols: { default: null as (string | null)[] | null } },
    isolating: true,
    xml: 'table',
    parseDOM: [{ tag: 'div.x-table', getAttrs: (dom: HTMLElement) => ({ eId: dom.getAttribute('data-eid') }) }],
    toDOM: (node) => ['div', { class: 'x-table', 'data-eid': node.attrs.eId ?? '' }, 0],
  } as NodeSpec,
  caption: textblock('caption', 'caption', 'div'),
  table_grid: {
    content: 'table_row+',
    tableRole: 'table',
    isolating: true,
    xml: 'tr*',
    parseDOM: [{ tag: 'table' }],
    toDOM: () => ['table', ['tbody', 0]],
  } as NodeSpec,
  table_row: {
    content: 'table_cell+',
    tableRole: 'row',
    attrs: { eId, head: { default: false } },
    xml: 'tr',
    parseDOM: [{ tag: 'tr', getAttrs: (dom: HTMLElement) => ({ eId: dom.getAttribute('data-eid'), head: dom.classList.contains('x-head') }) }],
    toDOM: (node) => ['tr', node.attrs.head ? { class: 'x-head' } : {}, 0],
  } as NodeSpec,
  table_cell: {
    content: '(p | list)+',
    tableRole: 'cell',
    isolating: true,
    attrs: {
      colspan: { default: 1 },
      rowspan: { default: 1 },
      colwidth: { default: null }, // prosemirror-tables wants it; never written
      align: { default: null as string | null },
    },
    xml: 'td',
    parseDOM: [
      {
        tag: 'td',
        getAttrs: (dom: HTMLElement) => ({
          colspan: Number(dom.getAttribute('colspan') || 1),
          rowspan: Number(dom.getAttribute('rowspan') || 1),
          align: dom.getAttribute('data-align'),
        }),
      },
    ],
    toDOM: (node) => {
      const attrs: Record<string, string> = {};
      if (node.attrs.colspan !== 1) attrs.colspan = String(node.attrs.colspan);
      if (node.attrs.rowspan !== 1) attrs.rowspan = String(node.attrs.rowspan);
      if (node.attrs.align) attrs['data-align'] = node.attrs.align;
      return ['td', attrs, 0];
    },
  } as NodeSpec,
  references: {
    group: 'block',
    content: 'heading? ref+',
    attrs: { eId },
    xml: 'references',
    parseDOM: [{ tag: 'div.x-references', getAttrs: readNumbered }],
    toDOM: (node) => numbered('div', 'x-references', node.attrs),
  } as NodeSpec,
  ref: {
    content: 'ref_text',
    attrs: { eId, num, code: { default: null as string | null } },
    defining: true,
    xml: 'ref',
    parseDOM: [{ tag: 'div.x-ref', getAttrs: (dom: HTMLElement) => ({ ...readNumbered(dom), code: dom.getAttribute('data-code') }) }],
    toDOM: (node) => numbered('div', 'x-ref', node.attrs, node.attrs.code ? { 'data-code': node.attrs.code } : {}),
  } as NodeSpec,
  ref_text: textblock('ref_text', 'text'),
  terms: {
    group: 'block',
    content: 'heading? term+',
    attrs: { eId },
    xml: 'terms',
    parseDOM: [{ tag: 'div.x-terms', getAttrs: readNumbered }],
    toDOM: (node) => numbered('div', 'x-terms', node.attrs),
  } as NodeSpec,
  term: {
    content: 'term_name term_definition',
    attrs: { eId, num },
    defining: true,
    xml: 'term',
    parseDOM: [{ tag: 'div.x-term', getAttrs: readNumbered }],
    toDOM: (node) => numbered('div', 'x-term', node.attrs),
  } as NodeSpec,
  term_name: textblock('term_name', 'name', 'dfn'),
  term_definition: textblock('term_definition', 'definition', 'span'),
  abbreviations: {
    group: 'block',
    content: 'heading? abbreviation+',
    attrs: { eId },
    xml: 'abbreviations',
    parseDOM: [{ tag: 'div.x-abbreviations', getAttrs: readNumbered }],
    toDOM: (node) => numbered('div', 'x-abbreviations', node.attrs),
  } as NodeSpec,
  abbreviation: {
    content: 'abbreviation_abbr abbreviation_expansion',
    attrs: { eId, num },
    defining: true,
    xml: 'abbreviation',
    parseDOM: [{ tag: 'div.x-abbreviation', getAttrs: readNumbered }],
    toDOM: (node) => numbered('div', 'x-abbreviation', node.attrs),
  } as NodeSpec,
  abbreviation_abbr: textblock('abbreviation_abbr', 'abbr', 'span'),
  abbreviation_expansion: textblock('abbreviation_expansion', 'expansion', 'span'),
  forms: {
    content: 'heading? form+',
    attrs: { eId },
    xml: 'forms',
    parseDOM: [{ tag: 'section.x-forms', getAttrs: readNumbered }],
    toDOM: (node) => numbered('section', 'x-forms', node.attrs),
  } as NodeSpec,
  form: {
    content: 'form_code form_name',
    attrs: { eId, num },
    defining: true,
    xml: 'form',
    parseDOM: [{ tag: 'div.x-form', getAttrs: readNumbered }],
    toDOM: (node) => numbered('div', 'x-form', node.attrs),
  } as NodeSpec,
  // The form's code is a plain string (NonEmptyString): no marks, no breaks.
  form_code: textblock('form_code', 'code', 'span', 'text*', ''),
  form_name: textblock('form_name', 'name', 'span'),
  changes: {
    content: 'change*',
    xml: 'changes',
    parseDOM: [{ tag: 'section.x-changes' }],
    toDOM: () => ['section', { class: 'x-changes' }, 0],
  } as NodeSpec,
  // A change record, kept whole (its XML in data) and shown as one line:
  // the comparison (issue 13) drafts them; the editor moves or deletes them.
  change: {
    atom: true,
    selectable: true,
    attrs: { eId, data: { default: null as unknown } },
    xml: 'change',
    parseDOM: [{ tag: 'div.x-change', getAttrs: (dom: HTMLElement) => ({ eId: dom.getAttribute('data-eid') }) }],
    toDOM: (node) => ['div', { class: 'x-change', 'data-eid': node.attrs.eId ?? '' }, changeSummary(node.attrs.data)],
  } as NodeSpec,
  br: {
    inline: true,
    group: 'inline',
    selectable: false,
    xml: 'br',
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
    leafText: () => '\n',
  } as NodeSpec,
};

// Outermost first: the order the writer nests them in (<docRef><i>...).
const marks: Record<string, MarkSpec> = {
  docRef: {
    attrs: { code: {} },
    inclusive: false,
    xml: 'docRef',
    parseDOM: [{ tag: 'cite[data-code]', getAttrs: (dom: HTMLElement) => ({ code: dom.getAttribute('data-code') }) }],
    toDOM: (mark) => ['cite', { class: 'doc-ref', 'data-code': mark.attrs.code, title: mark.attrs.code }, 0],
  } as MarkSpec,
  b: { xml: 'b', parseDOM: [{ tag: 'strong' }, { tag: 'b' }], toDOM: () => ['strong', 0] } as MarkSpec,
  i: { xml: 'i', parseDOM: [{ tag: 'em' }, { tag: 'i' }], toDOM: () => ['em', 0] } as MarkSpec,
  u: { xml: 'u', parseDOM: [{ tag: 'u' }], toDOM: () => ['u', 0] } as MarkSpec,
  sup: { xml: 'sup', excludes: 'sub', parseDOM: [{ tag: 'sup' }], toDOM: () => ['sup', 0] } as MarkSpec,
  sub: { xml: 'sub', excludes: 'sup', parseDOM: [{ tag: 'sub' }], toDOM: () => ['sub', 0] } as MarkSpec,
};

export const schema = new Schema({ nodes, marks });

// One line for a change record: "1 · 2.2. · replace · 10.05.2023".
export function changeSummary(data: unknown): string {
  const element = data as { children?: { kind: string; name?: string; children?: { kind: string; text?: string }[] }[] } | null;
  if (!element?.children) return '';
  const text = (name: string) =>
    element.children!.find((c) => c.kind === 'element' && c.name === name)?.children?.map((c) => c.text ?? '').join('').trim() ?? '';
  return [text('num'), text('location'), text('kind'), text('entered')].filter(Boolean).join(' · ');
}

// Node types with a required eId (xs:ID use="required"); p and tr have an
// optional one, kept when present and never made up.
export const requiredEId = new Set([
  'chapter',
  'paragraph',
  'section',
  'clause',
  'subclause',
  'annex',
  'list',
  'item',
  'table',
  'references',
  'ref',
  'terms',
  'term',
  'abbreviations',
  'abbreviation',
  'forms',
  'form',
  'change',
]);

// The eId prefixes of schemas/README.md.
export const eIdPrefix: Record<string, string> = {
  chapter: 'chp',
  paragraph: 'para',
  section: 'sec',
  clause: 'cl',
  subclause: 'sub',
  annex: 'annex',
  list: 'list',
  item: 'item',
  table: 'tbl',
  references: 'refs',
  ref: 'ref',
  terms: 'terms',
  term: 'term',
  abbreviations: 'abbrs',
  abbreviation: 'abbr',
  forms: 'forms',
  form: 'form',
  change: 'chg',
};

// How each element of document.xsd is represented, keyed by the complex
// type (or group) that declares it and its name:
//   node: a node of that name; mark: a mark; attr: attribute `attr` of
//   node `of`; carried: kept as XML, untouched (meta) or inside the node
//   named (a change record's parts).
export type Coverage =
  | { node: string }
  | { mark: string }
  | { attr: string; of: string[] }
  | { carried: string };

export const coverage: Record<string, Coverage> = {
  '/document': { node: 'doc' },
  'DocumentType/meta': { carried: 'meta' },
  'DocumentType/body': { node: 'body' },
  'DocumentType/forms': { node: 'forms' },
  'DocumentType/annex': { node: 'annex' },
  'DocumentType/changes': { node: 'changes' },
  'MetaType/*': { carried: 'meta' },
  'PersonType/*': { carried: 'meta' },
  'PreparedByType/*': { carried: 'meta' },
  'ApprovalType/*': { carried: 'meta' },
  'AgreementListType/*': { carried: 'meta' },
  'ApproverType/*': { carried: 'meta' },
  'Inline/b': { mark: 'b' },
  'Inline/i': { mark: 'i' },
  'Inline/u': { mark: 'u' },
  'Inline/sup': { mark: 'sup' },
  'Inline/sub': { mark: 'sub' },
  'Inline/br': { node: 'br' },
  'Inline/docRef': { mark: 'docRef' },
  'Block/p': { node: 'p' },
  'Block/list': { node: 'list' },
  'Block/table': { node: 'table' },
  'Block/references': { node: 'references' },
  'Block/terms': { node: 'terms' },
  'Block/abbreviations': { node: 'abbreviations' },
  'SimpleBlock/p': { node: 'p' },
  'SimpleBlock/list': { node: 'list' },
  'ListType/item': { node: 'item' },
  'ItemType/num': { attr: 'num', of: ['item'] },
  'ItemType/table': { node: 'table' },
  'TableType/caption': { node: 'caption' },
  'TableType/cols': { attr: 'cols', of: ['table'] },
  'TableType/thead': { attr: 'head', of: ['table_row'] },
  'TableType/tr': { node: 'table_row' },
  'ColsType/col': { attr: 'cols', of: ['table'] },
  'RowsType/tr': { node: 'table_row' },
  'RowType/td': { node: 'table_cell' },
  'ReferencesType/heading': { node: 'heading' },
  'ReferencesType/ref': { node: 'ref' },
  'RefType/num': { attr: 'num', of: ['ref'] },
  'RefType/text': { node: 'ref_text' },
  'TermsType/heading': { node: 'heading' },
  'TermsType/term': { node: 'term' },
  'TermType/num': { attr: 'num', of: ['term'] },
  'TermType/name': { node: 'term_name' },
  'TermType/definition': { node: 'term_definition' },
  'AbbreviationsType/heading': { node: 'heading' },
  'AbbreviationsType/abbreviation': { node: 'abbreviation' },
  'AbbreviationType/num': { attr: 'num', of: ['abbreviation'] },
  'AbbreviationType/abbr': { node: 'abbreviation_abbr' },
  'AbbreviationType/expansion': { node: 'abbreviation_expansion' },
  'BodyType/chapter': { node: 'chapter' },
  'BodyType/section': { node: 'section' },
  'BodyType/clause': { node: 'clause' },
  'ChapterType/num': { attr: 'num', of: ['chapter'] },
  'ChapterType/heading': { node: 'heading' },
  'ChapterType/paragraph': { node: 'paragraph' },
  'ChapterType/section': { node: 'section' },
  'ChapterType/clause': { node: 'clause' },
  'ParagraphType/num': { attr: 'num', of: ['paragraph'] },
  'ParagraphType/heading': { node: 'heading' },
  'ParagraphType/section': { node: 'section' },
  'ParagraphType/clause': { node: 'clause' },
  'SectionType/num': { attr: 'num', of: ['section'] },
  'SectionType/heading': { node: 'heading' },
  'SectionType/section': { node: 'section' },
  'SectionType/clause': { node: 'clause' },
  'ClauseType/num': { attr: 'num', of: ['clause'] },
  'ClauseType/heading': { node: 'heading' },
  'ClauseType/subclause': { node: 'subclause' },
  'SubclauseType/num': { attr: 'num', of: ['subclause'] },
  'SubclauseType/heading': { node: 'heading' },
  'SubclauseType/subclause': { node: 'subclause' },
  'FormsType/heading': { node: 'heading' },
  'FormsType/form': { node: 'form' },
  'FormType/num': { attr: 'num', of: ['form'] },
  'FormType/code': { node: 'form_code' },
  'FormType/name': { node: 'form_name' },
  'AnnexType/num': { attr: 'num', of: ['annex'] },
  'AnnexType/heading': { node: 'heading' },
  'AnnexType/section': { node: 'section' },
  'AnnexType/clause': { node: 'clause' },
  'ChangesType/change': { node: 'change' },
  'ChangeType/*': { carried: 'change' },
};

// XSD attributes kept elsewhere than on the node of their element:
// document's on the edition shell (schemaVersion, eIdCounter), td's
// colspan/rowspan/align on table_cell, col's width in table.cols.
export const attributeCoverage: Record<string, { of: string; attr: string }> = {
  'DocumentType@schemaVersion': { of: 'shell', attr: 'schemaVersion' },
  'DocumentType@eIdCounter': { of: 'shell', attr: 'eIdCounter' },
  'ColsType/col@width': { of: 'table', attr: 'cols' },
};
