// The other side of the showdown, bundled by run.sh (esbuild) into dist/rivals.js: Papa Parse
// and uDSV parsing a File, and the plain-JavaScript scorer (baseline.mjs) over Papa's rows.
// Run as a module worker by bench.js (the same conditions as Accord's worker), and imported by
// the bench page itself for the main-thread memory measurement.
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { score } from './baseline.mjs';

/** The rows kept by the last `papa` call with `keep` (for the baseline, and memory). */
let kept = null;

/** Data rows of a Papa result (its header row and the empty last line left out). */
const dataRows = (rows) => rows.length - 1 - (rows.length > 1 && rows.at(-1).length === 1 && (rows.at(-1)[0] ?? '') === '' ? 1 : 0);

/** Papa Parse, the File streamed by Papa itself (10 MB chunks), every row kept in memory. */
export function papa(file, { typed = false, keep = false } = {}) {
  kept = null;
  return new Promise((resolve, reject) => {
    Papa.parse(file, {
      dynamicTyping: typed,
      complete: (r) => {
        if (keep) kept = r.data;
        resolve({ rows: dataRows(r.data), columns: r.data[0].length, errors: r.errors.length });
      },
      error: (e) => reject(new Error(String(e?.message ?? e))),
    });
  });
}

/** uDSV: the File's text, its schema inferred, every row parsed (strings, or typed). */
export async function udsv(file, { typed = false } = {}) {
  const text = await file.text();
  const parser = initParser(inferSchema(text));
  const rows = typed ? parser.typedArrs(text) : parser.stringArrs(text);
  return { rows: rows.length, columns: rows[0]?.length ?? 0 };
}

/** The plain-JavaScript re-score of Papa's kept rows under `agreement`. */
export function rescore(agreement) {
  if (!kept) throw new Error('No rows kept: run papa with keep first.');
  const t0 = performance.now();
  const r = score(kept, agreement);
  return { ms: performance.now() - t0, leads: r.leads, mqls: r.mqls, sqls: r.sqls, disqualified: r.disqualified };
}

export function drop() {
  kept = null;
  return {};
}

const handlers = { papa: ({ file, options }) => papa(file, options), udsv: ({ file, options }) => udsv(file, options), rescore: ({ agreement }) => rescore(agreement), drop };

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = async ({ data }) => {
    const { id, type } = data;
    try {
      const t0 = performance.now();
      const value = await handlers[type](data);
      self.postMessage({ type: 'result', id, value: { ...value, workerMs: performance.now() - t0 } });
    } catch (err) {
      self.postMessage({ type: 'error', id, message: String(err?.message ?? err) });
    }
  };
  self.postMessage({ type: 'ready' });
}
