// The public ES module for embedding Accord: one `Accord` instance per engine worker, with
// promises for loading data, setting the agreement and reading results, and `subscribe` for
// every change. It only forwards to the worker and hands back what the engine answers: no
// figure is computed here. Declarations: accord.d.ts.
import { EngineClient } from './client.js';

/** The built-in sample's defaults (the page's and the CLI's). */
const SAMPLE = { rows: 5000, seed: 42 };

let defaultBase = new URL('./', import.meta.url);

/**
 * Where the package's files (worker.js, engine.js, pkg/, ui/, index.html) are served. Needed
 * only when this module is bundled: a bundle's own URL is not the package's folder.
 */
export function configure({ base } = {}) {
  if (base !== undefined) defaultBase = new URL(base, globalThis.location?.href);
}

/** The folder the package's files are served from (see `configure`). */
export function packageBase() {
  return new URL(defaultBase.href);
}

/** The last path segment of a URL, as a file name for the engine (which reads .xlsx by it). */
function fileName(url) {
  const last = new URL(url, globalThis.location?.href).pathname.split('/').pop();
  return last ? decodeURIComponent(last) : 'data';
}

function abortError(signal) {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The load was aborted.', 'AbortError');
}

export class Accord {
  #client;
  #agreement = null;
  #source = null;
  #listeners = new Set();
  #lang;

  constructor(client, lang) {
    this.#client = client;
    this.#lang = lang;
  }

  /**
   * Start an engine in its own worker. `agreement`: an agreement object (or JSON text) to start
   * from instead of the default; `workerUrl` or `base`: where worker.js is served, for bundles;
   * `lang`: the default language of `sla()`; `limits`: `{ loadMs, requestMs, maxFileBytes }`,
   * the watchdog's patience and the largest file (see the README, "Limits").
   */
  static async create({ agreement, workerUrl, base, lang = 'en', limits } = {}) {
    const url = workerUrl ?? new URL('worker.js', base ? new URL(base, globalThis.location?.href) : defaultBase);
    let instance;
    const client = new EngineClient({ workerUrl: url, limits, onRestart: (info) => instance.#restore(info) });
    instance = new Accord(client, lang);
    await client.ready();
    instance.#agreement = JSON.parse(client.defaultAgreement);
    if (agreement !== undefined && agreement !== null) await instance.setAgreement(agreement);
    return instance;
  }

  /** The engine's version. */
  get version() {
    return this.#client.version;
  }

  /** The agreement in force, as the engine holds it (checked and migrated); a copy. */
  get agreement() {
    return structuredClone(this.#agreement);
  }

  /** The agreement the engine starts with. */
  get defaultAgreement() {
    return JSON.parse(this.#client.defaultAgreement);
  }

  /** Call `fn(event)` after every change; returns the function that stops it. */
  subscribe(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(event) {
    for (const fn of this.#listeners) {
      try {
        fn(event);
      } catch (err) {
        // A listener's mistake must not stop the others or the caller's promise.
        queueMicrotask(() => { throw err; });
      }
    }
  }

  // Every request that can fail tells the subscribers too, then rejects.
  async #do(during, work) {
    try {
      return await work();
    } catch (err) {
      this.#emit({ type: 'error', during, error: err });
      throw err;
    }
  }

  #loaded(value, source) {
    this.#source = source;
    const { summary, results, elapsedMs, memoryBytes, parts } = value;
    this.#emit({ type: 'data', summary, results });
    return { summary, results, elapsedMs, memoryBytes, workers: parts?.count ?? 1 };
  }

  /** Load the built-in sample: `rows` leads (5,000) made from `seed` (42). */
  loadSample({ rows = SAMPLE.rows, seed = SAMPLE.seed } = {}) {
    return this.#do('loadSample', async () =>
      this.#loaded(await this.#client.request('loadSample', { rows, seed }), { kind: 'sample', rows, seed }));
  }

  /** Load a CSV export given as text. */
  loadCsv(text) {
    return this.#do('loadCsv', async () =>
      this.#loaded(await this.#client.request('loadCsv', { text: String(text) }), { kind: 'csv', text: String(text) }));
  }

  /**
   * Load a File or Blob (CSV in any encoding, .xlsx, JSON), streamed into the engine.
   * `onProgress({ done, total, rows })`; `signal` (an AbortSignal) cancels it, keeping the
   * previous data; `sheet` picks an .xlsx sheet (name or 1-based number); `parts`: false reads
   * the file in one worker, true in two (one per core) even when it is small; by default, a
   * file of 8 MiB or more is read in two.
   */
  loadFile(file, options = {}) {
    return this.#do('loadFile', () => this.#loadFile(file, options));
  }

  async #loadFile(file, { onProgress, signal, sheet = null, parts } = {}) {
    if (!(file instanceof Blob)) throw new TypeError('loadFile needs a File or a Blob.');
    signal?.throwIfAborted();
    const progress = onProgress && (({ done: bytes, total, rows }) => onProgress({ done: bytes, total, rows }));
    const { id, done } = this.#client.start('loadFile', { file, sheet, ...(parts === undefined ? {} : { parts: Boolean(parts) }) }, progress);
    const abort = () => this.#client.cancel(id);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return this.#loaded(await done, { kind: 'file', file, sheet });
    } catch (err) {
      if (signal?.aborted) throw abortError(signal);
      throw err;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /**
   * Fetch `url` (same origin, or one that allows it) and load it as loadFile does. Progress
   * comes as `{ phase: 'download', done, total }` (total null when the server does not say), then
   * `{ phase: 'read', done, total, rows }` as the engine reads it.
   */
  loadUrl(url, { onProgress, signal, sheet = null } = {}) {
    return this.#do('loadUrl', async () => {
      const href = new URL(url, globalThis.location?.href).href;
      const res = await fetch(href, { signal, credentials: 'same-origin' });
      if (!res.ok) {
        // `status` lets a caller say it in its own words (the summary element does, in French).
        throw Object.assign(new Error(`${url}: the server answered ${res.status} ${res.statusText}`.trim()),
          { status: res.status, statusText: res.statusText });
      }
      const total = Number(res.headers.get('content-length')) || null;
      const chunks = [];
      let done = 0;
      const reader = res.body.getReader();
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        chunks.push(value);
        done += value.byteLength;
        onProgress?.({ phase: 'download', done, total });
      }
      const file = new File(chunks, fileName(href), { type: res.headers.get('content-type') ?? '' });
      return this.#loadFile(file, { signal, sheet, onProgress: onProgress && ((p) => onProgress({ phase: 'read', done: p.done, total: p.total, rows: p.rows })) });
    });
  }

