// The bench page's side of tests/bench/showdown.mjs: every tool gets the same File (the one
// picked in #file, a disk-backed File as a person's pick gives) and runs in a module Web
// Worker: Accord in the page's own worker (www/worker.js, its `loadFile` path), Papa Parse,
// uDSV and the plain-JavaScript scorer in dist/rivals.js. Times are taken here, on the main
// thread, from the request posted to the answer received (the round trip); workers report
// their own times beside (Accord's engine time: `elapsedMs`).
import * as main from './dist/rivals.js';

const now = () => performance.now();
const file = () => {
  const f = document.querySelector('#file').files[0];
  if (!f) throw new Error('no file picked');
  return f;
};

/** A worker with promise-returning requests; `ready` resolves with its ready message. */
function start(url) {
  const w = new Worker(url, { type: 'module' });
  const waiting = new Map();
  let id = 0;
  let readyMessage;
  const ready = new Promise((resolve, reject) => { readyMessage = { resolve, reject }; });
  w.onmessage = ({ data }) => {
    if (data.type === 'ready') readyMessage.resolve(data);
    else if (data.type === 'result') { waiting.get(data.id)?.resolve(data.value); waiting.delete(data.id); }
    else if (data.type === 'error') {
      const err = new Error(data.message);
      if (data.id === null || data.id === undefined) readyMessage.reject(err);
      waiting.get(data.id)?.reject(err);
      waiting.delete(data.id);
    }
  };
  w.onerror = (e) => readyMessage.reject(new Error(e.message));
  return {
    ready,
    request(type, args = {}) {
      const n = ++id;
      return new Promise((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        w.postMessage({ id: n, type, ...args });
      });
    },
    terminate: () => w.terminate(),
  };
}

let accord = null;
let agreement = null;
let rivals = null;

/** Timed request: { ms (round trip), value }. */
async function timed(worker, type, args) {
  const t0 = now();
  const value = await worker.request(type, args);
  return { ms: now() - t0, value };
}

window.showdown = {
  fileInfo: () => ({ name: file().name, size: file().size }),

  /** A fresh Accord worker (started and ready before the clock starts), then the File loaded. */
  async accordLoad() {
    accord?.terminate();
    accord = start('/www/worker.js');
    const ready = await accord.ready;
    agreement = JSON.parse(ready.agreement);
    // The helper worker the engine starts for large files up too, as it is on the page by the
    // time a person picks a file.
    const { helper, rehearsal } = await accord.request('helperReady');
    // Its own rehearsal too, which the page asks for once its first screen is shown.
    const warm = await accord.request('warmUp');
    const { ms, value } = await timed(accord, 'loadFile', { file: file() });
    return {
      ms, engineMs: value.elapsedMs, memoryBytes: value.memoryBytes, rows: value.summary.rows,
      columns: value.summary.columns.length, leads: value.results.leads, mqls: value.results.mqls,
      sqls: value.results.sqls, parts: value.parts ?? null, helper, rehearsal, warm,
    };
  },

  /** The lifecycle pass and KPI report the page's follow-up, goals and KPI views read. */
  async accordLifecycle() {
    const { ms, value } = await timed(accord, 'lifecycle', {});
    return { ms, kpis: Boolean(value.kpis) };
  },

  /**
   * `n` changes of one rule's points, then `n` threshold moves, each answered with the updated
   * results (KPIs): round trip and engine time per change.
   */
  async accordChanges(n) {
    const a = structuredClone(agreement);
    const rule = a.qualification.fit.groups[0].rules[0];
    const points = [];
    for (let i = 0; i < n; i++) {
      rule.points = 20 + (i % 2 ? i : -i / 2); // a different value each time
      const { ms, value } = await timed(accord, 'setAgreement', { json: JSON.stringify(a) });
      points.push({ ms, engineMs: value.elapsedMs, mqls: value.results.mqls });
    }
    const thresholds = [];
    const line = a.qualification.thresholds.mql;
    for (let i = 0; i < n; i++) {
      line.fit = 30 + ((i * 7) % 41);
      const { ms, value } = await timed(accord, 'setAgreement', { json: JSON.stringify(a) });
      thresholds.push({ ms, engineMs: value.elapsedMs, mqls: value.results.mqls });
    }
    // Back to the default agreement, for the MQL count compared with the baseline.
    const back = await accord.request('setAgreement', { json: JSON.stringify(agreement) });
    return { points, thresholds, mqls: back.results.mqls, sqls: back.results.sqls };
  },

  accordStop() {
    accord?.terminate();
    accord = null;
    return {};
  },

  async rivalsStart() {
    rivals?.terminate();
    rivals = start('./dist/rivals.js');
    await rivals.ready;
    return {};
  },

  /** Papa Parse in its worker: { ms, rows, columns, errors }. */
  async papa(options) {
    const { ms, value } = await timed(rivals, 'papa', { file: file(), options });
    return { ms, ...value };
  },

  async udsv(options) {
    const { ms, value } = await timed(rivals, 'udsv', { file: file(), options });
    return { ms, ...value };
  },

  /** The plain-JavaScript full re-score after a rule's points change (Papa's rows kept). */
  async rescore(i) {
    const a = structuredClone(agreement);
    a.qualification.fit.groups[0].rules[0].points = 20 + i;
    const { ms, value } = await timed(rivals, 'rescore', { agreement: a });
    return { ms, ...value };
  },

  /** The baseline's KPIs under the default agreement. */
  async rescoreDefault() {
    const { value } = await timed(rivals, 'rescore', { agreement });
    return value;
  },

  rivalsStop() {
    rivals?.terminate();
    rivals = null;
    return {};
  },

  /** Papa Parse on this page's thread, rows kept (for the JS heap they take). */
  async papaHere(options) {
    const t0 = now();
    const r = await main.papa(file(), { ...options, keep: true });
    return { ms: now() - t0, ...r };
  },
  dropHere: () => main.drop(),
};
document.body.dataset.ready = 'true';
