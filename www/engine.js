// The one module that imports the generated wasm-bindgen glue. It owns init(), free() and the
// re-wrapping of errors, so that the worker (and, later, embedders) never touch ./pkg directly.
import init, { Workbench, defaultAgreement, version, sampleCsv, rehearse, presets, presetJson, fields, diffAgreements, __forcePanic } from './pkg/accord.js';

/** An engine error: `message` says what and where; `fatal` means the instance must be dropped. */
export class EngineError extends Error {
  constructor(message, { fatal = false, cause } = {}) {
    super(message, { cause });
    this.name = 'EngineError';
    this.fatal = fatal;
  }
}

// A Rust panic surfaces as a WebAssembly RuntimeError ("unreachable"); after it the instance
// is poisoned, so the caller must start a fresh one.
function wrap(err) {
  if (err instanceof EngineError) return err;
  if (err instanceof WebAssembly.RuntimeError) {
    return new EngineError(`The engine stopped unexpectedly (${err.message}).`, { fatal: true, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new EngineError(message, { cause: err });
}

function guard(fn) {
  try {
    return fn();
  } catch (err) {
    throw wrap(err);
  }
}

/** A loaded engine: a Workbench plus the stateless functions. */
export class Engine {
  #wb;
  constructor(wb) {
    this.#wb = wb;
  }

  /** Start the engine; `wasmUrl` overrides where the .wasm file is fetched from. */
  static async create(wasmUrl) {
    await init(wasmUrl ? { module_or_path: wasmUrl } : undefined);
    return new Engine(new Workbench());
  }

  static version() {
    return version();
  }

  static defaultAgreement() {
    return defaultAgreement();
  }

  /** The starting agreements: [{ id, name, nameFr }]. */
  static presets() {
    return presets();
  }

  /** The canonical fields a column can be mapped to (e.g. "job_title"), in display order. */
  static fields() {
    return fields();
  }

  /** The JSON text of a starting agreement. */
  static presetJson(id) {
    return presetJson(id) ?? null;
  }

  /**
   * The differences from agreement `a` to agreement `b` (JSON texts), in words:
   * [{ path, text }]. Throws an EngineError starting with "a:" or "b:" and the JSON path when
   * one is not a valid agreement. `lang`: "en" or "fr".
   */
  static diffAgreements(a, b, lang) {
    return guard(() => diffAgreements(a, b, lang ?? 'en'));
  }

  /** Panic inside the engine, for the tests of what follows one (the worker's `__panic`). */
  static forcePanic() {
    return guard(() => __forcePanic());
  }

  /**
   * Read a generated export of `rows` leads as a large file is read, then drop it, so that the
   * engine's code is optimised before a person's file comes (see the helper worker). Returns
   * the MQL count.
   */
  static rehearse(rows) {
    return guard(() => rehearse(rows, Date.now()));
  }

  /** The built-in sample export as CSV text (`rows` leads, deterministic for `seed`). */
  static sampleCsv(rows, seed) {
    return sampleCsv(rows, seed);
  }

  loadCsv(text) {
    return guard(() => this.#wb.loadCsv(text));
  }

  /** Load a whole export given as bytes (Uint8Array); `name` helps tell the format. */
  loadBytes(bytes, name) {
    return guard(() => this.#wb.loadBytes(bytes, name ?? undefined));
  }

  /** Streamed load: beginLoad, pushChunk per chunk, then finishLoad (or cancelLoad). */
  beginLoad(name, sheet) {
    return guard(() => this.#wb.beginLoad(name ?? undefined, sheet ?? undefined));
  }

  /** The size in bytes of the file the streamed load reads (sizes the table once). */
  expectBytes(size) {
    return guard(() => this.#wb.expectBytes(size));
  }

  pushChunk(bytes) {
    return guard(() => this.#wb.pushChunk(bytes));
  }

  beginActivities(name, sheet) {
    return guard(() => this.#wb.beginActivities(name ?? undefined, sheet ?? undefined));
  }

  finishActivities() {
    return guard(() => this.#wb.finishActivities());
  }

  finishLoad() {
    return guard(() => this.#wb.finishLoad());
  }

  /**
   * A streamed load as part `index` of `count` engines reading the same file, each typing its
   * share of the columns: beginPart, pushChunk per chunk, finishPart (→ columns still to come),
   * then adoptPiece per piece of the others and finishLoad (part 0), or nextPiece until null
   * (a helper). `locale` is part 0's agreement locale.
   */
  beginPart(name, sheet, index, count, locale) {
    return guard(() => this.#wb.beginPart(name ?? undefined, sheet ?? undefined, index, count, locale ?? undefined));
  }

  finishPart() {
    return guard(() => this.#wb.finishPart());
  }

  /** A helper's next piece of its columns (Uint8Array), or null when all are out. */
  nextPiece() {
    return guard(() => this.#wb.nextPiece() ?? null);
  }

  adoptPiece(bytes) {
    return guard(() => this.#wb.adoptPiece(bytes));
  }

  /** The agreement's locale (a helper reads with part 0's). */
  get locale() {
    return JSON.parse(this.agreementJson()).locale ?? 'en';
  }

  cancelLoad() {
    return guard(() => this.#wb.cancelLoad());
  }

  /** Rows read so far by the streamed load. */
  get pendingRows() {
    return this.#wb.pendingRows;
  }

  /** Bytes of WebAssembly memory the engine holds. */
  get memoryBytes() {
    return this.#wb.memoryBytes;
  }

  loadSample(rows, seed) {
    return guard(() => this.#wb.loadSample(rows, seed));
  }

  /** @param {string} json the agreement document */
  setAgreement(json) {
    return guard(() => this.#wb.setAgreement(json));
  }

  /** Why lead `row` (0-based) scored what it did. */
  explain(row) {
    return guard(() => this.#wb.explain(row));
  }

  /** Stages, follow-up, recycling and tracks of all leads (a pass over the leads). */
  lifecycle() {
    return guard(() => this.#wb.lifecycle());
  }

  /** The goal against the data: reverse funnel, pacing, capacity. */
  goals() {
    return guard(() => this.#wb.goals());
  }

  /** Every KPI with funnels by cohort, source and grade. */
  kpis() {
    return guard(() => this.#wb.kpis());
  }

  /** Two periods of lead creation side by side ("YYYY-MM-DD" bounds). */
  review(aStart, aEnd, bStart, bEnd) {
    return guard(() => this.#wb.review(aStart, aEnd, bStart, bEnd));
  }

  leadLifecycle(row) {
    return guard(() => this.#wb.leadLifecycle(row));
  }

  /** The SLA document (the seven parts with the current figures) in "en" or "fr". */
  slaDocument(lang) {
    return guard(() => this.#wb.slaDocument(lang ?? 'en'));
  }

  /**
   * A page of the leads table: `{ offset, limit, sort, desc, stages, grades, tracks, statuses,
   * sla, text }`, all optional. Throws an EngineError naming a field the engine cannot use.
   */
  leads(query) {
    return guard(() => this.#wb.leads(query ?? undefined));
  }

  /** Lead `row`'s cells as the export wrote them: [header, text][], or null. */
  leadRecord(row) {
    return guard(() => this.#wb.leadRecord(row));
  }

  /** Rows start..start+count of the scored export as CSV text (the header first when start is 0). */
  scoredCsvChunk(start, count) {
    return guard(() => this.#wb.scoredCsvChunk(start, count));
  }

  /** The handoff sheet as CSV text. */
  handoffCsv() {
    return guard(() => this.#wb.handoffCsv());
  }

  /** Pin the current agreement; `whatIf()` then compares with it. */
  pin() {
    return guard(() => this.#wb.pin());
  }

  unpin() {
    return guard(() => this.#wb.unpin());
  }

  whatIf() {
    return guard(() => this.#wb.whatIf());
  }

  /** Today for date rules when the agreement has no as_of (ms since 1970). */
  setToday(millis) {
    return guard(() => this.#wb.setToday(millis));
  }

  /** What the last setAgreement migrated from an older version. */
  migrationNotes() {
    return guard(() => this.#wb.migrationNotes());
  }

  agreementJson() {
    return guard(() => this.#wb.agreementJson());
  }

  summary() {
    return guard(() => this.#wb.summary());
  }

  results() {
    return guard(() => this.#wb.results());
  }

  /** The agreement measured against the outcomes (AUCs, MQL rule, gains, grades, calibration), or null. */
  evaluation() {
    return guard(() => this.#wb.evaluation());
  }

  /** Every MQL line's volume and wins captured, as the Pareto frontier, or null. */
  thresholdCurve() {
    return guard(() => this.#wb.thresholdCurve());
  }

  /** The lines that meet `{ mqlsPerMonth }`, `{ precision }` or `{ recall }`, or null when none does. */
  suggestThresholds(target) {
    return guard(() => this.#wb.suggestThresholds(target));
  }

  /**
   * Fitting weights, in steps: fitBegin(options) (`{ holdout, split, seed, l2, candidates,
   * exclude }`, all optional; returns the closed leads in the fit), fitStep(passes) until it
   * returns 1, then fitResult(); fitCancel() drops the fit.
   */
  fitBegin(options) {
    return guard(() => this.#wb.fitBegin(options ?? undefined));
  }

  fitStep(passes) {
    return guard(() => this.#wb.fitStep(passes ?? 1));
  }

  fitResult() {
    return guard(() => this.#wb.fitResult());
  }

  fitCancel() {
    return guard(() => this.#wb.fitCancel());
  }

  /** Fit and interest per lead as Float32Arrays (copies, safe to transfer). */
  scores() {
    return guard(() => ({ fit: this.#wb.fitScores(), interest: this.#wb.interestScores() }));
  }

  get rows() {
    return this.#wb.rows;
  }

  /** Milliseconds the engine spent on the last successful load or agreement change. */
  get lastMs() {
    return this.#wb.lastMs;
  }

  free() {
    this.#wb?.free();
    this.#wb = null;
  }
}
