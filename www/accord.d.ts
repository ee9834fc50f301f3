// Declarations of the public module accord.js. The result shapes are the engine's own, from the
// generated ./pkg/accord.d.ts; a page test type-checks what each method returns in Chromium
// against these declarations (tests/e2e/embed.test.mjs).
import type {
  ColumnInfo, Explanation, GoalsReport, KpiReport, LeadLifecycle, LeadPage, LeadQuery,
  LifecycleSummary, LoadSummary, Results, SlaDoc,
} from './pkg/accord.js';

export type {
  ColumnInfo, Explanation, GoalsReport, KpiReport, LeadLifecycle, LeadPage, LeadQuery,
  LifecycleSummary, LoadSummary, Results, SlaDoc,
} from './pkg/accord.js';

/** The agreement document (see the README's "The agreement"); the engine checks it. */
export interface Agreement {
  version: number;
  name: string;
  [part: string]: unknown;
}

export interface CreateOptions {
  /** An agreement (object or JSON text) to start from instead of the default. */
  agreement?: Agreement | string | null;
  /** Where worker.js is served (for bundles); default: beside accord.js. */
  workerUrl?: string | URL;
  /** The package's folder, where worker.js is looked for (for bundles). */
  base?: string | URL;
  /** The default language of `sla()`. */
  lang?: 'en' | 'fr';
  /**
   * The watchdog's patience (ms without a word from the engine: `loadMs` for loads, exports
   * and fits, 60,000; `requestMs` for the rest, 20,000) and the largest file (`maxFileBytes`,
   * 1 GiB). A stuck engine is stopped, the request rejects with `code: 'timeout'`, and a fresh
   * one gets the agreement and data back; a larger file rejects with `code: 'tooLarge'`.
   */
  limits?: { loadMs?: number; requestMs?: number; maxFileBytes?: number };
}

/** What a load answers. */
export interface Loaded {
  summary: LoadSummary;
  results: Results;
  /** Engine time of the load, in milliseconds. */
  elapsedMs: number;
  /** WebAssembly memory the engine holds, in bytes. */
  memoryBytes: number;
  /** Workers that read the file (2 for a large file on a machine of several cores), else 1. */
  workers: number;
}

/** What `setAgreement` answers. */
export interface AgreementSet {
  /** The agreement as the engine holds it (migrated when it was older). */
  agreement: Agreement;
  /** What the migration changed, in words (empty when nothing). */
  notes: string[];
  results: Results;
  elapsedMs: number;
}

export interface LifecycleReport {
  lifecycle: LifecycleSummary | null;
  goals: GoalsReport | null;
  kpis: KpiReport | null;
}

export interface LeadDetail {
  explanation: Explanation | null;
  lifecycle: LeadLifecycle | null;
}

export interface Scores {
  fit: Float32Array;
  interest: Float32Array;
}

export interface ReadProgress { done: number; total: number; rows: number }
export type UrlProgress =
  | { phase: 'download'; done: number; total: number | null }
  | { phase: 'read'; done: number; total: number; rows: number };

export interface FileOptions {
  onProgress?: (progress: ReadProgress) => void;
  signal?: AbortSignal;
  /** An .xlsx sheet: its name or 1-based number. */
  sheet?: string | number | null;
  /**
   * false: read in one worker; true: in two (one per core, each building and typing half of
   * the columns) even when small. Default: two for a file of 32 MiB or more.
   */
  parts?: boolean;
}

export interface UrlOptions {
  onProgress?: (progress: UrlProgress) => void;
  signal?: AbortSignal;
  sheet?: string | number | null;
}

/** What subscribers are told after every change. */
export type AccordEvent =
  | { type: 'data'; summary: LoadSummary; results: Results }
  | { type: 'agreement'; agreement: Agreement; notes: string[]; results: Results }
  | { type: 'results'; restarted: boolean; reason?: 'panic' | 'timeout'; operation?: string | null; results: Results }
  | { type: 'error'; during: string; error: Error };

export declare class Accord {
  private constructor();
  /** Start an engine in its own Web Worker. */
  static create(options?: CreateOptions): Promise<Accord>;
  readonly version: string;
  /** The agreement in force (a copy). */
  readonly agreement: Agreement;
  readonly defaultAgreement: Agreement;
  subscribe(listener: (event: AccordEvent) => void): () => void;
  loadSample(options?: { rows?: number; seed?: number }): Promise<Loaded>;
  loadCsv(text: string): Promise<Loaded>;
  loadFile(file: Blob, options?: FileOptions): Promise<Loaded>;
  loadUrl(url: string | URL, options?: UrlOptions): Promise<Loaded>;
  setAgreement(agreement: Agreement | string): Promise<AgreementSet>;
  results(): Promise<Results>;
  lifecycle(): Promise<LifecycleReport>;
  kpis(): Promise<KpiReport | null>;
  leads(query?: LeadQuery): Promise<LeadPage>;
  explain(row: number): Promise<LeadDetail>;
  sla(lang?: 'en' | 'fr'): Promise<SlaDoc>;
  scores(): Promise<Scores>;
  /** A large file's load rehearsed (twice, on generated leads), so that the next runs on optimised code. */
  warmUp(): Promise<{ mqls: number; ms: number } | { error: string } | { skipped: string }>;
  destroy(): void;
}

/** Where the package's files are served, for bundles (default: beside accord.js). */
export declare function configure(options: { base?: string | URL }): void;
/** The folder the package's files are served from. */
export declare function packageBase(): URL;
