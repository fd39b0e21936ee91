// Keeps the editor's ProseMirror schema in step with schemas/document.xsd:
// parses the XSD and checks that every element it declares (by the complex
// type or group that declares it) is covered (schema.ts `coverage`), every
// attribute is an attribute of the node or mark that represents its
// element, every parent-child pair the XSD allows is allowed by the
// ProseMirror content expressions, and the writer's list of mixed-content
// elements is the XSD's.
import type { NodeType } from 'prosemirror-model';
import { attributeCoverage, coverage, schema, type Coverage } from '../../../server/web/src/editor/schema';
import { MIXED, parseXml, type XElement } from '../../../server/web/src/editor/xml';

const XS = 'http://www.w3.org/2001/XMLSchema';
type Result = [string, boolean, string];

function xs(element: XElement, name: string): XElement[] {
  return element.children.filter((c): c is XElement => c.kind === 'element' && c.ns === XS && c.name === name);
}

function attr(element: XElement, name: string): string | null {
  return element.attrs.find(([n]) => n === name)?.[1] ?? null;
}

// Every xs:element / xs:attribute below node (not into nested named types).
function descendants(node: XElement, name: string, out: XElement[] = []): XElement[] {
  for (const c of node.children) {
    if (c.kind !== 'element' || c.ns !== XS) continue;
    if (c.name === name) out.push(c);
    if (c.name === 'element' && name === 'attribute') continue; // a local element's own attributes are its own
    descendants(c, name, out);
  }
  return out;
}

function lookup(key: string): Coverage | undefined {
  return coverage[key] ?? coverage[key.replace(/\/[^/]+$/, '/*')];
}

// Every node type a content expression can hold.
function allowed(type: NodeType): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const stack = [type.contentMatch];
  while (stack.length) {
    const match = stack.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      names.add(edge.type.name);
      stack.push(edge.next);
    }
  }
  return names;
}

