// The editor in the page: the ProseMirror view over setup.ts's state, the
// paste of HTML from Word and web pages (recognised by the server, POST
// /import/fragment), the decorations that show the server's validation
// errors at their elements, and what the toolbar needs.
import { Fragment, Slice, type Node as PMNode } from 'prosemirror-model';
import { EditorState, NodeSelection, Plugin, PluginKey, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';
import { api } from '../lib/api';
import { readFragment } from './convert';
import { schema } from './schema';
import { collectEIds, structureKey } from './structure';
import { createState } from './setup';

export interface ShownError {
  pos: number | null; // the element's position in the document, null: in <meta>
  line: number;
  message: string;
  label: string; // the element ("clause 4.", "form")
}

const errorKey = new PluginKey<DecorationSet>('nusqa-errors');

const errorPlugin = new Plugin<DecorationSet>({
  key: errorKey,
  state: {
    init: () => DecorationSet.empty,
    apply(tr, set) {
      const next = tr.getMeta(errorKey) as DecorationSet | undefined;
      return next ?? set.map(tr.mapping, tr.doc);
    },
  },
  props: {
    decorations: (state) => errorKey.getState(state),
  },
});

// Pasted nodes keep an eId only when it is one of this draft's that is not
// in the text any more (cut here and pasted back: a move); copies and
// other documents' elements get new ones from the structure plugin.
function stripEIds(fragment: Fragment, keep: (eId: string) => boolean): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    if (node.isText) {
      nodes.push(node);
      return;
    }
    let attrs = node.attrs;
    if ('eId' in attrs && attrs.eId && !keep(attrs.eId)) attrs = { ...attrs, eId: null };
    nodes.push(node.type.create(attrs, stripEIds(node.content, keep), node.marks));
  });
  return Fragment.from(nodes);
}

export interface EditorCallbacks {
  onChange(tr: Transaction, state: EditorState): void;
  onPasteStart(): void;
  onPasteEnd(summary: string | null, error: string | null): void;
}

export class EditorController {
  view: EditorView;

