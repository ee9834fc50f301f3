// The page's side of the worker: requests as promises. When the engine dies (a panic poisons
// its instance), the worker is replaced and the caller's `onRestart` re-sends its state.

export class EngineClient {
  #worker = null;
  #pending = new Map();
  #next = 1;
  #ready = null;

  /** @param {{ onRestart?: () => void }} options */
  constructor({ onRestart } = {}) {
    this.onRestart = onRestart;
    this.version = null;
    this.defaultAgreement = null;
    this.#start();
  }

  #start() {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.#worker = worker;
    this.#ready = new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'ready') {
          this.version = data.version;
          this.defaultAgreement = data.agreement;
          resolve();
          return;
        }
        if (data.id === null && data.type === 'error') {
          reject(new Error(data.message));
          return;
        }
        const p = this.#pending.get(data.id);
        if (!p) return;
        this.#pending.delete(data.id);
        if (data.type === 'result') p.resolve(data.value);
        else {
          const err = new Error(data.message);
          err.fatal = data.fatal;
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
    this.#start();
    this.#ready.then(() => this.onRestart?.());
  }

  /** Resolves once the engine is loaded. */
  ready() {
    return this.#ready;
  }

  /** Send a request; resolves with its value or rejects with an Error whose message says why. */
  async request(type, args = {}) {
    await this.#ready;
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, type, ...args });
    });
  }
}
