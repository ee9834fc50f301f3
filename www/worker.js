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

/**
 * Files at least this large are read by two workers at once, one per core (see loadInParts).
 * Measured in Chromium (both workers' code optimised): a 22 MB file 157 → 122 ms, 11 MB 92 →
 * 81 ms; a 2 MB file took as long either way (24 and 26 ms).
 */
const PARTS_BYTES = 8 << 20;
/** This worker's URL parameters (`helper`, `rehearse`: set by the worker that starts a helper). */
const PARAMS = new URL(self.location.href).searchParams;
/** Whether this worker is a helper (started by another worker to read a share of a file). */
const IS_HELPER = PARAMS.has('helper');
/** Whether this worker only reads files for the worker that started it (no engine: see readFor). */
const IS_READER = PARAMS.has('reader');
/**
 * Leads in the rehearsal a helper runs before it says it is ready (`rehearse` in its URL: the
 * first helper of a worker). WebAssembly code starts unoptimised and is optimised once it has
 * run for a while, for every worker running the module; a generated file of this size read in
 * two parts is enough for the code a large file runs through (1,000,000 leads read first
 * after the page opened: about 2.0–2.3 s without it, 1.5–1.8 s with it). It takes 75–160 ms
 * on the helper's core, and 10 MB of its memory until it ends after the first large file.
 */
const REHEARSAL_ROWS = 20_000;
const REHEARSE = IS_HELPER && PARAMS.has('rehearse');
/**
 * This worker's own rehearsal (`warmUp`, which the page asks for once its first screen is
 * shown), once: `{mqls, ms}` or `{error}`. The helper's rehearsal does not make this worker
 * fast: in Chromium a 22 MB file read first after the page opened took
 * 211–282 ms in a worker that had not rehearsed, and 157–183 ms in one that had.
 */
let warmed = null;
/**
 * Times `warmUp` rehearses. The browser optimises a WebAssembly function while it runs, but
 * the optimised code is only used from the function's next call (there is no switch in the
 * middle of a call), and a load calls its longest functions (reading every row, typing every
 * column) once: the second pass is the one that runs them optimised, and the next file with
 * them. Measured in Chromium, a 22 MB file read first in a fresh browser after the warm-up:
 * 132–181 ms (median 149–165) after one pass, 129–142 (median 134–136) after two (four fresh
 * browsers each, twice); two passes take 115–175 ms instead of 60–135, at idle.
 */
const WARM_UP_PASSES = 2;
/** Loads in progress (a `warmUp` asked meanwhile would hold up the file and lay its memory out worse). */
let loading = 0;

/** Push `bytes` into `engine`'s load a piece (1 MiB) at a time. */
function pushInPieces(engine, bytes) {
  for (let at = 0; at < bytes.byteLength; at += PIECE) {
    engine.pushChunk(bytes.subarray(at, Math.min(at + PIECE, bytes.byteLength)));
  }
}