  constructor(host: HTMLElement, xml: string, label: string, callbacks: EditorCallbacks) {
    const state = createState(xml, [errorPlugin]);
    this.view = new EditorView(host, {
      state,
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, spellcheck: 'true', class: 'pm-document' },
      dispatchTransaction: (tr) => {
        const next = this.view.state.apply(tr);
        this.view.updateState(next);
        callbacks.onChange(tr, next);
      },
      transformPasted: (slice, view) => {
        const seen = structureKey.getState(view.state)?.seen ?? new Set<string>();
        // A drag that moves (no copy modifier) deletes the original in the
        // same transaction as the drop: the moved elements keep their eIds.
        if (view.dragging?.move) return new Slice(stripEIds(slice.content, (eId) => seen.has(eId)), slice.openStart, slice.openEnd);
        const present = new Set<string>();
        collectEIds(view.state.doc, present);
        return new Slice(
          stripEIds(slice.content, (eId) => seen.has(eId) && !present.has(eId)),
          slice.openStart,
          slice.openEnd,
        );
      },
      // HTML from outside goes to the server before ProseMirror parses it
      // (its parse would apply Word's inline styles, which the page's
      // Content-Security-Policy refuses).
      handleDOMEvents: {
        // A character typed into a collapsed selection goes into the
        // document as a transaction instead of through the browser's own
        // editing, which on a long document (corpus 002: 23 pages) costs
        // several milliseconds a keystroke; ProseMirror then draws the one
        // changed text node. Composition (IME), replacements by the spell
        // checker and everything else keep the browser's way.
        beforeinput: (view, event) => {
          const input = event as InputEvent;
          if (input.inputType !== 'insertText' || input.isComposing || view.composing || !input.data) return false;
          const { selection } = view.state;
          if (!selection.empty || !selection.$from.parent.inlineContent) return false;
          event.preventDefault();
          view.dispatch(view.state.tr.insertText(input.data).scrollIntoView());
          return true;
        },
        paste: (_view, event) => {
          const html = event.clipboardData?.getData('text/html') ?? '';
          // ProseMirror's own copies carry data-pm-slice: its paste keeps them.
          if (!html || html.includes('data-pm-slice')) return false;
          event.preventDefault();
          const text = event.clipboardData?.getData('text/plain') ?? '';
          this.pasteHtml(html, text, callbacks);
          return true;
        },
      },
    });
  }

  get state(): EditorState {
    return this.view.state;
  }

  run(command: Command): boolean {
    const done = command(this.view.state, this.view.dispatch, this.view);
    this.view.focus();
    return done;
  }

  can(command: Command): boolean {
    return command(this.view.state, undefined, this.view);
  }

  // Replaces the whole document (a reload, a restored draft).
  replace(xml: string): void {
    this.view.updateState(createState(xml, [errorPlugin]));
  }

  destroy(): void {
    this.view.destroy();
  }

  async pasteHtml(html: string, text: string, callbacks: EditorCallbacks): Promise<void> {
    callbacks.onPasteStart();
    const before = this.view.state.doc;
    try {
      const response = await api.request('POST', '/import/fragment', { raw: { body: html, type: 'text/html; charset=utf-8' } });
      const { xml } = (await response.json()) as { xml: string };
      const fragment = stripEIds(readFragment(xml), () => false);
      if (this.view.state.doc !== before) throw new Error('the text changed while pasting');
      const tr = this.insertBlocks(fragment);
      this.view.dispatch(tr.scrollIntoView());
      const counts = new Map<string, number>();
      const count = (n: PMNode) => {
        if (['chapter', 'clause', 'subclause', 'list', 'table', 'p'].includes(n.type.name)) counts.set(n.type.name, (counts.get(n.type.name) ?? 0) + 1);
      };
      fragment.forEach((node) => {
        count(node);
        node.descendants((n) => {
          if (n.type.name !== 'p') count(n);
          return !n.isTextblock;
        });
      });
      callbacks.onPasteEnd([...counts].map(([name, n]) => `${name} × ${n}`).join(', '), null);
    } catch (error) {
      if (text) this.view.dispatch(this.view.state.tr.insertText(text).scrollIntoView());
      callbacks.onPasteEnd(null, error instanceof Error ? error.message : String(error));
    }
    this.view.focus();
  }

  // Blocks at the cursor: after the block around it, at the first level
  // that can hold them (clauses after the clause, chapters after the
  // chapter); an empty paragraph at the cursor is replaced.
  insertBlocks(fragment: Fragment): Transaction {
    const state = this.view.state;
    const { $from } = state.selection;
    const tr = state.tr;
    if ($from.parent.type === schema.nodes.p && $from.parent.content.size === 0 && $from.depth > 0) {
      const parent = $from.node(-1);
      const index = $from.index(-1);
      if (parent.canReplace(index, index + 1, fragment)) {
        tr.replaceWith($from.before(), $from.after(), fragment);
        return tr;
      }
    }
    for (let d = $from.depth - 1; d >= 0; d--) {
      const node = $from.node(d);
      const index = $from.index(d) + 1;
      if (node.canReplace(index, index, fragment)) {
        const at = $from.after(d + 1);
        tr.insert(at, fragment);
        const end = at + fragment.size;
        tr.setSelection(TextSelection.near(tr.doc.resolve(end), -1));
        return tr;
      }
    }
    return tr.replaceSelection(new Slice(fragment, 0, 0));
  }

  showErrors(errors: ShownError[]): void {
    const doc = this.view.state.doc;
    const decorations: Decoration[] = [];
    for (const error of errors) {
      if (error.pos === null) continue;
      const node = doc.nodeAt(error.pos);
      if (!node) continue;
      decorations.push(Decoration.node(error.pos, error.pos + node.nodeSize, { class: 'has-error', 'data-error': error.message }));
    }
    this.view.dispatch(this.view.state.tr.setMeta(errorKey, DecorationSet.create(doc, decorations)));
  }

  reveal(pos: number): void {
    const doc = this.view.state.doc;
    const node = doc.nodeAt(pos);
    if (!node) return;
    const inside = TextSelection.findFrom(doc.resolve(pos + 1), 1, true);
    const selection = inside && inside.from < pos + node.nodeSize ? inside : NodeSelection.create(doc, pos);
    this.view.dispatch(this.view.state.tr.setSelection(selection).scrollIntoView());
    this.view.focus();
  }

  // Replaces the text of the textblock at pos (the side form's fields).
  setText(pos: number, text: string): void {
    const node = this.view.state.doc.nodeAt(pos);
    if (!node || !node.isTextblock) return;
    const tr = this.view.state.tr.replaceWith(pos + 1, pos + node.nodeSize - 1, text ? schema.text(text) : Fragment.empty);
    this.view.dispatch(tr);
  }
}

// Entries of terms, abbreviations and forms for the side form.
export interface Entry {
  pos: number; // the entry
  first: { pos: number; text: string }; // name / abbr / code
  second: { pos: number; text: string }; // definition / expansion / name
  eId: string | null;
}

export function entriesOf(doc: PMNode): { terms: Entry[]; abbreviations: Entry[]; forms: Entry[] } {
  const out = { terms: [] as Entry[], abbreviations: [] as Entry[], forms: [] as Entry[] };
  doc.descendants((node, pos) => {
    const list = node.type.name === 'term' ? out.terms : node.type.name === 'abbreviation' ? out.abbreviations : node.type.name === 'form' ? out.forms : null;
    if (!list) return !node.isTextblock;
    const a = node.child(0);
    const b = node.child(1);
    list.push({
      pos,
      eId: node.attrs.eId,
      first: { pos: pos + 1, text: a.textContent },
      second: { pos: pos + 1 + a.nodeSize, text: b.textContent },
    });
    return false;
  });
  return out;
}
