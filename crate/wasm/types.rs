//! TypeScript declarations of the plain objects the binding returns. They mirror the serde
//! shapes of `ingest::LoadSummary` and `score::Results`; a browser test deserialises what JS
//! receives back into the Rust types to keep the two in step.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type ProblemKind = "encoding" | "header" | "short-row" | "broken-row" | "type-mismatch" | "note";
export interface Diagnostic {
  kind: ProblemKind; line: number; column: string | null; value: string | null; message: string;
}
export interface ProblemCount { kind: ProblemKind; label: string; count: number; }
export interface ColumnInfo {
  name: string; kind: "number" | "date" | "bool" | "range" | "text";
  field: string | null; confidence: number | null; distinct: number; note: string | null;
}
export interface SourceFormat {
  kind: "csv" | "xlsx" | "json"; encoding: string | null;
  delimiter: "comma" | "semicolon" | "tab" | "pipe" | null; repairedMojibake: boolean;
  sheet: string | null; sheets: string[]; bytes: number;
}
export interface LoadSummary {
  rows: number; columns: ColumnInfo[]; format: SourceFormat; skippedRows: number;
  diagnostics: Diagnostic[]; problems: ProblemCount[]; diagnosticsTotal: number;
}
export interface Line { fit: number; interest: number; }
export interface Thresholds { mql: Line; sql: Line; }
export interface Matrix {
  fitGrades: string[]; interestGrades: string[];
  counts: number[][]; won: number[][]; closed: number[][]; winRate: (number | null)[][];
}
export interface OutcomeSummary {
  column: string; won: number; lost: number; open: number; mqlWon: number; mqlLost: number;
  wonCaptured: number | null; mqlWinRate: number | null; baseWinRate: number | null;
}
export interface RuleStat {
  id: string; axis: "fit" | "interest"; group: string; field: string;
  column: string | null; matched: number;
}
export interface Results {
  leads: number; mqls: number; sqls: number; mqlRate: number | null; sqlRate: number | null;
  thresholds: Thresholds; matrix: Matrix;
  distribution: { fit: number[]; interest: number[] };
  outcome: OutcomeSummary | null; rules: RuleStat[]; warnings: string[];
  activities: ActivitySummary | null;
}
export interface ActivitySummary {
  events: number; matched: number; unmatched: number; unmatchedExamples: string[];
  joinedOn: "lead_id" | "email"; keyColumn: string; typeColumn: string | null;
  timeColumn: string | null; detailColumn: string | null; withoutTime: number;
  byType: { kind: string; events: number }[];
}
"#;