/** `bytes` in a buffer of its own, to be moved to another worker (copied when a view of part of one). */
function owned(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * A stream's chunks pushed into `engine`'s load in pieces of exactly PIECE bytes (the last may
 * be shorter), whatever the chunks' sizes (Chromium's are 64 KiB to 2 MiB, and after the first
 * few rarely fall on a piece's bounds): each whole piece straight from its chunk, and only the
 * bytes of a piece that spans two chunks copied, into one buffer used again (`flush` pushes the
 * last). Pieces of one size keep the engine's memory from being strewn with copies of varying
 * sizes between the table's growing columns (1M leads: 113 against 105 MB). Gathering every
 * chunk into fresh pieces, as before, took about 100 ms of the worker's reading of 1M leads.
 */
function piecesInto(engine) {
  const held = new Uint8Array(PIECE);
  let fill = 0;
  const add = (bytes) => {
    let at = 0;
    if (fill > 0) {
      at = Math.min(PIECE - fill, bytes.byteLength);
      held.set(bytes.subarray(0, at), fill);
      fill += at;
      if (fill < PIECE) return;
      engine.pushChunk(held);
      fill = 0;
    }
    for (; bytes.byteLength - at >= PIECE; at += PIECE) engine.pushChunk(bytes.subarray(at, at + PIECE));
    if (at < bytes.byteLength) {
      held.set(bytes.subarray(at));
      fill = bytes.byteLength - at;
    }
  };
  const flush = () => {
    if (fill > 0) engine.pushChunk(held.subarray(0, fill));
    fill = 0;
  };
  return { add, flush };
}

/**
 * Chunks gathered into fresh buffers of 1 MiB (to be moved to another worker), each given to
 * `emit` when full (`flush` gives the last); a chunk of a piece or more, coming when none is
 * being gathered, is given as it is.
 */
function gatherer(emit) {
  let piece = null;
  let fill = 0;
  const flush = () => {
    if (fill > 0) emit(piece.subarray(0, fill));
    piece = null;
    fill = 0;
  };
  const add = (bytes) => {
    if (fill === 0 && bytes.byteLength >= PIECE) {
      emit(bytes);
      return;
    }
    for (let at = 0; at < bytes.byteLength; ) {
      piece ??= new Uint8Array(PIECE);
      const n = Math.min(PIECE - fill, bytes.byteLength - at);
      piece.set(bytes.subarray(at, at + n), fill);
      fill += n;
      at += n;
      if (fill === PIECE) flush();
    }
  };
  return { add, flush };
}

/** Progress of request `id` over `total` bytes: posted at most every PROGRESS_EVERY ms, or now with `force`. */
function progressOf(id, total) {
  let last = 0;
  return (done, force = false) => {
    const now = performance.now();
    if (!force && now - last <= PROGRESS_EVERY) return;
    last = now;
    self.postMessage({ type: 'progress', id, done, total, rows: engine.pendingRows });
  };
}

/**
 * A read that failed midway: the half-read table is dropped now, not at the next load (a
 * poisoned engine is replaced anyway).
 */
function abandonLoad(err) {
  if (err.fatal) return;
  try {
    engine.cancelLoad();
  } catch {
    // nothing in progress
  }
}

/**
 * Stream `file` into the load the engine has begun, in 1 MiB pieces, with progress messages;
 * throws (and abandons the load) when request `id` is cancelled or the engine refuses a piece.
 * With `forward`, each chunk, once pushed, is handed on (moved, in a buffer of its own).
 */
async function stream(file, id, forward = null) {
  if (typeof file.size === 'number') engine.expectBytes(file.size);
  const reader = file.stream().getReader();
  // 1 MiB pieces: fewer calls, and the engine's memory is not strewn with small buffers
  // between the table's growing columns (1M leads: 230 → 201 MB of WebAssembly memory).
  const pieces = piecesInto(engine);
  const progress = progressOf(id, file.size);
  let done = 0;
  try {
    for (;;) {
      const { value, done: end } = await reader.read();
      stopIfCancelled(id);
      if (end) break;
      pieces.add(value);
      // The engine has copied the chunk (or `pieces` holds its end): it can be moved.
      if (forward) forward(owned(value));
      done += value.byteLength;
      progress(done);
    }
    pieces.flush();
    progress(done, true);
  } catch (err) {
    reader.cancel().catch(() => {});
    abandonLoad(err);
    throw err;
  }
}

/** Pieces the reader may have sent for this worker and not yet seen taken. */
const READ_AHEAD = 8;

/**
 * Stream `file` into the load the engine has begun, as `stream` does, but read by the reader
 * worker `h`, which posts the pieces over (moved, not copied) as it reads them. A `File` is
 * read on the thread that asked for it, and only while that thread is free: read here, the
 * file waits while the engine works on each piece and the engine waits while the next one
 * comes (a 22 MB file: 35–40 ms of a 250 ms load). Read on the other core, the next pieces
 * are there when the engine is done with one. (Not for a file read in two parts: see
 * loadInParts.) Returns false, with the load abandoned, when the reader stopped midway (the
 * caller reads the file itself).
 */
async function readThrough(h, file, id) {
  if (typeof file.size === 'number') engine.expectBytes(file.size);
  const queue = [];
  let wake = null;
  // Pieces of an earlier read given up midway may still come: only this read's are taken.
  const seq = (h.reads = (h.reads ?? 0) + 1);
  h.onPiece = (piece) => {
    if (piece.seq !== seq && !piece.failed) return;
    queue.push(piece);
    wake?.();
  };
  h.worker.postMessage({ type: 'readFor', file, seq });
  const progress = progressOf(id, file.size);
  let done = 0;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise((resolve) => { wake = resolve; });
      wake = null;
      const piece = queue.shift();
      if (piece.failed) {
        engine.cancelLoad();
        return false;
      }
      // The file itself could not be read: as `stream` says it.
      if (piece.error) throw new Error(piece.error);
      if (piece.end) break;
      // Taken: the reader may read another ahead while the engine works on this one.
      h.worker.postMessage({ type: 'readTaken' });
      const n = piece.bytes.byteLength;
      pushInPieces(engine, piece.bytes);
      stopIfCancelled(id);
      done += n;
      progress(done);
    }
    progress(done, true);
    return true;
  } catch (err) {
    h.worker.postMessage({ type: 'readStop' });
    abandonLoad(err);
    throw err;
  } finally {
    h.onPiece = null;
  }
}

