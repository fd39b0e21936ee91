// The plugin that keeps the structure right after every edit that changes
// it (text typed inside one paragraph changes nothing here):
//  - numbers: renumbered from the edit on (numbering.ts);
//  - eIds: an element that needs one and has none (made by an edit, pasted)
//    or repeats one (a split copies attributes) gets a new one, and no eId
//    is ever made twice: new ones end in "-e<N>", N from a counter that only
//    grows — kept in the edition as document/@eIdCounter, so it survives
//    saves, deletes and the next edition — and every eId seen in this
//    session or in <meta> is never handed out again.
// Undo and redo are left alone (they restore earlier numbers and eIds).
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { AddMarkStep, RemoveMarkStep, ReplaceStep, type Step } from 'prosemirror-transform';
import type { Node as PMNode } from 'prosemirror-model';
import { deriveSchemes, parseNum, renumber } from './numbering';
import { eIdPrefix, requiredEId } from './schema';

export interface StructureState {
  counter: number; // the last N handed out as "-e<N>"
  seen: Set<string>; // every eId this session has seen (shared, only grows)
}

export const structureKey = new PluginKey<StructureState>('nusqa-structure');
const ownMeta = 'nusqa-structure-own';

// Transactions that must not renumber (loading, undo, redo).
export const skipStructure = 'nusqa-structure-skip';

const suffix = /-e(\d+)$/;

export function collectEIds(doc: PMNode, into: Set<string>): void {
  doc.descendants((node) => {
    if (node.attrs.eId) into.add(node.attrs.eId);
    return !node.isTextblock;
  });
}

function highestSuffix(ids: Iterable<string>): number {
  let high = 0;
  for (const id of ids) {
    const match = suffix.exec(id);
    if (match) high = Math.max(high, Number(match[1]));
  }
  return high;
}

const chained = new Set(['subclause', 'item', 'list', 'table', 'ref', 'term', 'abbreviation', 'references', 'terms', 'abbreviations']);

function isTextOnly(step: Step, doc: PMNode): boolean {
  if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return true;
  if (!(step instanceof ReplaceStep)) return false;
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: { content: { forEach(f: (n: PMNode) => void): void }; openStart: number; openEnd: number } };
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  if (!$from.sameParent($to) || !$from.parent.isTextblock) return false;
  let inline = true;
  slice.content.forEach((node) => {
    if (!node.isInline) inline = false;
  });
  return inline && slice.openStart === 0 && slice.openEnd === 0;
}

// Where the first structural change of the transactions is, in the final
// document; null when they only changed text and marks.
export function structuralStart(trs: readonly Transaction[]): number | null {
  let start: number | null = null;
  trs.forEach((tr, t) => {
    tr.steps.forEach((step, i) => {
      if (isTextOnly(step, tr.docs[i])) return;
      const at = step as unknown as { from?: number; pos?: number };
      const stepFrom = at.from ?? at.pos ?? 0;
      let mapped = tr.mapping.slice(i).map(stepFrom, -1);
      for (let later = t + 1; later < trs.length; later++) mapped = trs[later].mapping.map(mapped, -1);
      start = start === null ? mapped : Math.min(start, mapped);
    });
  });
  return start;
}

export interface StructureOptions {
  eIdCounter: number; // document/@eIdCounter as read (0 when absent)
  reserved: Iterable<string>; // eIds outside the editor's document (meta's approvers)
}

export function structurePlugin(options: StructureOptions): Plugin<StructureState> {
  return new Plugin<StructureState>({
    key: structureKey,
    state: {
      init(_config, state: EditorState): StructureState {
        const seen = new Set<string>(options.reserved);
        collectEIds(state.doc, seen);
        return { counter: Math.max(options.eIdCounter, highestSuffix(seen)), seen };
      },
      apply(tr, value): StructureState {
        const counter = tr.getMeta(structureKey) as number | undefined;
        return counter !== undefined && counter !== value.counter ? { counter, seen: value.seen } : value;
      },
    },
    appendTransaction(trs, oldState, newState) {
      if (!trs.some((tr) => tr.docChanged)) return null;
      if (trs.some((tr) => tr.getMeta(ownMeta) || tr.getMeta(skipStructure) || tr.getMeta('history$'))) return null;
      const from = structuralStart(trs);
      if (from === null) return null;
      const tr = newState.tr;
      for (const [pos, num] of renumber(newState.doc, deriveSchemes(oldState.doc), from)) tr.setNodeAttribute(pos, 'num', num);
      const state = structureKey.getState(newState)!;
      let counter = state.counter;
      const inUse = new Set<string>();
      const reserved = new Set(options.reserved);
      const fixes: [number, string | null][] = [];
      const walk = (node: PMNode, contentStart: number, parentEId: string | null) => {
        node.forEach((child, offset) => {
          const pos = contentStart + offset;
          if (child.isTextblock || child.isText) return;
          let eId: string | null = child.attrs.eId ?? null;
          const name = child.type.name;
          const clash = eId !== null && (inUse.has(eId) || reserved.has(eId));
          if (requiredEId.has(name) && (eId === null || clash)) {
            const parsed = parseNum(child.attrs.num ?? null);
            let base = eIdPrefix[name] + (parsed ? '_' + parsed.numbers.join('_') : '');
            if (chained.has(name) && parentEId && parentEId.length + base.length < 150) base = `${parentEId.replace(suffix, '')}__${base}`;
            do eId = `${base}-e${++counter}`;
            while (inUse.has(eId) || state.seen.has(eId));
            fixes.push([pos, eId]);
          } else if (clash) {
            eId = null; // an optional eId repeated (a split paragraph): the first keeps it
            fixes.push([pos, null]);
          }
          if (eId) inUse.add(eId);
          walk(child, pos + 1, eId ?? parentEId);
        });
      };
      walk(tr.doc, 0, null);
      for (const [pos, eId] of fixes) {
        tr.setNodeAttribute(pos, 'eId', eId);
        if (eId) state.seen.add(eId);
      }
      if (!tr.docChanged) return null;
      tr.setMeta(ownMeta, true);
      if (counter !== state.counter) tr.setMeta(structureKey, counter);
      return tr;
    },
  });
}

// The counter to write as document/@eIdCounter: the last N handed out.
export function eIdCounter(state: EditorState): number {
  return structureKey.getState(state)?.counter ?? 0;
}
