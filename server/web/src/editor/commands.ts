// Editing as structure: the commands behind the keys and the toolbar.
// Numbers and eIds are not set here: the structure plugin (structure.ts)
// renumbers and gives new elements their eIds after each of these.
import { Fragment, type Node as PMNode, type NodeType, type ResolvedPos } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { splitBlock, toggleMark } from 'prosemirror-commands';
import { redo as historyRedo, undo as historyUndo } from 'prosemirror-history';
import {
  addColumnAfter,
  addRowAfter,
  deleteColumn,
  deleteRow,
  mergeCells,
  splitCell,
  TableMap,
} from 'prosemirror-tables';
import { schema } from './schema';

const nodes = schema.nodes;
const splittable = new Set(['clause', 'subclause', 'item']);
const clauses = new Set(['clause', 'subclause']);
const movable = new Set(['clause', 'subclause', 'item', 'ref', 'term', 'abbreviation', 'form', 'chapter', 'section', 'paragraph', 'annex', 'change']);

// The depth of the innermost ancestor of $pos whose type is in types, or -1.
function ancestorDepth($pos: ResolvedPos, types: Set<string>): number {
  for (let d = $pos.depth; d > 0; d--) if (types.has($pos.node(d).type.name)) return d;
  return -1;
}

function isEmptyContainer(node: PMNode): boolean {
  return node.childCount === 1 && node.firstChild!.type === nodes.p && node.firstChild!.content.size === 0;
}

// Enter: in a paragraph of a clause, sub-clause or list item, the next one
// (the text after the cursor goes with it); at the very start, a new empty
// one before; in an empty sub-clause, out one level (as Shift-Tab); in an
// empty clause or item, a plain paragraph in its place. Elsewhere: false.
export const splitStructure: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  if (!$from.parent.isTextblock || $from.parent.type !== nodes.p) return false;
  const depth = $from.depth - 1;
  if (depth < 1 || !splittable.has($from.node(depth).type.name) || !$from.sameParent($to)) return false;
  const container = $from.node(depth);
  if (isEmptyContainer(container)) {
    if (container.type === nodes.subclause) return outdent(state, dispatch);
    const parent = $from.node(depth - 1);
    const index = $from.index(depth - 1);
    if (!parent.canReplaceWith(index, index + 1, nodes.p)) return false;
    if (dispatch) {
      const pos = $from.before(depth);
      const tr = state.tr.replaceWith(pos, pos + container.nodeSize, nodes.p.create());
      dispatch(tr.setSelection(TextSelection.create(tr.doc, pos + 1)).scrollIntoView());
    }
    return true;
  }
  if (!dispatch) return true;
  const tr = state.tr;
  if (!state.selection.empty) tr.deleteSelection();
  const $pos = tr.selection.$from;
  const type = container.type;
  const attrs = { ...container.attrs, eId: null };
  const atStart = $pos.parentOffset === 0 && $pos.index(depth) === firstBlockIndex(container);
  if (atStart && $pos.parent.content.size > 0) {
    const before = $pos.before(depth);
    tr.insert(before, type.create(attrs, nodes.p.create()));
  } else {
    tr.split($pos.pos, 2, [{ type, attrs }, { type: nodes.p, attrs: { eId: null } }]);
  }
  dispatch(tr.scrollIntoView());
  return true;
};

function firstBlockIndex(container: PMNode): number {
  return container.firstChild?.type === nodes.heading ? 1 : 0;
}

// Enter in a heading: a paragraph after it.
export const leaveHeading: Command = (state, dispatch) => {
  const { $from } = state.selection;
  if ($from.parent.type !== nodes.heading || !state.selection.empty) return false;
  if ($from.parentOffset !== $from.parent.content.size) return false;
  const after = $from.after();
  const parent = $from.node(-1);
  const index = $from.index(-1) + 1;
  if (!parent.canReplaceWith(index, index, nodes.p)) return false;
  if (dispatch) {
    const tr = state.tr.insert(after, nodes.p.create());
    dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView());
  }
  return true;
};

