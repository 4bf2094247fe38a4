// A small TOML reader for config files: [tables], dotted [a.b] tables, `key = value` with strings,
// integers, floats, booleans and one-line arrays of those, `#` comments. Enough for oneproof's
// config; anything else is a clear error naming the line.

export type TomlValue = string | number | boolean | TomlValue[] | { [k: string]: TomlValue };
type Table = { [k: string]: TomlValue };

function parseScalar(text: string, line: number): TomlValue {
  const t = text.trim();
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new Error(`line ${line}: unterminated string`);
    return JSON.parse(t) as string;
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new Error(`line ${line}: unterminated string`);
    return t.slice(1, -1);
  }
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) throw new Error(`line ${line}: arrays must be on one line`);
    const inner = t.slice(1, -1).trim();
    if (inner === '') return [];
    return splitTopLevel(inner, line).filter((s) => s.trim() !== '').map((s) => parseScalar(s, line));
  }
  const num = t.replace(/_/g, '');
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(num)) return Number(num);
  throw new Error(`line ${line}: cannot read value ${JSON.stringify(t)}`);
}

/** Splits on commas outside quotes and brackets. */
function splitTopLevel(s: string, line: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (quote || depth !== 0) throw new Error(`line ${line}: unbalanced quotes or brackets`);
  parts.push(cur);
  return parts;
}

function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return s.slice(0, i);
  }
  return s;
}

function tableAt(root: Table, path: string[], line: number): Table {
  let t = root;
  for (const key of path) {
    const next = t[key];
    if (next === undefined) t[key] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) throw new Error(`line ${line}: ${key} is not a table`);
    t = t[key] as Table;
  }
  return t;
}

export function parseToml(text: string): Table {
  const root: Table = {};
  let current = root;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = stripComment(raw).trim();
    if (s === '') return;
    const header = /^\[([A-Za-z0-9_.-]+)\]$/.exec(s);
    if (header) {
      current = tableAt(root, header[1].split('.'), line);
      return;
    }
    const eq = s.indexOf('=');
    if (eq <= 0) throw new Error(`line ${line}: expected key = value`);
    const keyPath = s.slice(0, eq).trim().split('.').map((k) => k.trim().replace(/^"(.*)"$/, '$1'));
    if (keyPath.some((k) => !/^[A-Za-z0-9_-]+$/.test(k))) throw new Error(`line ${line}: bad key`);
    const target = tableAt(current, keyPath.slice(0, -1), line);
    const key = keyPath[keyPath.length - 1];
    if (key in target) throw new Error(`line ${line}: duplicate key ${key}`);
    target[key] = parseScalar(s.slice(eq + 1), line);
  });
  return root;
}