  /**
   * Put an agreement (object or JSON text) in force. The engine checks and migrates it; a
   * refused one rejects with an Error whose message names the JSON path and why, and changes
   * nothing.
   */
  setAgreement(agreement) {
    return this.#do('setAgreement', async () => {
      const json = typeof agreement === 'string' ? agreement : JSON.stringify(agreement);
      const value = await this.#client.request('adopt', { json });
      this.#agreement = JSON.parse(value.agreement);
      const { results, notes, elapsedMs } = value;
      this.#emit({ type: 'agreement', agreement: this.agreement, notes, results });
      return { agreement: this.agreement, notes, results, elapsedMs };
    });
  }

  /** The results of the agreement on the data: counts, thresholds, matrix, distributions… */
  async results() {
    return (await this.#client.request('results')).results;
  }

  /** The lifecycle figures: stages, follow-up SLA, nurture tracks; goals; KPIs with targets. */
  lifecycle() {
    return this.#client.request('lifecycle');
  }

  /** The KPI report (every KPI with its target, funnels by cohort, source and grade). */
  async kpis() {
    return (await this.#client.request('lifecycle')).kpis;
  }

  /** A page of the leads table: filters, sort, offset and limit (see the README). */
  leads(query = {}) {
    return this.#client.request('leads', { query });
  }

  /** Why lead `row` (file order, from 0) scored what it did, and where it is in the lifecycle. */
  explain(row) {
    return this.#client.request('explain', { row });
  }

  /** The SLA document: the seven parts with the current figures, in `lang` ('en' or 'fr'). */
  async sla(lang = this.#lang) {
    return (await this.#client.request('sla', { lang })).doc;
  }

  /**
   * Rehearse a large file's load on 20,000 generated leads (then dropped), twice, so that the
   * next large file runs on optimised code: about 150 ms once, best while nothing else is asked
   * (the page does it after its first screen). Resolves with `{mqls, ms}`, or `{error}` when
   * the rehearsal could not run; later calls answer the same without running it again. Asked
   * while a file is being read, it does not run (`{skipped}`), and a later call still does.
   */
  warmUp() {
    return this.#client.request('warmUp');
  }

  /** Fit and interest of every lead, in row order, as Float32Arrays. */
  scores() {
    return this.#client.request('scores');
  }

  /** Stop the worker; the instance cannot be used afterwards. */
  destroy() {
    this.#listeners.clear();
    this.#client.terminate();
  }

  // After an engine crash or a stop by the watchdog the client starts a fresh worker: give it
  // the agreement and data it last took (not the data it stopped on again while being given it).
  async #restore({ reason, operation, duringRestore } = {}) {
    if (duringRestore) this.#source = null;
    try {
      await this.#client.request('adopt', { json: JSON.stringify(this.#agreement) });
      const s = this.#source;
      let value = null;
      if (s?.kind === 'sample') value = await this.#client.request('loadSample', { rows: s.rows, seed: s.seed });
      else if (s?.kind === 'csv') value = await this.#client.request('loadCsv', { text: s.text });
      else if (s?.kind === 'file') value = await this.#client.request('loadFile', { file: s.file, sheet: s.sheet });
      this.#emit({
        type: 'results', restarted: true, reason, operation, results: value ? value.results : (await this.#client.request('results')).results,
      });
    } catch (err) {
      this.#emit({ type: 'error', during: 'restart', error: err });
    }
  }
}
