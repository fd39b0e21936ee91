// The fields of <meta> the form edits, read from and written into the
// edition's <meta> element in place (everything else in it is untouched).
// Optional elements are created in the place the schema's sequence wants
// them and removed when emptied.
import { attr, child, el, NS, setAttr, textOf, txt, type XElement } from './xml';

// document.xsd MetaType, in order.
const order = [
  'organisation',
  'profile',
  'kind',
  'kindTitle',
  'code',
  'title',
  'language',
  'unit',
  'edition',
  'replaces',
  'dates',
  'preparedBy',
  'approval',
  'copyNumber',
  'agreementList',
];

export const dateNames = ['prepared', 'agreed', 'approved', 'effective', 'review'] as const;
export type DateName = (typeof dateNames)[number];

export function metaText(meta: XElement, name: string): string {
  return textOf(child(meta, name));
}

function place(meta: XElement, element: XElement): void {
  const rank = order.indexOf(element.name);
  const index = meta.children.findIndex((c) => c.kind === 'element' && c.ns === NS && order.indexOf(c.name) > rank);
  if (index < 0) meta.children.push(element);
  else meta.children.splice(index, 0, element);
}

// Sets <name>value</name>; an optional element emptied goes away (a
// required one stays, empty: the server then says what is missing).
export function setMetaText(meta: XElement, name: string, value: string, optional: boolean): void {
  let element = child(meta, name);
  if (!value && optional) {
    if (element) meta.children = meta.children.filter((c) => c !== element);
    return;
  }
  if (!element) {
    element = el(name);
    place(meta, element);
  }
  element.children = value ? [txt(value)] : [];
}

export function metaDate(meta: XElement, name: DateName): string {
  const dates = child(meta, 'dates');
  return (dates && attr(dates, name)) ?? '';
}

export function setMetaDate(meta: XElement, name: DateName, value: string): void {
  let dates = child(meta, 'dates');
  if (!dates) {
    if (!value) return;
    dates = el('dates');
    place(meta, dates);
  }
  setAttr(dates, name, value || null);
  if (dates.attrs.length === 0) meta.children = meta.children.filter((c) => c !== dates);
}
