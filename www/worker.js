// The module Web Worker that owns the engine. Messages in: { id, type, ...args }, and
// { type: 'cancel', target } to stop a file load, an export or a fit. Messages out: { type:
// 'ready', version, agreement } once, then per request any number of { type: 'progress', id,
// done, total, rows } and one { type: 'result', id, value } or { type: 'error', id, message,
// fatal }. Values of requests that change the data or the agreement carry `elapsedMs`, the
// engine's own time.
import { Engine } from './engine.js';

let engine = null;
const cancelled = new Set();
/** Progress messages at most this often (ms). */
const PROGRESS_EVERY = 100;
/** Leads per chunk of the scored export: progress every chunk, text held a chunk at a time. */
const EXPORT_CHUNK = 20_000;

/** The size of the pieces a file is given to the engine in. */
const PIECE = 1 << 20;

function loaded(summary) {
  return { summary, results: engine.results(), elapsedMs: engine.lastMs, memoryBytes: engine.memoryBytes, whatIf: engine.whatIf() };
}

const handlers = {
  loadSample: ({ rows, seed }) => loaded(engine.loadSample(rows, seed)),
  loadCsv: ({ text }) => loaded(engine.loadCsv(text)),
  // A File (or Blob) streamed in chunks: memory grows with the table, not with the file.
  // `target: 'activities'` reads an events file and joins it to the loaded leads.
  loadFile: async ({ file, sheet, target }, id) => {
    const activities = target === 'activities';
    if (activities) engine.beginActivities(file.name ?? null, sheet ?? null);
    else engine.beginLoad(file.name ?? null, sheet ?? null);
    if (typeof file.size === 'number') engine.expectBytes(file.size);
    const reader = file.stream().getReader();
    // The stream's chunks (64 KiB in Chromium) gathered into 1 MiB pieces: fewer calls, and
    // the engine's memory is not strewn with small buffers between the table's growing columns
    // (1M leads: 230 → 201 MB of WebAssembly memory).
    const piece = new Uint8Array(PIECE);
    let fill = 0;
    const flush = () => {
      if (fill > 0) engine.pushChunk(piece.subarray(0, fill));
      fill = 0;
    };
    const push = (bytes) => {
      if (fill === 0 && bytes.byteLength >= PIECE) {
        engine.pushChunk(bytes);
        return;
      }
      for (let at = 0; at < bytes.byteLength; ) {
        const n = Math.min(PIECE - fill, bytes.byteLength - at);
        piece.set(bytes.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill === PIECE) flush();
      }
    };
    let done = 0;
    let last = 0;
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (cancelled.has(id)) {
          engine.cancelLoad();
          const err = new Error('The load was cancelled; the previous data is still loaded.');
          err.cancelled = true;
          throw err;
        }
        if (end) break;
        push(value);
        done += value.byteLength;
        const now = performance.now();
        if (now - last > PROGRESS_EVERY) {
          last = now;
          self.postMessage({ type: 'progress', id, done, total: file.size, rows: engine.pendingRows });
        }
      }
      flush();
      self.postMessage({ type: 'progress', id, done, total: file.size, rows: engine.pendingRows });
      if (activities) {
        const summary = engine.finishActivities();
        return { activities: summary, results: engine.results(), elapsedMs: engine.lastMs };
      }
      return loaded(engine.finishLoad());
    } catch (err) {
      reader.cancel().catch(() => {});
      // A read that failed midway: the half-read table is dropped now, not at the next load
      // (a poisoned engine is replaced anyway).
      if (!err.fatal) {
        try {
          engine.cancelLoad();
        } catch {
          // nothing in progress
        }
      }
      throw err;
    } finally {
      cancelled.delete(id);
    }
  },
  setAgreement: ({ json }) => {
    engine.setAgreement(json);
    // The columns say which field each feeds: they change with the agreement's mapping.
    return {
      results: engine.results(), elapsedMs: engine.lastMs, whatIf: engine.whatIf(), notes: engine.migrationNotes(),
      columns: engine.summary()?.columns ?? null,
    };
  },
  // A whole agreement from outside (saved state, a link, an upload, a version, a preset): checked
  // and migrated by the engine, and given back as the engine writes it.
  adopt: ({ json }) => {
    engine.setAgreement(json);
    return {
      agreement: engine.agreementJson(), notes: engine.migrationNotes(),
      results: engine.results(), elapsedMs: engine.lastMs, whatIf: engine.whatIf(),
      columns: engine.summary()?.columns ?? null,
    };
  },
  explain: ({ row }) => ({ explanation: engine.explain(row), lifecycle: engine.leadLifecycle(row) }),
  lifecycle: () => ({ lifecycle: engine.lifecycle(), goals: engine.goals(), kpis: engine.kpis() }),
  review: ({ aStart, aEnd, bStart, bEnd }) => ({ review: engine.review(aStart, aEnd, bStart, bEnd) }),
  handoffCsv: () => ({ csv: engine.handoffCsv() }),
  // Agreements as JSON text or as objects.
  diff: ({ a, b, lang }) => {
    const text = (x) => (typeof x === 'string' ? x : JSON.stringify(x));
    return { changes: Engine.diffAgreements(text(a), text(b), lang) };
  },
  sla: ({ lang }) => ({ doc: engine.slaDocument(lang) }),
  leads: ({ query }) => engine.leads(query),
  // Everything the lead detail shows, in one request.
  leadRecord: ({ row }) => ({
    record: engine.leadRecord(row), explanation: engine.explain(row), lifecycle: engine.leadLifecycle(row),
  }),
  // The scored export as a Blob (UTF-8 with a BOM, so that Excel reads the accents), built in
  // chunks with progress; each chunk becomes a Blob at once, so the text is never held whole.
  exportScored: async (_, id) => {
    const rows = engine.rows;
    const parts = ['\ufeff'];
    for (let start = 0; start === 0 || start < rows; start += EXPORT_CHUNK) {
      parts.push(new Blob([engine.scoredCsvChunk(start, EXPORT_CHUNK)]));
      self.postMessage({ type: 'progress', id, done: Math.min(start + EXPORT_CHUNK, rows), total: rows, rows });
      // Let a cancel message in between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (cancelled.has(id)) {
        cancelled.delete(id);
        engine.scoredCsvChunk(rows, 0); // past the end: the engine lets go of the export's matches
        const err = new Error('The export was cancelled.');
        err.cancelled = true;
        throw err;
      }
    }
    return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows };
  },
  // Learning from outcomes: the evaluation with the threshold curve, the lines for a target,
  // and the fit of weights in passes, with progress (done of total = 1) and cancellable.
  evaluate: () => ({ evaluation: engine.evaluation(), curve: engine.thresholdCurve() }),
  suggestThresholds: ({ target }) => ({ suggestion: engine.suggestThresholds(target) }),
  fitWeights: async ({ options }, id) => {
    const rows = engine.fitBegin(options ?? {});
    let last = 0;
    try {
      for (;;) {
        const done = engine.fitStep(1);
        const now = performance.now();
        if (done >= 1 || now - last > PROGRESS_EVERY) {
          last = now;
          self.postMessage({ type: 'progress', id, done, total: 1, rows });
        }
        if (done >= 1) break;
        // Let a cancel message in between passes.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled.has(id)) {
          engine.fitCancel();
          const err = new Error('The fit was cancelled.');
          err.cancelled = true;
          throw err;
        }
      }
      return { result: engine.fitResult() };
    } finally {
      cancelled.delete(id);
    }
  },
  pin: () => {
    engine.pin();
    return { whatIf: engine.whatIf() };
  },
  unpin: () => {
    engine.unpin();
    return {};
  },
  preset: ({ preset }) => ({ json: Engine.presetJson(preset) }),
  results: () => ({ results: engine.results() }),
  scores: () => engine.scores(),
  // For the page tests only (no control sends these): a panic in the engine, which no input can
  // cause, and a worker that never answers, to check the restart and the watchdog.
  __panic: () => Engine.forcePanic(),
  __hang: () => {
    for (;;) {
      // Busy for good, as an engine stuck in a loop would be.
    }
  },
};

const started = Engine.create()
  .then((e) => {
    engine = e;
    // The engine never reads a clock: date rules use the agreement's as_of, else today.
    engine.setToday(Date.now());
    self.postMessage({ type: 'ready', version: Engine.version(), agreement: Engine.defaultAgreement(), presets: Engine.presets(), fields: Engine.fields() });
  })
  .catch((err) => {
    self.postMessage({ type: 'error', id: null, message: `The engine could not start: ${err.message}`, fatal: true });
  });

self.onmessage = async ({ data }) => {
  const { id, type, ...args } = data ?? {};
  if (type === 'cancel') {
    cancelled.add(args.target);
    return;
  }
  await started;
  const handler = handlers[type];
  try {
    if (!engine) throw new Error('The engine is not running.');
    if (!handler) throw new Error(`Unknown request "${type}".`);
    const value = await handler(args, id);
    const transfer = value?.fit ? [value.fit.buffer, value.interest.buffer] : [];
    self.postMessage({ type: 'result', id, value }, transfer);
  } catch (err) {
    self.postMessage({
      type: 'error', id, message: err.message ?? String(err), fatal: Boolean(err.fatal), cancelled: Boolean(err.cancelled),
    });
  }
};