/** In a reader: the file being read for the worker that started it ({ stopped, ahead, wake }). */
let reading = null;

/**
 * In a reader: read `file` for the worker that started it, in pieces of about 1 MiB (Chromium's
 * chunks of 2 MiB as they come), each posted over as `{ type: 'piece', bytes }`, then `{ end }`
 * or `{ error }`; at most READ_AHEAD pieces ahead of what it has taken (`readTaken`).
 */
async function readFor(file, seq) {
  const r = { stopped: false, ahead: 0, wake: null, sent: 0 };
  reading = r;
  const send = (bytes) => {
    const own = owned(bytes);
    self.postMessage({ type: 'piece', seq, bytes: own }, [own.buffer]);
    r.ahead++;
    if (failNextRead) {
      failNextRead = false;
      r.stopped = true;
      self.postMessage({ type: 'error', id: null, message: 'The reader was told to stop (a test).' });
    }
  };
  const pieces = gatherer(send);
  const source = file.stream().getReader();
  try {
    for (;;) {
      while (r.ahead >= READ_AHEAD && !r.stopped) await new Promise((resolve) => { r.wake = resolve; });
      if (r.stopped) {
        source.cancel().catch(() => {});
        return;
      }
      const { value, done } = await source.read();
      if (done) break;
      // The first chunks as they come (the engine waits for them), then 1 MiB pieces.
      if (r.sent < 4) {
        r.sent++;
        send(value);
      } else {
        pieces.add(value);
      }
    }
    pieces.flush();
    self.postMessage({ type: 'piece', seq, end: true });
  } catch (err) {
    self.postMessage({ type: 'piece', seq, error: err.message ?? String(err) });
  } finally {
    if (reading === r) reading = null;
  }
}

/**
 * Throws (and abandons the load) when request `id` has been cancelled. Checked after each
 * piece of the file and after every wait that follows the reading, so that a Cancel that
 * comes once the file is read, before the table is made, still keeps the previous data.
 */
function stopIfCancelled(id) {
  if (!cancelled.has(id)) return;
  engine.cancelLoad();
  const err = new Error('The load was cancelled; the previous data is still loaded.');
  err.cancelled = true;
  throw err;
}

/** Lets the messages that came meanwhile (a Cancel) be handled. */
const messagesIn = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The helper worker for the next large file: started ahead (its engine takes a moment to
 * start), used for one file, then ended, which gives its memory back; a fresh one is started
 * for the next. None in a helper, nor where there is a single core or no nested workers.
 */
let helper = null;
/** In a helper: why the file part 0 is sending could not be read (told at `partEnd`). */
let helperFailure = null;
/** In a helper: the pieces of the file part 0 is sending, pushed as they come (see piecesInto). */
let partPieces = null;
/** In a helper: the next part fails (`__failNextPart`, for the page tests). */
let failNext = false;

/**
 * The reader worker: this module without an engine, started with the engine and kept, which
 * reads each file for this worker on another thread (see readThrough). None in a helper or a
 * reader, nor where there is a single core or no nested workers.
 */
let reader = null;
/** In a reader: it stops after the first piece of the next file it reads (`__failNextRead`). */
let failNextRead = false;

function startHelper({ rehearse = false } = {}) {
  const h = spawn('helper', rehearse);
  if (h) helper = h;
}

function startReader() {
  const r = spawn('reader');
  if (r) reader = r;
}

/** The reader worker, when it is up and has not failed. */
function usableReader() {
  return reader?.isReady && !reader.failed ? reader : null;
}

/** End reader `r`, which stopped midway, and start a fresh one for the next file. */
function replaceReader(r) {
  r.worker.terminate();
  if (reader === r) startReader();
}

