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
export interface Thresholds {
  mode: "axes" | "combined"; mql: Line; sql: Line;
  combined?: { weights: Line; mql: number; sql: number };
}
export interface Matrix {
  fitGrades: string[]; interestGrades: string[];
  counts: number[][]; won: number[][]; closed: number[][]; winRate: (number | null)[][];
}
export interface OutcomeSummary {
  column: string; won: number; lost: number; open: number; mqlWon: number; mqlLost: number;
  disqualifiedWon: number;
  wonCaptured: number | null; mqlWinRate: number | null; baseWinRate: number | null; lift: number | null;
}
export interface RuleStat {
  id: string; axis: "fit" | "interest"; group: string; field: string;
  column: string | null; matched: number; missing: string[];
}
export interface ReasonCount { id: string; reason: string | null; leads: number; }
export interface StatusSummary { count: number; byRule: ReasonCount[]; }
export interface Preset { id: string; name: string; nameFr: string; }
export interface RuleExplanation {
  id: string; condition: string; field: string | null; column: string | null; value: string | null;
  matched: boolean; units: number | null; points: number; note: string | null;
}
export interface GroupExplanation { name: string; cap: number | null; total: number; counted: number; rules: RuleExplanation[]; }
export interface AxisExplanation { raw: number; score: number; grade: string; groups: GroupExplanation[]; }
export interface Explanation {
  row: number; fit: AxisExplanation; interest: AxisExplanation; combined: number | null;
  mql: boolean; sql: boolean;
  disqualified: { id: string; reason: string | null } | null;
  fastTrack: { id: string; reason: string | null } | null;
  values: { column: string; field: string | null; value: string }[];
}
export type Sla = "met" | "missed" | "overdue" | "pending" | "not_handed_over" | "not_available";
export interface LeadLifecycle {
  actualStage: string | null; actualLabel: string | null; agreementStage: string;
  handedAt: number | null; firstTouchAt: number | null; deadline: number | null; speedHours: number | null;
  sla: Sla; attempts: number | null; nextAttemptDue: number | null; recycled: string | null;
  track: string | null; trackBy: "override" | "recycle" | "rule" | null; noTrack: string | null; needs: string[];
}
export interface StageCount { stage: string; name: string; leads: number; }
export interface LifecycleSummary {
  actual: StageCount[] | null; agreement: StageCount[]; unmappedLabels: [string, number][];
  followUp: {
    handedOver: number | null; touched: number | null; withinSla: number | null; missedSla: number | null;
    slaRate: number | null; overdueNow: number | null; pending: number | null;
    medianSpeedHours: number | null; p90SpeedHours: number | null; meanAttempts: number | null;
    recycled: number | null; recycledByReason: [string, number][]; notAvailable: string[];
  };
  tracks: { track: string; leads: number; overridden: number }[]; untracked: number; handoffLeads: number;
}
export interface Rates {
  visitor_to_lead?: number; lead_to_mql?: number; mql_to_sal?: number; sal_to_sql?: number;
  sql_to_opportunity?: number; opportunity_to_won?: number; sql_to_won?: number;
}
export interface GoalsReport {
  funnel: {
    revenueTarget: number; averageDealSize: number; dealSizeSource: string; months: number;
    steps: { stage: string; needed: number | null; perMonth: number | null; rateToNext: number | null; rateSource: string | null }[];
    missing: string[];
  } | null;
  pacing: { elapsed: number; actual: number; plannedToDate: number; projected: number | null; onTrack: boolean | null } | null;
  capacity: { capacityPerMonth: number; mqlsPerMonth: number; gap: number } | null;
  measuredRates: Rates; measuredDealSize: number | null;
}
export interface WilsonRate { hits: number; of: number; rate: number | null; low: number | null; high: number | null; }
export interface FunnelRow {
  key: string; leads: number; mqls: number; sqls: number; opportunities: number; won: number;
  leadToMql: WilsonRate; mqlToSql: WilsonRate; sqlToWon: WilsonRate; leadToWon: WilsonRate;
}
export interface Kpi {
  id: string; name: string; definition: string; unit: "rate" | "hours" | "days" | "count" | "ratio";
  value: number | null; rate: WilsonRate | null; target: number | null; met: boolean | null; notAvailable: string | null;
}
export interface KpiReport {
  overall: FunnelRow; byCohort: FunnelRow[]; bySource: FunnelRow[]; byFitGrade: FunnelRow[];
  velocity: { from: string; to: string; leads: number; medianDays: number | null; p90Days: number | null }[];
  kpis: Kpi[]; attemptsDistribution: number[];
}
export interface Review {
  a: [number, number]; b: [number, number]; leads: [number, number];
  rows: { id: string; name: string; unit: string; a: number | null; b: number | null; change: number | null }[];
}
export interface LeadChange { row: number; label: string; fitBefore: number; fitAfter: number; interestBefore: number; interestAfter: number; }
export interface WhatIf {
  mqlsBefore: number; mqlsAfter: number; mqlsChange: number; becameMql: number; stoppedMql: number;
  sqlsBefore: number; sqlsAfter: number; rescored: number;
  cells: { fitGrade: string; interestGrade: string; became: number; stopped: number }[];
  became: LeadChange[]; stopped: LeadChange[];
}
export interface Results {
  leads: number; mqls: number; sqls: number; mqlRate: number | null; sqlRate: number | null;
  thresholds: Thresholds; disqualified: StatusSummary; fastTracked: StatusSummary; matrix: Matrix;
  distribution: { fit: number[]; interest: number[]; combined: number[] | null };
  outcome: OutcomeSummary | null; rules: RuleStat[]; warnings: string[];
  activities: ActivitySummary | null;
}
export interface Change { path: string; text: string; }
export type SlaBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][] }
  | { kind: "figures"; items: { label: string; value: string; note?: string }[] };
