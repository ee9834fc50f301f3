// The page's side of the worker: requests as promises. When the engine dies (a panic poisons
// its instance) or stops answering (the watchdog), the worker is replaced and the caller's
// `onRestart` re-sends its state. The page and the embedding API (accord.js) share it.

/**
 * The limits, each overridable per client (`limits` option) or, for tests, by a global
 * `accordLimits` set before the page boots:
 * - `loadMs`: how long a load, an export or a fit may go without a progress message (60 s: a
 *   million-row file reports progress ten times a second, and even its final typing pass takes
 *   a few seconds);
 * - `requestMs`: how long the engine may stay silent on any other request (20 s: the slowest, a
 *   pass over a million leads, takes a few seconds);
 * - `maxFileBytes`: the largest file loaded (1 GiB). The engine's WebAssembly memory is at
 *   most 4 GiB; the table takes about 1.5 times the CSV and the load needs room for its
 *   working buffers on top, so 1 GiB is the most that loads with a margin.
 */
export const LIMITS = Object.freeze({ loadMs: 60_000, requestMs: 20_000, maxFileBytes: 2 ** 30 });
/** Requests that report progress as they go, or that read a whole table. */
const LONG = new Set(['loadFile', 'loadSample', 'loadCsv', 'exportScored', 'fitWeights']);

