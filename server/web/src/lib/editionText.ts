// An edition's XML (urn:nusqa:document:1, schemas/document.xsd) as readable
// HTML: headings and clause numbers, lists, tables, references, terms,
// forms and the change registration sheet. Parsed with DOMParser and built
// with createElement/textContent only: the XML's text never becomes markup
// (no innerHTML), and unknown elements keep their text.
import type { MessageKey } from './i18n.svelte';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const blockContainers = new Set(['chapter', 'paragraph', 'section', 'annex', 'references', 'terms', 'abbreviations', 'forms']);
const numbered = new Set(['clause', 'subclause', 'item', 'ref', 'term', 'abbreviation', 'form']);
const inlineTags: Record<string, string> = { b: 'strong', i: 'em', u: 'u', sup: 'sup', sub: 'sub' };

function child(element: Element, name: string): Element | null {
  for (const node of Array.from(element.children)) if (node.localName === name) return node;
  return null;
}

function children(element: Element, name?: string): Element[] {
  return Array.from(element.children).filter((node) => !name || node.localName === name);
}

function text(element: Element | null): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

function formatDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

class Renderer {
  constructor(private readonly t: Translate) {}

  // Inline content of p, heading, caption, definition...: text and
  // b/i/u/sup/sub/br/docRef; anything else contributes its text.
  inline(source: Element, target: HTMLElement): void {
    for (const node of Array.from(source.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) {
        target.append(document.createTextNode((node.nodeValue ?? '').replace(/\s+/g, ' ')));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const element = node as Element;
        const name = element.localName;
        if (name === 'br') target.append(make('br'));
        else if (name in inlineTags) {
          const wrapper = document.createElement(inlineTags[name]);
          this.inline(element, wrapper);
          target.append(wrapper);
        } else if (name === 'docRef') {
          const reference = make('cite', 'doc-ref');
          this.inline(element, reference);
          target.append(reference);
        } else {
          this.inline(element, target);
        }
      }
    }
  }

  paragraph(source: Element): HTMLElement {
    const p = make('p');
    this.inline(source, p);
    return p;
  }

  heading(level: number, num: string, source: Element | null): HTMLElement {
    const heading = document.createElement(`h${Math.min(level, 6)}`);
    if (num) heading.append(make('span', 'num', num), document.createTextNode(' '));
    if (source) this.inline(source, heading);
    return heading;
  }

  // Block content; level is the next heading level to use.
  blocks(source: Element, target: HTMLElement, level: number): void {
    for (const element of children(source)) {
      const node = this.block(element, level);
      if (node) target.append(node);
    }
  }

  block(element: Element, level: number): HTMLElement | null {
    const name = element.localName;
    if (name === 'num' || name === 'heading') return null; // rendered by their parent
    if (name === 'p') return this.paragraph(element);
    if (name === 'list') return this.list(element, level);
    if (name === 'table') return this.table(element);
    if (name === 'changes') return this.changes(element, level);
    if (blockContainers.has(name) && child(element, 'heading')) return this.container(element, level);
    if (blockContainers.has(name) || numbered.has(name)) return this.numbered(element, level);
    // Unknown: keep its content.
    const wrapper = make('div');
    this.blocks(element, wrapper, level);
    if (!wrapper.childElementCount && text(element)) wrapper.append(this.paragraph(element));
    return wrapper;
  }

  identify(node: HTMLElement, element: Element): void {
    const eId = element.getAttribute('eId');
    if (eId) node.id = `x-${eId}`;
  }

  container(element: Element, level: number): HTMLElement {
    const section = make('section', `x-${element.localName}`);
    this.identify(section, element);
    section.append(this.heading(level, text(child(element, 'num')), child(element, 'heading')));
    this.blocks(element, section, level + 1);
    return section;
  }

