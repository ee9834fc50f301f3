// The module Web Worker that owns the engine. Messages in: { id, type, ...args }.
// Messages out: { type: 'ready', version, agreement } once, then for each request
// { type: 'result', id, value } or { type: 'error', id, message, fatal }. Values of requests that
// change the data or the agreement carry `elapsedMs`, the engine's own time for the change.
import { Engine } from './engine.js';

let engine = null;

const handlers = {
  loadSample: ({ rows, seed }) => {
    const summary = engine.loadSample(rows, seed);
    return { summary, results: engine.results(), elapsedMs: engine.lastMs };
  },
  loadCsv: ({ text }) => {
    const summary = engine.loadCsv(text);
    return { summary, results: engine.results(), elapsedMs: engine.lastMs };
  },
  setAgreement: ({ json }) => {
    engine.setAgreement(json);
    return { results: engine.results(), elapsedMs: engine.lastMs };
  },
  results: () => ({ results: engine.results() }),
  scores: () => engine.scores(),
};

const started = Engine.create()
  .then((e) => {
    engine = e;
    self.postMessage({ type: 'ready', version: Engine.version(), agreement: Engine.defaultAgreement() });
  })
  .catch((err) => {
    self.postMessage({ type: 'error', id: null, message: `The engine could not start: ${err.message}`, fatal: true });
  });

self.onmessage = async ({ data }) => {
  const { id, type, ...args } = data ?? {};
  await started;
  const handler = handlers[type];
  try {
    if (!engine) throw new Error('The engine is not running.');
    if (!handler) throw new Error(`Unknown request "${type}".`);
    const value = handler(args);
    const transfer = value?.fit ? [value.fit.buffer, value.interest.buffer] : [];
    self.postMessage({ type: 'result', id, value }, transfer);
  } catch (err) {
    self.postMessage({ type: 'error', id, message: err.message ?? String(err), fatal: Boolean(err.fatal) });
  }
};