export interface SlaPart {
  number: number; id: "goals" | "definitions" | "qualification" | "handoff" | "nurture" | "follow_up" | "kpis";
  title: string; blocks: SlaBlock[];
}
export interface SlaDoc { title: string; subtitle: string; asOf: string | null; parts: SlaPart[]; }
export interface ActivitySummary {
  events: number; matched: number; unmatched: number; unmatchedExamples: string[];
  joinedOn: "lead_id" | "email"; keyColumn: string; typeColumn: string | null;
  timeColumn: string | null; detailColumn: string | null; withoutTime: number;
  byType: { kind: string; events: number }[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_LEADS: &'static str = r#"
export type LeadSortKey = "row" | "name" | "company" | "fit" | "interest" | "grade" | "status" | "stage" | "track" | "sla";
export type LeadStatus = "disqualified" | "lead" | "mql" | "fast_track" | "sql";
export interface LeadQuery {
  offset?: number; limit?: number; sort?: LeadSortKey; desc?: boolean;
  stages?: string[]; grades?: string[]; tracks?: string[]; statuses?: LeadStatus[]; sla?: Sla[]; text?: string;
}
export interface LeadRow {
  row: number; name: string | null; email: string | null; company: string | null; title: string | null;
  fit: number; interest: number; grade: string; status: LeadStatus; stage: string; exportStage: string | null;
  track: string | null; sla: Sla; reason: string | null;
}
export interface LeadPage {
  total: number; all: number; offset: number; rows: LeadRow[];
  options: { stages: string[]; tracks: string[]; fitGrades: string[]; interestGrades: string[] };
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_LEARN: &'static str = r#"
export interface Auc { value: number | null; won: number; lost: number; }
export interface GradeRate { grade: string; rate: WilsonRate; }
export interface Evaluation {
  column: string; won: number; lost: number; open: number; disqualified: WilsonRate;
  combinedIs: "mean" | "weighted"; baseRate: WilsonRate;
  auc: { fit: Auc; interest: Auc; combined: Auc };
  mql: { truePos: number; falsePos: number; falseNeg: number; trueNeg: number;
         precision: WilsonRate; recall: WilsonRate; f1: number | null };
  gains: { decile: number; minScore: number | null; maxScore: number | null; rate: WilsonRate;
           cumulativeWonShare: number | null; lift: number | null }[];
  byFitGrade: GradeRate[]; byInterestGrade: GradeRate[]; byCell: GradeRate[];
  calibration: { from: number; to: number; rate: WilsonRate }[];
}
export interface CurvePoint {
  fit: number | null; interest: number | null; combined: number | null; mqls: number;
  mqlsPerMonth: number | null; won: number; lost: number; precision: number | null; recall: number | null;
}
export interface Curve {
  mode: "axes" | "combined"; months: number | null; perMonthNote: string | null; won: number;
  points: CurvePoint[]; current: CurvePoint;
}
export type Target = { mqlsPerMonth: number } | { precision: number } | { recall: number };
export interface Suggestion { target: Target; point: CurvePoint; current: CurvePoint; }
export interface FitOptions {
  holdout?: number; split?: "random" | "time"; seed?: number; l2?: number; candidates?: boolean; exclude?: string[];
}
export interface FitResult {
  features: { id: string; axis: "fit" | "interest"; candidate: boolean; description: string;
              coefficient: number; stdError: number; matched: number; points: number | null }[];
  intercept: number; l2: number; passes: number; converged: boolean; split: "random" | "time";
  train: { leads: number; won: number }; holdout: { leads: number; won: number };
  auc: { model: number | null; current: number | null; suggested: number | null };
  mqls: { current: number; suggested: number }; suggestedAgreement: string;
  flags: { id: string; axis: "fit" | "interest"; kind: "rare" | "no_effect" | "wrong_way"; text: string }[];
  notes: string[];
}
"#;