  // A clause, sub-clause, list item, reference, term...: its number in
  // the margin column, its content beside it.
  numbered(element: Element, level: number): HTMLElement {
    const row = make('div', `numbered x-${element.localName}`);
    this.identify(row, element);
    const num = text(child(element, 'num'));
    row.append(make('span', 'num', num));
    const body = make('div', 'content');
    const heading = child(element, 'heading');
    if (heading) {
      const title = make('p', 'clause-heading');
      this.inline(heading, title);
      body.append(title);
    }
    switch (element.localName) {
      case 'ref':
        body.append(this.paragraph(child(element, 'text') ?? element));
        break;
      case 'term':
      case 'abbreviation': {
        const p = make('p');
        const name = child(element, element.localName === 'term' ? 'name' : 'abbr');
        const meaning = child(element, element.localName === 'term' ? 'definition' : 'expansion');
        const strong = make('dfn');
        if (name) this.inline(name, strong);
        p.append(strong, document.createTextNode(' — '));
        if (meaning) this.inline(meaning, p);
        body.append(p);
        break;
      }
      case 'form': {
        const p = make('p');
        p.append(make('span', 'form-code', text(child(element, 'code'))), document.createTextNode(' '));
        const name = child(element, 'name');
        if (name) this.inline(name, p);
        body.append(p);
        break;
      }
      default:
        this.blocks(element, body, level);
    }
    row.append(body);
    return row;
  }

  list(element: Element, level: number): HTMLElement {
    const list = make('ul', 'x-list');
    this.identify(list, element);
    for (const item of children(element, 'item')) {
      const li = make('li');
      li.append(this.numbered(item, level));
      list.append(li);
    }
    return list;
  }

  // Scrollable on narrow screens, so focusable and named for keyboard users.
  scroller(table: HTMLTableElement, label: string): HTMLElement {
    const wrap = make('div', 'table-wrap');
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', label);
    wrap.append(table);
    return wrap;
  }

  cell(source: Element, header: boolean): HTMLTableCellElement {
    const cell = make(header ? 'th' : 'td');
    for (const attribute of ['colspan', 'rowspan']) {
      const value = Number(source.getAttribute(attribute));
      if (Number.isInteger(value) && value > 1 && value < 1000) cell.setAttribute(attribute, String(value));
    }
    const align = source.getAttribute('align');
    if (align && ['left', 'center', 'right', 'justify'].includes(align)) cell.classList.add(`align-${align}`);
    if (header) cell.setAttribute('scope', 'col');
    this.blocks(source, cell, 7);
    return cell;
  }

  row(source: Element, header: boolean): HTMLTableRowElement {
    const row = make('tr');
    for (const cell of children(source, 'td')) row.append(this.cell(cell, header));
    return row;
  }

  table(element: Element): HTMLElement {
    const table = make('table', 'x-table');
    this.identify(table, element);
    const caption = child(element, 'caption');
    if (caption) {
      const node = make('caption');
      this.inline(caption, node);
      table.append(node);
    }
    const head = child(element, 'thead');
    if (head) {
      const thead = make('thead');
      for (const tr of children(head, 'tr')) thead.append(this.row(tr, true));
      table.append(thead);
    }
    const tbody = make('tbody');
    for (const tr of children(element, 'tr')) tbody.append(this.row(tr, false));
    table.append(tbody);
    return this.scroller(table, caption ? text(caption) : this.t('text.table'));
  }

