// The page's side of the worker: requests as promises. When the engine dies (a panic poisons
// its instance), the worker is replaced and the caller's `onRestart` re-sends its state.

export class EngineClient {
  #worker = null;
  #pending = new Map();
  #next = 1;
  #ready = null;

  #workerUrl;

  /**
   * @param {{ onRestart?: () => void, workerUrl?: string | URL }} options `workerUrl`: where
   * worker.js is served, when this module is bundled away from it (default: beside this file).
   */
  constructor({ onRestart, workerUrl } = {}) {
    this.onRestart = onRestart;
    this.#workerUrl = workerUrl ?? new URL('./worker.js', import.meta.url);
    this.version = null;
    this.defaultAgreement = null;
    this.#spawn();
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
        if (!p) return;
        if (data.type === 'progress') {
          p.onProgress?.(data);
          return;
        }
        this.#pending.delete(data.id);
        if (data.type === 'result') p.resolve(data.value);
        else {
          const err = new Error(data.message);
          err.fatal = data.fatal;
          err.cancelled = data.cancelled;
          p.reject(err);
          if (data.fatal) this.#restart();
        }
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        reject(new Error(`The engine worker failed: ${e.message ?? 'unknown error'}`));
      };
    });
  }

  #restart() {
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('The engine was restarted.'));
    this.#pending.clear();
    this.#spawn();
    this.#ready.then(() => this.onRestart?.());
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
    const done = this.#ready.then(() => new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, type, ...args });
    }));
    return { id, done };
  }

  /** Stop the worker for good: pending requests reject, later ones never start. */
  terminate() {
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