// Moves node (at pos) to insertAt in tr, as type, keeping the cursor's
// place inside it.
function moveNode(state: EditorState, tr: Transaction, pos: number, node: PMNode, insertAt: number, replacement: PMNode): void {
  const offset = state.selection.from - pos;
  const anchorOffset = state.selection.anchor - pos;
  tr.delete(pos, pos + node.nodeSize);
  const at = insertAt > pos ? insertAt - node.nodeSize : insertAt;
  tr.insert(at, replacement);
  const inside = (o: number) => Math.max(1, Math.min(o, replacement.nodeSize - 1));
  const $head = tr.doc.resolve(at + inside(offset));
  const $anchor = tr.doc.resolve(at + inside(anchorOffset));
  tr.setSelection(TextSelection.between($anchor, $head));
}

// Tab: the clause or sub-clause becomes the last sub-clause of the one
// before it. True (nothing done) when there is none before it.
function inCell($pos: ResolvedPos, depth: number): boolean {
  for (let d = $pos.depth; d > depth; d--) if ($pos.node(d).type === nodes.table_cell) return true;
  return false;
}

export const indent: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const depth = ancestorDepth($from, clauses);
  if (depth < 0 || inCell($from, depth)) return false;
  const node = $from.node(depth);
  const index = $from.index(depth - 1);
  const parent = $from.node(depth - 1);
  const previous = index > 0 ? parent.child(index - 1) : null;
  if (!previous || !clauses.has(previous.type.name)) return true;
  const replacement = nodes.subclause.create(node.attrs, node.content, node.marks);
  if (!previous.type.validContent(previous.content.append(Fragment.from(replacement)))) return true;
  if (dispatch) {
    const pos = $from.before(depth);
    const previousEnd = pos - 1; // the end of previous's content
    const tr = state.tr;
    moveNode(state, tr, pos, node, previousEnd, replacement);
    dispatch(tr.scrollIntoView());
  }
  return true;
};

// Shift-Tab: the sub-clause moves out, after its parent, as a clause when
// the parent is a clause; what followed it in the parent becomes its own.
export const outdent: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const depth = ancestorDepth($from, clauses);
  if (depth < 0 || inCell($from, depth)) return false;
  const node = $from.node(depth);
  if (node.type !== nodes.subclause) return true;
  const parent = $from.node(depth - 1);
  if (!clauses.has(parent.type.name)) return true;
  const index = $from.index(depth - 1);
  const following: PMNode[] = [];
  for (let i = index + 1; i < parent.childCount; i++) following.push(parent.child(i));
  const type: NodeType = parent.type === nodes.clause ? nodes.clause : nodes.subclause;
  const content = node.content.append(Fragment.from(following));
  if (!type.validContent(content)) return true;
  const grand = $from.node(depth - 2);
  const parentIndex = $from.index(depth - 2);
  const replacement = type.create(node.attrs, content);
  if (!grand.canReplace(parentIndex + 1, parentIndex + 1, Fragment.from(replacement))) return true;
  if (dispatch) {
    const pos = $from.before(depth);
    const parentEnd = $from.after(depth - 1);
    const offset = state.selection.from - pos;
    const anchorOffset = state.selection.anchor - pos;
    const tr = state.tr;
    const endOfFollowing = parentEnd - 1;
    tr.delete(pos, endOfFollowing);
    const at = tr.mapping.map(parentEnd);
    tr.insert(at, replacement);
    tr.setSelection(TextSelection.between(tr.doc.resolve(at + anchorOffset), tr.doc.resolve(at + offset)));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

// Alt-Up / Alt-Down: the clause (sub-clause, item, chapter, ...) around the
// cursor trades places with its neighbour; its eId goes with it.
export function move(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    let depth = ancestorDepth($from, movable);
    if (depth < 0) depth = Math.min($from.depth, 2); // a paragraph or table of the body
    if (depth < 1) return false;
    const parent = $from.node(depth - 1);
    const index = $from.index(depth - 1);
    const neighbour = index + direction;
    if (neighbour < 0 || neighbour >= parent.childCount) return true;
    const node = $from.node(depth);
    const other = parent.child(neighbour);
    const swapped = direction < 0 ? [node, other] : [other, node];
    const from = Math.min(index, neighbour);
    if (!parent.canReplace(from, from + 2, Fragment.from(swapped))) return true;
    if (dispatch) {
      const pos = $from.before(depth);
      const tr = state.tr;
      if (direction < 0) moveNode(state, tr, pos, node, pos - other.nodeSize, node);
      else moveNode(state, tr, pos, node, pos + node.nodeSize + other.nodeSize, node);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

export const lineBreak: Command = (state, dispatch) => {
  const { $from } = state.selection;
  if (!$from.parent.type.contentMatch.matchType(nodes.br)) return false;
  if (dispatch) dispatch(state.tr.replaceSelectionWith(nodes.br.create()).scrollIntoView());
  return true;
};

// Mod-Enter: a new paragraph in the same clause (cell, item).
export const newParagraph: Command = splitBlock;

// A new clause after the one around the cursor (the toolbar's button), or
// in the chapter/section at the cursor.
export const insertClause: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const depth = ancestorDepth($from, clauses);
  if (depth > 0) {
    const node = $from.node(depth);
    const after = $from.after(depth);
    const created = node.type.create({ eId: null, num: node.attrs.num }, nodes.p.create());
    const parent = $from.node(depth - 1);
    const index = $from.index(depth - 1) + 1;
    if (!parent.canReplaceWith(index, index, node.type)) return false;
    if (dispatch) {
      const tr = state.tr.insert(after, created);
      dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 2)).scrollIntoView());
    }
    return true;
  }
  for (let d = $from.depth - 1; d > 0; d--) {
    const parent = $from.node(d);
    const index = $from.index(d) + 1;
    if (parent.canReplaceWith(index, index, nodes.clause)) {
      if (dispatch) {
        const after = $from.after(d + 1);
        const tr = state.tr.insert(after, nodes.clause.create({ eId: null, num: '1.' }, nodes.p.create()));
        dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 2)).scrollIntoView());
      }
      return true;
    }
  }
  return false;
};

