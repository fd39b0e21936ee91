// The editor's state: the document read from an edition's XML, the plugins
// (history, keys, tables, structure) and the way back to XML. Used by the
// page and, unchanged, by the round-trip tests in Node.
import { EditorState, Plugin, PluginKey, type Command } from 'prosemirror-state';
import { history } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, chainCommands } from 'prosemirror-commands';
import { goToNextCell, tableEditing } from 'prosemirror-tables';
import { readEdition, writeEdition, type EditionShell } from './convert';
import { attr, setAttr, type XElement } from './xml';
import { structurePlugin } from './structure';
import {
  indent,
  insertClause,
  insertTable,
  leaveHeading,
  lineBreak,
  markCommands,
  move,
  newParagraph,
  outdent,
  redo,
  splitStructure,
  tableCommands,
  undo,
} from './commands';

export const shellKey = new PluginKey<EditionShell>('nusqa-shell');

// Every key the editor answers, with what it does (the page lists them).
export const keyBindings: Record<string, Command> = {
  Enter: chainCommands(splitStructure, leaveHeading),
  'Mod-Enter': newParagraph,
  'Shift-Enter': lineBreak,
  'Mod-z': undo,
  'Mod-y': redo,
  'Shift-Mod-z': redo,
  'Mod-b': markCommands.bold,
  'Mod-i': markCommands.italic,
  'Mod-u': markCommands.underline,
  'Mod-.': markCommands.superscript,
  'Mod-,': markCommands.subscript,
  'Alt-ArrowUp': move(-1),
  'Alt-ArrowDown': move(1),
  'Mod-Alt-n': insertClause,
  'Mod-Alt-t': insertTable(),
  'Mod-Alt-r': tableCommands.addRow,
  'Shift-Mod-Alt-r': tableCommands.deleteRow,
  'Mod-Alt-c': tableCommands.addColumn,
  'Shift-Mod-Alt-c': tableCommands.deleteColumn,
  'Mod-Alt-m': tableCommands.merge,
  'Shift-Mod-Alt-m': tableCommands.split,
};

function eIdsOf(element: XElement, into: string[]): string[] {
  const eId = attr(element, 'eId');
  if (eId) into.push(eId);
  for (const c of element.children) if (c.kind === 'element') eIdsOf(c, into);
  return into;
}

export function createState(xml: string, extra: Plugin[] = []): EditorState {
  const { doc, shell } = readEdition(xml);
  const counter = Number(shell.rootAttrs.find(([n]) => n === 'eIdCounter')?.[1] ?? 0);
  return EditorState.create({
    doc,
    plugins: [
      new Plugin({ key: shellKey, state: { init: () => shell, apply: (_tr, value) => value } }),
      structurePlugin({ eIdCounter: Number.isFinite(counter) ? counter : 0, reserved: eIdsOf(shell.meta, []) }),
      history(),
      // Tab in a table goes from cell to cell; elsewhere it indents.
      keymap({ Tab: chainCommands(goToNextCell(1), indent), 'Shift-Tab': chainCommands(goToNextCell(-1), outdent) }),
      keymap(keyBindings),
      keymap(baseKeymap),
      ...extra,
      tableEditing(),
    ],
  });
}

export function shellOf(state: EditorState): EditionShell {
  return shellKey.getState(state)!;
}

// The edition's XML (canonical form). document/@eIdCounter is the highest
// "-e<N>" that was ever saved: what was read, what this session saved
// (persisted, kept by the page) and what the document holds now. An eId
// made and undone before any save was never stored, so it need not count.
// lines: see writeEdition.
export function serialiseWithTree(state: EditorState, options: { lines?: boolean; persisted?: number } = {}) {
  const shell = shellOf(state);
  const root: XElement = { kind: 'element', name: 'document', ns: null, prefix: null, attrs: shell.rootAttrs.map(([n, v]) => [n, v]), children: [] };
  const read = Number(attr(root, 'eIdCounter') ?? 0) || 0;
  let held = 0;
  state.doc.descendants((node) => {
    const match = node.attrs.eId ? /-e(\d+)$/.exec(node.attrs.eId) : null;
    if (match) held = Math.max(held, Number(match[1]));
    return !node.isTextblock;
  });
  const counter = Math.max(held, options.persisted ?? 0);
  let written = shell;
  if (counter > read) {
    setAttr(root, 'eIdCounter', String(counter));
    written = { ...shell, rootAttrs: root.attrs };
  }
  return writeEdition(state.doc, written, options);
}

export function serialise(state: EditorState, persisted = 0): string {
  return serialiseWithTree(state, { persisted }).xml;
}

// What a successful save of xml persisted: its document/@eIdCounter.
export function counterIn(xml: string): number {
  const match = /<document\b[^>]*\beIdCounter="(\d+)"/.exec(xml);
  return match ? Number(match[1]) : 0;
}