export function checkSchemaAgainstXsd(xsd: string): Result[] {
  const results: Result[] = [];
  const root = parseXml(xsd);
  const owners = [...xs(root, 'complexType'), ...xs(root, 'group')];
  const elementTypes = new Map<string, string[]>(); // type name -> coverage keys of its elements
  const declared: { key: string; type: string | null; element: XElement }[] = [];
  for (const top of xs(root, 'element')) declared.push({ key: `/${attr(top, 'name')}`, type: attr(top, 'type'), element: top });
  for (const owner of owners) {
    const ownerName = attr(owner, 'name')!;
    for (const element of descendants(owner, 'element')) {
      const ref = attr(element, 'ref');
      if (ref) continue;
      declared.push({ key: `${ownerName}/${attr(element, 'name')}`, type: attr(element, 'type'), element });
    }
  }
  // Group references: a type that refers to a group holds the group's elements.
  const groupMembers = new Map<string, string[]>();
  for (const group of xs(root, 'group'))
    groupMembers.set(
      attr(group, 'name')!,
      descendants(group, 'element').map((e) => `${attr(group, 'name')}/${attr(e, 'name')}`),
    );

  // 1. Every element covered, by something that exists.
  let uncovered: string[] = [];
  for (const { key, type } of declared) {
    const found = lookup(key);
    if (!found) {
      uncovered.push(key);
      continue;
    }
    if (type) elementTypes.set(type, [...(elementTypes.get(type) ?? []), key]);
    if ('node' in found && !schema.nodes[found.node]) uncovered.push(`${key} -> missing node ${found.node}`);
    if ('mark' in found && !schema.marks[found.mark]) uncovered.push(`${key} -> missing mark ${found.mark}`);
    if ('attr' in found)
      for (const of of found.of)
        if (!schema.nodes[of]?.spec.attrs?.[found.attr]) uncovered.push(`${key} -> missing attribute ${of}.${found.attr}`);
  }
  results.push([`schema covers all ${declared.length} element declarations of document.xsd`, uncovered.length === 0, uncovered.join('\n')]);

  // 2. Every attribute on the node or mark of its element (or covered apart).
  uncovered = [];
  let attributes = 0;
  const typeOwners = [...xs(root, 'complexType')];
  const attributeChecks: { owner: string; element: string | null; name: string; covers: string[] }[] = [];
  for (const type of typeOwners) {
    const typeName = attr(type, 'name')!;
    for (const attribute of descendants(type, 'attribute'))
      attributeChecks.push({ owner: typeName, element: null, name: attr(attribute, 'name')!, covers: elementTypes.get(typeName) ?? [] });
    // Anonymous complex types of local elements (cols/col).
    for (const element of descendants(type, 'element'))
      for (const local of xs(element, 'complexType'))
        for (const attribute of descendants(local, 'attribute'))
          attributeChecks.push({
            owner: `${typeName}/${attr(element, 'name')}`,
            element: attr(element, 'name'),
            name: attr(attribute, 'name')!,
            covers: [`${typeName}/${attr(element, 'name')}`],
          });
  }
  for (const check of attributeChecks) {
    attributes++;
    const key = `${check.owner}@${check.name}`;
    const apart = attributeCoverage[key];
    if (apart) {
      if (apart.of !== 'shell' && !schema.nodes[apart.of]?.spec.attrs?.[apart.attr]) uncovered.push(`${key} -> missing ${apart.of}.${apart.attr}`);
      continue;
    }
    if (check.covers.length === 0) {
      uncovered.push(`${key}: no element of this type is covered`);
      continue;
    }
    for (const elementKey of check.covers) {
      const found = lookup(elementKey)!;
      if ('carried' in found) continue;
      if ('node' in found && !schema.nodes[found.node].spec.attrs?.[check.name]) uncovered.push(`${key} (${elementKey}) -> node ${found.node} has no attribute ${check.name}`);
      if ('mark' in found && !schema.marks[found.mark].spec.attrs?.[check.name]) uncovered.push(`${key} (${elementKey}) -> mark ${found.mark} has no attribute ${check.name}`);
      if ('attr' in found && found.attr !== check.name && !(found.of.length && schema.nodes[found.of[0]].spec.attrs?.[found.attr]))
        uncovered.push(`${key} (${elementKey}) -> not represented`);
    }
  }
  results.push([`schema covers all ${attributes} attribute declarations of document.xsd`, uncovered.length === 0, uncovered.join('\n')]);

  // 3. Parent-child pairs of the XSD are allowed in the editor.
  const problems: string[] = [];
  let pairs = 0;
  for (const owner of typeOwners) {
    const typeName = attr(owner, 'name')!;
    const parents = (elementTypes.get(typeName) ?? []).map(lookup).filter((c): c is { node: string } => !!c && 'node' in c);
    if (!parents.length) continue;
    const children: string[] = descendants(owner, 'element').map((e) => `${typeName}/${attr(e, 'name')}`);
    for (const group of descendants(owner, 'group')) children.push(...(groupMembers.get(attr(group, 'ref') ?? '') ?? []));
    for (const parent of parents) {
      const parentType = schema.nodes[parent.node];
      if (parentType.isTextblock) continue; // inline content: marks, checked below
      const holds = allowed(parentType);
      for (const childKey of children) {
        const found = lookup(childKey);
        if (!found || !('node' in found)) continue;
        pairs++;
        // A table's rows sit in its grid.
        const via = parent.node === 'table' && found.node === 'table_row' ? allowed(schema.nodes.table_grid) : holds;
        if (!via.has(found.node)) problems.push(`${parent.node} cannot hold ${found.node} (${childKey})`);
      }
    }
  }
  results.push([`schema allows all ${pairs} parent-child pairs of document.xsd`, problems.length === 0, problems.join('\n')]);

  // 4. The mixed-content elements.
  const mixedTypes = new Set(xs(root, 'complexType').filter((t) => attr(t, 'mixed') === 'true').map((t) => attr(t, 'name')!));
  const mixed = new Set(declared.filter((d) => d.type && mixedTypes.has(d.type)).map((d) => attr(d.element, 'name')!));
  const same = mixed.size === MIXED.size && [...mixed].every((m) => MIXED.has(m));
  results.push([`the writer's mixed-content elements are the XSD's (${mixed.size})`, same, `XSD: ${[...mixed].sort().join(', ')}\neditor: ${[...MIXED].sort().join(', ')}`]);
  return results;
}