// A table of rows x columns after the block at the cursor.
export function insertTable(rows = 2, columns = 3): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    for (let d = $from.depth - 1; d >= 0; d--) {
      const parent = $from.node(d);
      const index = $from.index(d) + 1;
      if (!parent.canReplaceWith(index, index, nodes.table)) continue;
      if (dispatch) {
        const cell = () => nodes.table_cell.create(null, nodes.p.create());
        const row = () => nodes.table_row.create(null, Array.from({ length: columns }, cell));
        const grid = nodes.table_grid.create(null, Array.from({ length: rows }, row));
        const table = nodes.table.create(null, grid);
        const after = $from.after(d + 1);
        const tr = state.tr.insert(after, table);
        dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 5)).scrollIntoView());
      }
      return true;
    }
    return false;
  };
}

// Table edits that change the number of columns keep <cols> in step: a new
// column gets the mean width, a deleted one's width goes.
function keepCols(command: Command): Command {
  return (state, dispatch) =>
    command(
      state,
      dispatch &&
        ((tr) => {
          tr.doc.descendants((node, pos) => {
            if (node.type !== nodes.table) return true;
            const cols = node.attrs.cols as (string | null)[] | null;
            const grid = node.lastChild!;
            const width = TableMap.get(grid).width;
            if (cols && cols.length !== width) {
              const numbers = cols.map(Number).filter((n) => Number.isFinite(n) && n > 0);
              const mean = numbers.length ? String(Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100) : null;
              const next = cols.slice(0, width);
              while (next.length < width) next.push(mean);
              tr.setNodeAttribute(pos, 'cols', next);
            }
            return false;
          });
          dispatch(tr);
        }),
    );
}

export const tableCommands = {
  addRow: addRowAfter,
  deleteRow,
  addColumn: keepCols(addColumnAfter),
  deleteColumn: keepCols(deleteColumn),
  merge: mergeCells,
  split: splitCell,
};

export const markCommands = {
  bold: toggleMark(schema.marks.b),
  italic: toggleMark(schema.marks.i),
  underline: toggleMark(schema.marks.u),
  superscript: toggleMark(schema.marks.sup),
  subscript: toggleMark(schema.marks.sub),
};

// Undo and redo, marked so the structure plugin leaves them alone.
export const undo: Command = (state, dispatch) => historyUndo(state, dispatch && ((tr) => dispatch(tr.setMeta('nusqa-structure-skip', true))));
export const redo: Command = (state, dispatch) => historyRedo(state, dispatch && ((tr) => dispatch(tr.setMeta('nusqa-structure-skip', true))));

// Marks the text with a reference to a register document by its code (or
// inserts the code when nothing is selected).
export function setDocRef(code: string): Command {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection;
    if (!state.selection.$from.parent.inlineContent) return false;
    if (dispatch) {
      const mark = schema.marks.docRef.create({ code });
      const tr = empty ? state.tr.insert(from, schema.text(code, [mark])) : state.tr.addMark(from, to, mark);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}
