/**
 * The album backend's reading of a Rails bracket form body (POST images, form notifications): the
 * very result of parseRailsForm (qs), got in one pass for the bodies clients send — `name[a][b]=v`
 * keys, `[]` lists at the end, each leaf once. Anything else (index keys like `a[0]`, a key twice,
 * a leaf and a container on one path, keys qs drops, very deep or very long bodies) goes to qs
 * itself. qs's general parser was the biggest single cost of the backend in a season of small photos.
 */
import { parseRailsForm } from '../../engine/backend/rails-form';

/** Bodies with more pairs than this are left to qs (its limits, 10,000 pairs and array items, then apply). */
const MAX_PAIRS = 1000;
/** parseRailsForm's depth: deeper keys are left to qs. */
const MAX_DEPTH = 10;

type Node = Record<string, unknown>;

/** qs's decoder: `+` is a space, then percent-decoding; a malformed escape leaves the text as it is. */
function decode(text: string): string {
  if (text.indexOf('%') === -1) return text.indexOf('+') === -1 ? text : text.replace(/\+/g, ' ');
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Keys qs would skip (allowPrototypes: false) or read as an array index: left to qs. */
const awkward = (segment: string) => Object.prototype.hasOwnProperty.call(Object.prototype, segment) || /^\d+$/.test(segment);

/** `root[a][b]` or `root[a][]` → its segments and whether it ends in `[]`; null for any other shape. */
function segmentsOf(key: string): { path: string[]; list: boolean } | null {
  const open = key.indexOf('[');
  if (open === -1) return key.indexOf(']') === -1 && !awkward(key) ? { path: [key], list: false } : null;
  if (open === 0) return null;
  const path = [key.slice(0, open)];
  let list = false;
  let at = open;
  while (at < key.length) {
    if (list || key.charCodeAt(at) !== 0x5b) return null;
    const close = key.indexOf(']', at + 1);
    if (close === -1) return null;
    const segment = key.slice(at + 1, close);
    if (segment.indexOf('[') !== -1) return null;
    if (segment === '') list = true;
    else path.push(segment);
    at = close + 1;
  }
  if (path.length - 1 + (list ? 1 : 0) > MAX_DEPTH || path.some(awkward)) return null;
  return { path, list };
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Puts one pair in place; false when qs would do something else with it (a merge, a combine). */
function place(root: Node, path: string[], list: boolean, value: string): boolean {
  let node = root;
  for (let i = 0; i < path.length - 1; i += 1) {
    const next = node[path[i]];
    if (next === undefined) node = node[path[i]] = {};
    else if (isNode(next)) node = next;
    else return false;
  }
  const leaf = path[path.length - 1];
  const existing = node[leaf];
  if (list) {
    if (existing === undefined) node[leaf] = [value];
    else if (Array.isArray(existing)) existing.push(value);
    else return false;
    return true;
  }
  if (existing !== undefined) return false;
  node[leaf] = value;
  return true;
}

/** The one-pass reading; null when the body needs qs. */
function parseSimple(body: string): Record<string, unknown> | null {
  const text = /%5[bd]/i.test(body) ? body.replace(/%5B/gi, '[').replace(/%5D/gi, ']') : body;
  const parts = text.split('&');
  if (parts.length > MAX_PAIRS) return null;
  const root: Node = {};
  for (const part of parts) {
    // qs splits at the first `]=` when there is one, else at the first `=`.
    const bracketEquals = part.indexOf(']=');
    const at = bracketEquals === -1 ? part.indexOf('=') : bracketEquals + 1;
    const key = decode(at === -1 ? part : part.slice(0, at));
    if (key === '') continue; // qs drops a pair without a name
    const shape = segmentsOf(key);
    if (!shape || !place(root, shape.path, shape.list, at === -1 ? '' : decode(part.slice(at + 1)))) return null;
  }
  return root;
}

/** parseRailsForm's result, faster for the usual bodies. */
export function parseFormBody(body: string): Record<string, unknown> {
  if (body === '') return {};
  return parseSimple(body) ?? parseRailsForm(body);
}
