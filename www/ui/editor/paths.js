// JSON paths into the agreement, kept as arrays of keys (strings) and indexes (numbers) and
// written the way the engine writes them in its errors: `qualification.fit.groups[0].cap`.

/** The path as the engine writes it: dots between keys, `[i]` for list indexes. */
export function fmt(parts) {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

/** The value at `parts`, or undefined. */
export function getIn(obj, parts) {
  let v = obj;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[p];
  }
  return v;
}

/** Set the value at `parts`, creating objects on the way; `undefined` deletes the key. */
export function setIn(obj, parts, value) {
  let v = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    if (v[p] === null || typeof v[p] !== 'object') v[p] = typeof parts[i + 1] === 'number' ? [] : {};
    v = v[p];
  }
  const last = parts[parts.length - 1];
  if (value === undefined) {
    if (Array.isArray(v) && typeof last === 'number') v.splice(last, 1);
    else delete v[last];
  } else {
    v[last] = value;
  }
}

/** The path one step up: `a.b[2].c` → `a.b[2]` → `a.b`; null at the top. */
export function parentPath(path) {
  const m = path.match(/^(.*)(\[\d+\]|\.[^.[\]]*)$/);
  return m && m[1] !== '' ? m[1] : null;
}

/** Rename key `from` to `to` in `obj`, keeping the order of the keys. */
export function renameKey(obj, from, to) {
  const entries = Object.entries(obj).map(([k, v]) => (k === from ? [to, v] : [k, v]));
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) obj[k] = v;
}

/** Move the item at `i` of `list` by `delta` places (within bounds). */
export function move(list, i, delta) {
  const j = i + delta;
  if (j < 0 || j >= list.length) return false;
  const [item] = list.splice(i, 1);
  list.splice(j, 0, item);
  return true;
}