  changes(element: Element, level: number): HTMLElement {
    const section = make('section', 'x-changes');
    section.append(make(`h${Math.min(level, 6)}` as 'h3', undefined, this.t('text.changes')));
    const table = make('table', 'x-table');
    const head = make('tr');
    for (const key of ['text.changeNo', 'text.changeLocation', 'text.changeKind', 'text.changeNotice', 'text.changeEntered', 'text.changePerson'] as const) {
      const th = make('th', undefined, this.t(key));
      th.setAttribute('scope', 'col');
      head.append(th);
    }
    const thead = make('thead');
    thead.append(head);
    const tbody = make('tbody');
    for (const change of children(element, 'change')) {
      const tr = make('tr');
      const kind = text(child(change, 'kind'));
      const notice = child(change, 'notice');
      const person = child(change, 'person');
      const noticeText = notice
        ? [notice.getAttribute('number') ? `№ ${notice.getAttribute('number')}` : '', formatDate(notice.getAttribute('date') ?? '')].filter(Boolean).join(', ')
        : '';
      const kindKey = `text.change.${kind}` as MessageKey;
      const cells = [
        text(child(change, 'num')),
        text(child(change, 'location')),
        ['replace', 'delete', 'add'].includes(kind) ? this.t(kindKey) : kind,
        noticeText,
        formatDate(text(child(change, 'entered'))),
        person ? [text(child(person, 'position')), text(child(person, 'name'))].filter(Boolean).join(', ') : '',
      ];
      for (const value of cells) tr.append(make('td', undefined, value));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    section.append(this.scroller(table, this.t('text.changes')));
    return section;
  }

  person(element: Element): string {
    return [text(child(element, 'position')), text(child(element, 'name'))].filter(Boolean).join(' — ');
  }

  // The title-page facts of <meta>.
  meta(meta: Element): HTMLElement {
    const header = make('header', 'x-meta');
    const organisation = text(child(meta, 'organisation'));
    if (organisation) header.append(make('p', 'x-organisation', organisation));
    const kind = [text(child(meta, 'kindTitle')), text(child(meta, 'code'))].filter(Boolean).join(' · ');
    if (kind) header.append(make('p', 'x-kind', kind));
    const title = text(child(meta, 'title'));
    if (title) header.append(make('p', 'x-title', title));
    const list = make('dl');
    const add = (label: string, value: string) => {
      if (!value) return;
      list.append(make('dt', undefined, label), make('dd', undefined, value));
    };
    const replaces = child(meta, 'replaces');
    if (replaces)
      list.append(
        make('dt', undefined, '↺'),
        make('dd', undefined, this.t('text.replaces', { code: replaces.getAttribute('code') ?? '', n: replaces.getAttribute('number') ?? '' })),
      );
    const prepared = child(meta, 'preparedBy');
    if (prepared) add(this.t('text.prepared'), children(prepared, 'person').map((p) => this.person(p)).join('; '));
    const approval = child(meta, 'approval');
    if (approval)
      add(this.t('text.approval'), [this.person(approval), formatDate(text(child(approval, 'date')))].filter(Boolean).join(', '));
    const agreement = child(meta, 'agreementList');
    if (agreement) add(this.t('text.agreement'), children(agreement, 'approver').map((p) => this.person(p)).join('; '));
    if (list.childElementCount) header.append(list);
    return header;
  }

  document(root: Element, level: number): DocumentFragment {
    const fragment = document.createDocumentFragment();
    const meta = child(root, 'meta');
    if (meta) fragment.append(this.meta(meta));
    for (const part of children(root)) {
      if (part.localName === 'meta') continue;
      if (part.localName === 'body') {
        const body = make('div', 'x-body');
        this.blocks(part, body, level);
        fragment.append(body);
      } else {
        const node = this.block(part, level);
        if (node) fragment.append(node);
      }
    }
    return fragment;
  }
}

export class EditionTextError extends Error {}

// headingLevel: the level of the text's top headings (the page has h1 and
// the text's own h2 above them).
export function renderEditionXml(xml: string, t: Translate, headingLevel = 3): DocumentFragment {
  const parsed = new DOMParser().parseFromString(xml, 'application/xml');
  const error = parsed.getElementsByTagName('parsererror')[0];
  if (error || parsed.documentElement?.localName !== 'document')
    throw new EditionTextError(error ? text(error) : 'not an edition document');
  return new Renderer(t).document(parsed.documentElement, headingLevel);
}