/** "1.5 GB", "800 MB", "12 KB": the size in a message the client writes (in English). */
function size(n) {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1).replace(/\.0$/, '')} GB`;
  if (n >= 2 ** 20) return `${Math.round(n / 2 ** 20)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

export class EngineClient {
  #worker = null;
  #pending = new Map();
  #next = 1;
  #ready = null;
  #limits;
  #watchdog = null;
  #quietSince = 0;
  #restoring = false;

  #workerUrl;

  /**
   * @param {{ onRestart?: (info: { reason: 'panic' | 'timeout', operation: string | null,
   * seconds: number | null, duringRestore: boolean }) => unknown, workerUrl?: string | URL,
   * limits?: object }} options
   * `workerUrl`: where worker.js is served, when this module is bundled away from it (default:
   * beside this file); `limits`: see LIMITS.
   */
  constructor({ onRestart, workerUrl, limits } = {}) {
    this.onRestart = onRestart;
    this.#workerUrl = workerUrl ?? new URL('./worker.js', import.meta.url);
    this.#limits = { ...LIMITS, ...(globalThis.accordLimits ?? {}), ...(limits ?? {}) };
    this.version = null;
    this.defaultAgreement = null;
    this.#spawn();
  }

  /** The limits in force: `{ loadMs, requestMs, maxFileBytes }`. */
  get limits() {
    return { ...this.#limits };
  }

  // The watchdog: the clock starts when a request is sent to an idle worker and again at every
  // message from the worker; it fires when the worker has said nothing for longer than the most
  // patient pending request allows. More requests sent to a silent worker do not reset it.
  #arm(heard = false) {
    clearTimeout(this.#watchdog);
    this.#watchdog = null;
    if (heard) this.#quietSince = performance.now();
    if (this.#pending.size === 0) return;
    let wait = 0;
    for (const p of this.#pending.values()) wait = Math.max(wait, LONG.has(p.type) ? this.#limits.loadMs : this.#limits.requestMs);
    const left = Math.max(0, this.#quietSince + wait - performance.now());
    this.#watchdog = setTimeout(() => this.#stuck(wait), left);
  }

  #stuck(wait) {
    // The oldest request is the one the worker is busy with.
    const [id, p] = this.#pending.entries().next().value ?? [];
    if (id === undefined) return;
    this.#pending.delete(id);
    const seconds = Math.round(wait / 1000);
    const err = new Error(`The engine made no progress on "${p.type}" for ${seconds} s and was stopped: `
      + `the data may be too big or the agreement too heavy for this browser. It was restarted with the agreement and data from before.`);
    Object.assign(err, { code: 'timeout', operation: p.type, seconds });
    p.reject(err);
    this.#restart({ reason: 'timeout', operation: p.type, seconds });
  }

  #spawn() {
    const worker = new Worker(this.#workerUrl, { type: 'module' });
    this.#worker = worker;
    this.#ready = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'ready') {
          this.version = data.version;
          this.defaultAgreement = data.agreement;
          this.presets = data.presets ?? [];
          this.fields = data.fields ?? [];
          resolve();
          return;
        }
        if (data.id === null && data.type === 'error') {
          reject(new Error(data.message));
          return;
        }
        const p = this.#pending.get(data.id);
        // Any word from the worker shows it is alive.
        this.#arm(true);
        if (!p) return;
        if (data.type === 'progress') {
          p.onProgress?.(data);
          return;
        }
        this.#pending.delete(data.id);
        this.#arm();
        if (data.type === 'result') p.resolve(data.value);
        else {
          const err = new Error(data.message);
          err.fatal = data.fatal;
          err.cancelled = data.cancelled;
          p.reject(err);
          if (data.fatal) this.#restart({ reason: 'panic', operation: p.type });
        }
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        reject(new Error(`The engine worker failed: ${e.message ?? 'unknown error'}`));
      };
    });
  }

  // `duringRestore`: the engine stopped again while it was being given the state back (the data
  // itself may be what stops it); the caller should then not send the same data again.
  #restart({ reason, operation, seconds = null }) {
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(Object.assign(new Error('The engine was restarted.'), { restarted: true }));
    this.#pending.clear();
    this.#arm();
    this.#spawn();
    const info = { reason, operation: operation ?? null, seconds, duringRestore: this.#restoring };
    this.#ready.then(async () => {
      this.#restoring = true;
      try {
        await this.onRestart?.(info);
      } finally {
        this.#restoring = false;
      }
    }).catch(() => {});
  }

  /** Resolves once the engine is loaded. */
  ready() {
    return this.#ready;
  }

  /** Send a request; resolves with its value or rejects with an Error whose message says why. */
  request(type, args = {}) {
    return this.start(type, args).done;
  }

  /**
   * Send a request that reports progress: returns `{ id, done }`, where `done` is the promise of
   * its value; `onProgress({ done, total, rows })` is called as it goes, and `cancel(id)` stops it.
   */
  start(type, args = {}, onProgress) {
    if ('id' in args || 'type' in args) throw new Error('request arguments may not be called "id" or "type"');
    const id = this.#next++;
    const file = type === 'loadFile' ? args.file : null;
    if (file && file.size > this.#limits.maxFileBytes) {
      // Refused before a byte is read: the data and agreement in the engine stay.
      const err = new Error(`${file.name ? `${file.name} is` : 'The file is'} ${size(file.size)}; Accord reads files of up to `
        + `${size(this.#limits.maxFileBytes)} in a browser (the engine's memory holds about twice that). `
        + 'Export fewer rows or columns, or score it with the accord command line.');
      Object.assign(err, { code: 'tooLarge', size: file.size, limit: this.#limits.maxFileBytes });
      const done = Promise.reject(err);
      return { id, done };
    }
    const done = this.#ready.then(() => new Promise((resolve, reject) => {
      const idle = this.#pending.size === 0;
      this.#pending.set(id, { resolve, reject, onProgress, type });
      this.#arm(idle);
      this.#worker.postMessage({ id, type, ...args });
    }));
    return { id, done };
  }

  /** Stop the worker for good: pending requests reject, later ones never start. */
  terminate() {
    clearTimeout(this.#watchdog);
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('The engine was stopped.'));
    this.#pending.clear();
    this.#ready = Promise.reject(new Error('The engine was stopped.'));
    this.#ready.catch(() => {});
  }

  /** Ask the worker to stop request `id` (a file load); it then rejects with `cancelled` set. */
  cancel(id) {
    this.#worker.postMessage({ type: 'cancel', target: id });
  }
}