/** A worker of this module, as a `helper` (with an engine) or a `reader` (without). */
function spawn(kind, rehearse = false) {
  if (IS_HELPER || IS_READER || typeof Worker === 'undefined' || (self.navigator?.hardwareConcurrency ?? 2) < 2) return null;
  const url = new URL(import.meta.url);
  url.searchParams.set(kind, '1');
  if (rehearse) url.searchParams.set('rehearse', '1');
  let worker;
  try {
    worker = new Worker(url, { type: 'module' });
  } catch {
    return null;
  }
  const pending = new Map();
  let started;
  const ready = new Promise((resolve, reject) => {
    started = { resolve, reject };
  });
  ready.catch(() => {});
  const fail = (message) => {
    const err = new Error(`The ${kind} worker stopped: ${message}`);
    h.failed = err;
    started.reject(err);
    for (const { reject } of pending.values()) reject(err);
    pending.clear();
    h.onPiece?.({ failed: err.message });
  };
  worker.onmessage = ({ data }) => {
    if (data?.type === 'piece') h.onPiece?.(data);
    else if (data?.type === 'ready') {
      h.isReady = true;
      h.rehearsal = data.rehearsal ?? null;
      started.resolve();
    }
    else if (data?.type === 'result') pending.get(data.id)?.resolve(data.value);
    else if (data?.type === 'error') {
      if (data.id === null) fail(data.message);
      else pending.get(data.id)?.reject(new Error(data.message));
    }
    if (data?.type === 'result' || data?.type === 'error') pending.delete(data.id);
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail(e.message || 'it could not start');
  };
  let next = 0;
  const h = {
    worker,
    /** While a reader reads a file for this worker (`readThrough`): what to do with each piece. */
    onPiece: null,
    /** Whether its engine has started (a file is shared with it only then, not waited for). */
    isReady: false,
    /** Why it stopped, if it did. */
    failed: null,
    /** Its rehearsal before it was ready ({ mqls, ms } or { error }), if it ran one. */
    rehearsal: null,
    ready,
    /**
     * Ask the helper for `type` with `args`: its answer, or a rejection if it fails. Posted at
     * once when the helper is ready (not after the caller's next await: the caller may go on
     * with a long computation meanwhile).
     */
    request(type, args) {
      const post = () => {
        if (h.failed) return Promise.reject(h.failed);
        const id = next++;
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, type, ...args });
        });
      };
      return h.isReady ? post() : ready.then(post);
    },
  };
  return h;
}

/**
 * Read a large file in two workers at once, one per core. This worker reads the file and
 * hands every piece on to the helper (the file is read once); both engines read every row,
 * and each builds and types its own share of the columns (the engine picks them from the
 * first rows, the same in both). The helper's columns then come back as bytes and are taken
 * in: the table, its problems and every figure are what one engine makes of the file. Throws
 * with `retry` set when the helper failed or its columns did not fit, so that the caller
 * reads the file alone.
 */
async function loadInParts(file, sheet, id) {
  const h = helper;
  helper = null;
  const name = file.name ?? null;
  const retry = (err) => Object.assign(new Error(err.message), { retry: true });
  const begun = h.request('partBegin', { name, sheet: sheet ?? null, index: 1, count: 2, locale: engine.locale, size: file.size });
  begun.catch(() => {});
  try {
    const t0 = performance.now();
    engine.beginPart(name, sheet ?? null, 0, 2, null);
    // Read here, not by the reader worker: with both cores busy with an engine, a third
    // thread reading took as much from the engines as it saved in waits (1M leads: 1,267 and
    // 1,408 ms against 1,274 and 1,276 read here).
    await stream(file, id, (bytes) => h.worker.postMessage({ type: 'partChunk', bytes }, [bytes.buffer]));
    // Asked now, so that the helper types its columns while this engine types its own.
    const share = h.request('partEnd', {});
    share.catch(() => {});
    const parts = { count: 2, readBy: 'self', ownMs: 0, waitMs: 0, adoptMs: 0, helperBytes: 0, helperMemoryBytes: 0 };
    if (engine.finishPart() > 0) {
      const t1 = performance.now();
      let got;
      try {
        await begun;
        got = await share;
      } catch (err) {
        throw retry(err);
      }
      const t2 = performance.now();
      stopIfCancelled(id);
      const { pieces } = got;
      let summary;
      try {
        for (let i = 0; i < pieces.length; i++) {
          engine.adoptPiece(pieces[i]);
          pieces[i] = null; // let go of each piece once it is in
        }
        // Refused when a column never came; the file, read again alone, says what is wrong
        // with it, if anything.
        summary = engine.finishLoad();
      } catch (err) {
        if (err.fatal) throw err;
        throw retry(err);
      }
      Object.assign(parts, {
        ownMs: t1 - t0, waitMs: t2 - t1, adoptMs: performance.now() - t2, helperBytes: got.bytes,
        helperMemoryBytes: got.memoryBytes,
      });
      return { ...loaded(summary), parts };
    }
    // Read by this engine alone after all (a workbook or JSON, which is read whole).
    parts.count = 1;
    return { ...loaded(engine.finishLoad()), parts };
  } finally {
    h.worker.terminate();
    startHelper();
  }
}

