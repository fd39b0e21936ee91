// Editing as structure, on real documents, without a browser: the same
// commands and plugins the page uses, on the same ProseMirror state.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import { CellSelection } from 'prosemirror-tables';
import { counterIn, createState, serialise } from '../../../server/web/src/editor/setup';
import { indent, insertClause, move, outdent, splitStructure, tableCommands, undo } from '../../../server/web/src/editor/commands';
import { parseNum } from '../../../server/web/src/editor/numbering';

type Result = [string, boolean, string];

function find(doc: PMNode, test: (node: PMNode) => boolean): { node: PMNode; pos: number } {
  let found: { node: PMNode; pos: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (test(node)) found = { node, pos };
    return true;
  });
  if (!found) throw new Error('node not found');
  return found;
}

function byEId(doc: PMNode, eId: string) {
  return find(doc, (n) => n.attrs.eId === eId);
}

// The end of the last paragraph directly in the element.
function endOf(doc: PMNode, eId: string): number {
  const { node, pos } = byEId(doc, eId);
  let end = -1;
  node.forEach((child, offset) => {
    if (child.type.name === 'p') end = pos + 1 + offset + child.nodeSize - 1;
  });
  return end;
}

function run(state: EditorState, command: Command): EditorState {
  let next = state;
  const ok = command(state, (tr) => {
    next = next.apply(tr);
  });
  if (!ok) throw new Error('command refused');
  return next;
}

function at(state: EditorState, pos: number): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
}

function type(state: EditorState, text: string): EditorState {
  return state.apply(state.tr.insertText(text));
}

function clauses(doc: PMNode): { eId: string; num: string; type: string }[] {
  const out: { eId: string; num: string; type: string }[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'clause' || node.type.name === 'subclause') out.push({ eId: node.attrs.eId, num: node.attrs.num, type: node.type.name });
    return true;
  });
  return out;
}

export function structureTests(fixtures: string, out: string): Result[] {
  const results: Result[] = [];
  const bin = process.env.NUSQA_BIN!;
  const valid = (name: string, xml: string): [boolean, string] => {
    const file = join(out, name);
    writeFileSync(file, xml);
    try {
      execFileSync(bin, ['validate', file], { encoding: 'utf8' });
      return [true, ''];
    } catch (error) {
      return [false, String((error as { stdout?: string }).stdout ?? error)];
    }
  };
  const test = (name: string, body: () => [boolean, string]) => {
    try {
      const [ok, detail] = body();
      results.push([name, ok, detail]);
    } catch (error) {
      results.push([name, false, String((error as Error).stack ?? error)]);
    }
  };

  // Corpus 003 as the importer makes it (clause numbers run through the
  // document: 1.–6., 8.–... in the source).
  const imported = readFileSync(join(out, '003_4c9f1a3bbc42c64b.txt.imported.xml'), 'utf8');
  const start = createState(imported);
  const original = serialise(start);
  const before = clauses(start.doc);

  let typed: EditorState = start;
  test('Enter at the end of clause 3 (chapter 2) makes clause 4; the following are renumbered and keep their eIds', () => {
    const third = before.find((c) => c.num === '3.')!;
    let state = at(start, endOf(start.doc, third.eId));
    state = run(state, splitStructure);
    state = type(state, 'Жаңа тармақ.');
    typed = state;
    const after = clauses(state.doc);
    const made = after.find((c) => !before.some((b) => b.eId === c.eId))!;
    const problems: string[] = [];
    if (!made || made.num !== '4.' || !/-e1$/.test(made.eId)) problems.push(`new clause: ${JSON.stringify(made)}`);
    const nextOld = before.filter((c) => c.type === 'clause' && Number(parseNum(c.num)?.numbers[0]) >= 4);
    for (const old of nextOld.slice(0, 3)) {
      const now = after.find((c) => c.eId === old.eId);
      const expected = `${parseNum(old.num)!.numbers[0] + 1}.`;
      if (!now || now.num !== expected) problems.push(`${old.eId}: ${old.num} -> ${now?.num}, expected ${expected}`);
    }
    const [ok, detail] = valid('enter.xml', serialise(state));
    if (!ok) problems.push(detail);
    return [problems.length === 0, problems.join('\n')];
  });

  let indented: EditorState = typed;
  test('Tab makes the new clause a sub-clause «1)» of clause 3; Shift-Tab makes it clause 4 again', () => {
    const made = clauses(typed.doc).find((c) => !before.some((b) => b.eId === c.eId))!;
    let state = run(typed, indent);
    indented = state;
    const sub = clauses(state.doc).find((c) => c.eId === made.eId)!;
    const problems: string[] = [];
    if (sub.type !== 'subclause' || sub.num !== '1)') problems.push(`after Tab: ${JSON.stringify(sub)}`);
    const [ok, detail] = valid('indent.xml', serialise(state));
    if (!ok) problems.push(detail);
    state = run(state, outdent);
    const back = clauses(state.doc).find((c) => c.eId === made.eId)!;
    if (back.type !== 'clause' || back.num !== '4.') problems.push(`after Shift-Tab: ${JSON.stringify(back)}`);
    return [problems.length === 0, problems.join('\n')];
  });

  test('undo brings back the loaded XML exactly', () => {
    let state = indented;
    for (let i = 0; i < 50 && serialise(state) !== original; i++) state = run(state, undo);
    return [serialise(state) === original, ''];
  });

  test('Alt-Up moves clause 2 before clause 1: eIds stay, numbers follow', () => {
    const [first, second] = before;
    let state = at(start, endOf(start.doc, second.eId));
    state = run(state, move(-1));
    const after = clauses(state.doc);
    const ok = after[0].eId === second.eId && after[0].num === '1.' && after[1].eId === first.eId && after[1].num === '2.';
    return [ok, JSON.stringify(after.slice(0, 2))];
  });

  test('a clause made after a delete never gets a deleted eId, also after saving and reloading', () => {
    // Make one (…-e1), delete it, save, reload, make another: …-e2.
    let state = at(start, endOf(start.doc, before[0].eId));
    state = run(state, insertClause);
    const made = clauses(state.doc).find((c) => !before.some((b) => b.eId === c.eId))!;
    // Saved with -e1 in it (the counter is written), then deleted and saved
    // again: the counter stays.
    const first = serialise(state);
    const { pos, node } = byEId(state.doc, made.eId);
    state = state.apply(state.tr.delete(pos, pos + node.nodeSize));
    const saved = serialise(state, counterIn(first));
    let reloaded = createState(saved);
    reloaded = at(reloaded, endOf(reloaded.doc, before[0].eId));
    reloaded = run(reloaded, insertClause);
    const again = clauses(reloaded.doc).find((c) => !before.some((b) => b.eId === c.eId))!;
    const ok = made.eId.endsWith('-e1') && again.eId.endsWith('-e2') && /eIdCounter="1"/.test(saved);
    return [ok, `${made.eId} then ${again.eId}; saved counter: ${/eIdCounter="\d+"/.exec(saved)?.[0]}`];
  });

  test('tables: a row added and two cells merged (002 excerpt) give valid XML', () => {
    const xml = readFileSync(join(fixtures, '002-satbayev-excerpt.xml'), 'utf8');
    let state = createState(xml);
    const cell = find(state.doc, (n) => n.type.name === 'table_cell');
    state = at(state, cell.pos + 2);
    const rowsBefore = find(state.doc, (n) => n.type.name === 'table_grid').node.childCount;
    state = run(state, tableCommands.addRow);
    const grid = find(state.doc, (n) => n.type.name === 'table_grid');
    const rowsAfter = grid.node.childCount;
    // Merge the first two cells of the added row.
    const row = grid.node.child(1);
    const rowPos = grid.pos + 1 + grid.node.child(0).nodeSize;
    const a = rowPos + 1;
    const b = a + row.child(0).nodeSize;
    state = state.apply(state.tr.setSelection(CellSelection.create(state.doc, a, b)));
    state = run(state, tableCommands.merge);
    const merged = find(state.doc, (n) => n.type.name === 'table_grid').node.child(1).child(0).attrs.colspan;
    const [ok, detail] = valid('table.xml', serialise(state));
    return [ok && rowsAfter === rowsBefore + 1 && merged === 2, `rows ${rowsBefore} -> ${rowsAfter}, colspan ${merged}\n${detail}`];
  });

  return results;
}