const handlers = {
  loadSample: ({ rows, seed }) => loaded(engine.loadSample(rows, seed)),
  loadCsv: ({ text }) => loaded(engine.loadCsv(text)),
  // A File (or Blob) streamed in chunks: memory grows with the table, not with the file.
  // `target: 'activities'` reads an events file and joins it to the loaded leads.
  // `parts`: false reads the file in this worker alone; true in two whenever a helper worker
  // is up; by default, in two when the file is large (PARTS_BYTES).
  loadFile: async ({ file, sheet, target, parts, reader: readIn }, id) => {
    loading++;
    try {
      const activities = target === 'activities';
      const inParts = parts ?? file.size >= PARTS_BYTES;
      if (!activities && inParts && helper?.isReady) {
        try {
          return await loadInParts(file, sheet, id);
        } catch (err) {
          // The helper failed, or its columns did not fit: the file is read again, alone.
          if (!err.retry) throw err;
        }
      }
      const begin = () => {
        if (activities) engine.beginActivities(file.name ?? null, sheet ?? null);
        else engine.beginLoad(file.name ?? null, sheet ?? null);
      };
      // Read by the reader worker (`reader: 'self'` reads it here), or here when there is none
      // or it stops midway.
      begin();
      const r = readIn === 'self' ? null : usableReader();
      let readBy = 'self';
      if (r && (await readThrough(r, file, id))) readBy = 'reader';
      else {
        if (r) {
          // It stopped midway: a fresh one for the next file, and this one read here.
          replaceReader(r);
          begin();
        }
        await stream(file, id);
      }
      await messagesIn();
      stopIfCancelled(id);
      if (activities) {
        const summary = engine.finishActivities();
        return { activities: summary, results: engine.results(), elapsedMs: engine.lastMs };
      }
      return { ...loaded(engine.finishLoad()), parts: { count: 1, readBy } };
    } finally {
      loading--;
      cancelled.delete(id);
    }
  },
  // In a helper worker: this part's share of the columns of a file whose bytes part 0 sends
  // (`partChunk` messages, answered by none, so that the file is read once), then its columns,
  // read and typed, as pieces of bytes for part 0's engine (transferred, not copied).
  partBegin: ({ name, sheet, index, count, locale, size }) => {
    helperFailure = failNext ? helperFailure : null;
    failNext = false;
    engine.beginPart(name, sheet, index, count, locale);
    if (typeof size === 'number') engine.expectBytes(size);
    partPieces = piecesInto(engine);
    return {};
  },
  partEnd: () => {
    if (helperFailure) throw helperFailure;
    partPieces?.flush();
    partPieces = null;
    engine.finishPart();
    const pieces = [];
    for (let p = engine.nextPiece(); p; p = engine.nextPiece()) pieces.push(p);
    return { pieces, bytes: pieces.reduce((n, p) => n + p.byteLength, 0), memoryBytes: engine.memoryBytes };
  },
  // For the page tests only: the helper worker fails its next part, so that the next large
  // file is read again by this worker alone.
  __breakHelper: async () => {
    await helper?.request('__failNextPart', {});
    return { helper: Boolean(helper) };
  },
  // The reader stops (as a worker that failed) after the first piece of the next file it
  // reads for this worker, which then reads that file itself.
  __breakReader: async () => {
    await reader?.request('__failNextRead', {});
    return { reader: Boolean(reader) };
  },
  __failNextPart: () => {
    helperFailure = new Error('The helper was told to fail (a test).');
    failNext = true;
    return {};
  },

  // Resolves once the helper worker for large files and the reader worker have started (or
  // there are none): the benchmark asks before timing a load, as a person's file comes well
  // after the page opened.
  helperReady: async () => {
    // At most 10 s: a helper that neither starts nor fails must not hold the caller.
    const up = Promise.all([helper?.ready.catch(() => {}), reader?.ready.catch(() => {})]);
    await Promise.race([up, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    return { helper: Boolean(helper?.isReady), reader: Boolean(reader?.isReady), rehearsal: helper?.rehearsal ?? null };
  },
  // The engine's code optimised ahead of a person's first large file (see `warmed`): the
  // same rehearsal as the helper's, run in this worker WARM_UP_PASSES times, on the first
  // call only; the data loaded stays as it is.
  warmUp: () => {
    // Not while a file is read: that file is held up for nothing (its own reading optimises
    // the code as much), and a later call still rehearses.
    if (!warmed && loading > 0) return { skipped: 'a file is being read' };
    if (!warmed) {
      const t = performance.now();
      try {
        let mqls = 0;
        for (let pass = 0; pass < WARM_UP_PASSES; pass++) mqls = Engine.rehearse(REHEARSAL_ROWS);
        warmed = { mqls, ms: performance.now() - t };
      } catch (err) {
        if (err.fatal) throw err;
        warmed = { error: err.message };
      }
    }
    return warmed;
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

// A reader has no engine: it only reads files for the worker that started it.
const started = IS_READER ? Promise.resolve().then(() => self.postMessage({ type: 'ready' })) : Engine.create()
  .then((e) => {
    engine = e;
    // The engine never reads a clock: date rules use the agreement's as_of, else today.
    engine.setToday(Date.now());
    // The first helper rehearses; the next ones find the engine's code optimised already.
    startHelper({ rehearse: true });
    startReader();
    let rehearsal = null;
    if (REHEARSE) {
      const t = performance.now();
      try {
        rehearsal = { mqls: Engine.rehearse(REHEARSAL_ROWS), ms: performance.now() - t };
      } catch (err) {
        // Only a loss of speed: the helper still reads its parts.
        rehearsal = { error: err.message };
      }
    }
    self.postMessage({ type: 'ready', rehearsal, version: Engine.version(), agreement: Engine.defaultAgreement(), presets: Engine.presets(), fields: Engine.fields() });
  })
  .catch((err) => {
    self.postMessage({ type: 'error', id: null, message: `The engine could not start: ${err.message}`, fatal: true });
  });

self.onmessage = async ({ data }) => {
  const { id, type, ...args } = data ?? {};
  // A helper's share of a file, sent by part 0 as it reads it: no answer (a refusal is given
  // at `partEnd`).
  if (type === 'partChunk') {
    await started;
    if (!helperFailure && partPieces) {
      try {
        partPieces.add(args.bytes);
      } catch (err) {
        helperFailure = err;
      }
    }
    return;
  }
  if (type === 'cancel') {
    cancelled.add(args.target);
    return;
  }
  // Reading a file for the worker that started this reader (see readThrough).
  if (type === 'readFor') {
    readFor(args.file, args.seq);
    return;
  }
  if (type === 'readTaken' || type === 'readStop') {
    if (reading) {
      if (type === 'readStop') reading.stopped = true;
      else reading.ahead--;
      reading.wake?.();
      reading.wake = null;
    }
    return;
  }
  if (IS_READER) {
    // For the page tests only: the next file read stops after its first piece.
    if (type === '__failNextRead') failNextRead = true;
    self.postMessage(type === '__failNextRead'
      ? { type: 'result', id, value: {} }
      : { type: 'error', id, message: `A reader worker does not answer "${type}".` });
    return;
  }
  await started;
  const handler = handlers[type];
  try {
    if (!engine) throw new Error('The engine is not running.');
    if (!handler) throw new Error(`Unknown request "${type}".`);
    const value = await handler(args, id);
    const transfer = value?.fit
      ? [value.fit.buffer, value.interest.buffer]
      : value?.pieces ? value.pieces.map((p) => p.buffer) : [];
    self.postMessage({ type: 'result', id, value }, transfer);
  } catch (err) {
    self.postMessage({
      type: 'error', id, message: err.message ?? String(err), fatal: Boolean(err.fatal), cancelled: Boolean(err.cancelled),
    });
  }
};
