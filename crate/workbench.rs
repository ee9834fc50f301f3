//! The engine's stateful handle: loaded data plus agreement, asked questions by the page, the
//! CLI and the tests alike. The wasm binding wraps it without adding decisions.

use crate::activities::{self, Activities, ActivitySummary};
use crate::agreement::{Agreement, AgreementError};
use crate::fields::{self, Mapping};
use crate::ingest::{self, ColumnInfo, Ingest, IngestError, LoadSummary};
use crate::score::cond::Ctx;
use crate::score::explain::Explanation;
use crate::score::whatif::WhatIf;
use crate::score::{Results, Scorer};
use crate::table::{ColumnData, Table};
use crate::text::fold;

/// Outcome values read as won / lost; anything else (empty, "Open", "In progress") is open.
const WON: &[&str] = &[
    "won",
    "closed won",
    "win",
    "customer",
    "converted",
    "1",
    "true",
    "yes",
    "oui",
    "gagne",
    "client",
];
const LOST: &[&str] = &[
    "lost",
    "closed lost",
    "loss",
    "0",
    "false",
    "no",
    "non",
    "perdu",
    "disqualified",
    "unqualified",
];

struct Data {
    table: Table,
    mapping: Mapping,
    summary: LoadSummary,
    /// Per lead: 0 open or unknown, 1 won, 2 lost.
    outcome: Vec<u8>,
    outcome_column: Option<String>,
    /// The events file joined to these leads.
    activities: Option<(Activities, ActivitySummary)>,
}

/// What a streamed load is reading.
enum Pending {
    Leads(Ingest),
    Activities(Ingest),
    /// This part's columns read and typed, the others' being adopted (see `ingest::parts`).
    Parts(ingest::parts::Partial),
    /// A helper's columns, handed over a piece at a time.
    Pieces(ingest::parts::Pieces),
}

impl Pending {
    fn ingest(&mut self) -> Option<&mut Ingest> {
        match self {
            Pending::Leads(i) | Pending::Activities(i) => Some(i),
            _ => None,
        }
    }
}

/// Loaded leads and the agreement they are scored under.
pub struct Workbench {
    agreement: Agreement,
    data: Option<Data>,
    scorer: Scorer,
    /// A load in progress (chunks arriving); the current data stays until it finishes.
    pending: Option<Pending>,
    /// The last activities file read, kept to join it again to newly loaded leads.
    events: Option<Table>,
    /// Changes whenever the joined activities change (they feed cached rule matches).
    activities_gen: u64,
    /// Today, as the caller says (the page: the browser's clock; the CLI: the system's).
    today: Option<i64>,
    migration_notes: Vec<String>,
    /// What the leads table keeps between queries; dropped on every re-score.
    pub(crate) leads: crate::leads::Cache,
}

impl Default for Workbench {
    fn default() -> Self {
        Self::new()
    }
}

impl Workbench {
    /// A workbench with the default agreement and no data.
    pub fn new() -> Self {
        Workbench {
            agreement: Agreement::default(),
            data: None,
            scorer: Scorer::default(),
            pending: None,
            events: None,
            activities_gen: 0,
            today: None,
            migration_notes: Vec::new(),
            leads: Default::default(),
        }
    }

    /// Load an export given as text (pasted, or a small file), replacing the data. On error the
    /// current data stays loaded.
    pub fn load_csv(&mut self, text: &str) -> Result<&LoadSummary, IngestError> {
        self.load_bytes(text.as_bytes(), None)
    }

    /// Load an export given whole as bytes (any format Accord reads); `name` is the file name
    /// when there is one.
    pub fn load_bytes(
        &mut self,
        bytes: &[u8],
        name: Option<&str>,
    ) -> Result<&LoadSummary, IngestError> {
        self.begin_load(name, None);
        self.push_chunk(bytes)?;
        self.finish_load()
    }

    /// Start a streamed load; chunks follow with [`push_chunk`](Self::push_chunk). A load
    /// already in progress is dropped.
    pub fn begin_load(&mut self, name: Option<&str>, sheet: Option<&str>) {
        self.pending = Some(Pending::Leads(Ingest::new(
            self.ingest_options(name, sheet),
        )));
    }

    /// Start a streamed load as part `index` of `count` engines reading the same file at once
    /// (see `ingest::parts`). Part 0 then calls [`finish_part`](Self::finish_part), adopts the
    /// others' pieces ([`adopt_piece`](Self::adopt_piece)) and calls
    /// [`finish_load`](Self::finish_load); a helper part calls `finish_part`, then hands its
    /// pieces over ([`next_piece`](Self::next_piece)). `locale` must be part 0's agreement's.
    pub fn begin_part(
        &mut self,
        name: Option<&str>,
        sheet: Option<&str>,
        index: usize,
        count: usize,
        locale: Option<&str>,
    ) {
        let mut opts = self.ingest_options(name, sheet);
        opts.part = Some(crate::table::Part { index, count });
        if let Some(l) = locale {
            opts.locale = l.to_string();
        }
        self.pending = Some(Pending::Leads(Ingest::new(opts)));
    }

    /// The end of this part's input: its columns are read and typed. Returns how many columns
    /// are to come from other parts (none for a helper, whose pieces are then ready).
    pub fn finish_part(&mut self) -> Result<usize, IngestError> {
        let Some(Pending::Leads(ingest)) = self.pending.take() else {
            return Err(IngestError::NotATable {
                reason: "no load of leads in progress.".into(),
            });
        };
        let helper = ingest.part().is_some_and(|p| p.index > 0);
        let partial = ingest.finish_part()?;
        if helper {
            self.pending = Some(Pending::Pieces(partial.into_share().into_pieces()));
            return Ok(0);
        }
        let missing = partial.missing();
        self.pending = Some(Pending::Parts(partial));
        Ok(missing)
    }

    /// How a helper part should read the file of the load in progress (its part 0): the same
    /// name, sheet, locale and size, as part `index` of `count`. `None` when no load is
    /// in progress.
    pub fn helper_options(&self, index: usize) -> Option<ingest::Options> {
        let ingest = match &self.pending {
            Some(Pending::Leads(i)) => i,
            _ => return None,
        };
        let part = ingest.part()?;
        Some(ingest::Options {
            part: Some(crate::table::Part { index, ..part }),
            ..ingest.options().clone()
        })
    }

    /// Take in another part's columns (natively: moved from a thread, not copied). On error the
    /// load is abandoned.
    pub fn adopt_share(&mut self, share: ingest::parts::Share) -> Result<(), IngestError> {
        self.adopt_with(|partial| partial.adopt(share))
    }

    /// Run `adopt` on the part waiting for columns; on error the load is abandoned.
    fn adopt_with(
        &mut self,
        adopt: impl FnOnce(&mut ingest::parts::Partial) -> Result<(), IngestError>,
    ) -> Result<(), IngestError> {
        let Some(Pending::Parts(partial)) = &mut self.pending else {
            return Err(IngestError::Parts(
                "no part of a load is waiting for columns".into(),
            ));
        };
        let out = adopt(partial);
        if out.is_err() {
            self.pending = None;
        }
        out
    }

    /// A helper's next piece of its columns, as bytes; `None` when all are out.
    pub fn next_piece(&mut self) -> Option<Vec<u8>> {
        let Some(Pending::Pieces(pieces)) = &mut self.pending else {
            return None;
        };
        let piece = pieces.next();
        if piece.is_none() {
            self.pending = None;
        }
        piece
    }

    /// Take in a piece of another part's columns. On error the load is abandoned.
    pub fn adopt_piece(&mut self, piece: &[u8]) -> Result<(), IngestError> {
        self.adopt_with(|partial| partial.adopt_piece(piece))
    }

    /// Read a generated sample export of `rows` leads the way a large file is read, then drop
    /// it: in two parts, the helper part's columns handed over as bytes, then typed, mapped,
    /// scored and summed up. Returns the MQL count.
    ///
    /// For the page's helper worker, once, while it waits for a file: a WebAssembly engine's
    /// code is first compiled quickly and optimised only after it has run for a while, and
    /// the optimised code is shared by every worker running the same module. Without a
    /// rehearsal, the first large file a person loads runs partly on the unoptimised code
    /// (1,000,000 leads in Chromium: about 2.0 s instead of 1.75 s).
    pub fn rehearse(rows: usize, today: Option<i64>) -> Result<u64, IngestError> {
        const NAME: Option<&str> = Some("rehearsal.csv");
        let csv = crate::sample::sample_csv(rows, 11);
        let feed = |wb: &mut Workbench| -> Result<(), IngestError> {
            wb.expect_bytes(csv.len() as u64);
            csv.as_bytes()
                .chunks(1 << 18)
                .try_for_each(|c| wb.push_chunk(c))
        };
        let mut helper = Workbench::new();
        helper.begin_part(NAME, None, 1, 2, None);
        feed(&mut helper)?;
        helper.finish_part()?;
        let mut main = Workbench::new();
        main.today = today;
        main.begin_part(NAME, None, 0, 2, None);
        feed(&mut main)?;
        main.finish_part()?;
        while let Some(piece) = helper.next_piece() {
            main.adopt_piece(&piece)?;
        }
        main.finish_load()?;
        Ok(main.results().mqls)
    }

    /// Start a streamed load of an activities file (events per lead); chunks follow with
    /// [`push_chunk`](Self::push_chunk), then [`finish_activities`](Self::finish_activities).
    pub fn begin_activities(&mut self, name: Option<&str>, sheet: Option<&str>) {
        self.pending = Some(Pending::Activities(Ingest::new(
            self.ingest_options(name, sheet),
        )));
    }

    fn ingest_options(&self, name: Option<&str>, sheet: Option<&str>) -> ingest::Options {
        ingest::Options {
            name: name.map(str::to_string),
            locale: self.agreement.locale.clone(),
            sheet: sheet.map(str::to_string),
            size: None,
            part: None,
        }
    }

    /// The size in bytes of the input the streamed load in progress reads, when known (a
    /// file's): the columns are sized once for it instead of growing.
    pub fn expect_bytes(&mut self, size: u64) {
        if let Some(ingest) = self.pending.as_mut().and_then(Pending::ingest) {
            ingest.expect_bytes(size);
        }
    }

    /// Finish a streamed activities load and join it to the leads (which must be loaded).
    pub fn finish_activities(&mut self) -> Result<&ActivitySummary, IngestError> {
        let Some(Pending::Activities(ingest)) = self.pending.take() else {
            return Err(IngestError::Activities(
                "no activities load in progress.".into(),
            ));
        };
        let events = ingest.finish()?.table;
        let Some(data) = self.data.as_mut() else {
            return Err(IngestError::Activities(
                "load the leads before their activities.".into(),
            ));
        };
        let joined = activities::join(&data.table, &data.mapping, &events)
            .map_err(IngestError::Activities)?;
        self.events = Some(events);
        data.activities = Some(joined);
        self.activities_gen += 1;
        self.rescore();
        let summary = self
            .data
            .as_ref()
            .and_then(|d| d.activities.as_ref())
            .map(|(_, s)| s);
        summary.ok_or_else(|| IngestError::Activities("the activities could not be joined.".into()))
    }

    /// Load a whole activities file given as bytes.
    pub fn load_activities_bytes(
        &mut self,
        bytes: &[u8],
        name: Option<&str>,
    ) -> Result<&ActivitySummary, IngestError> {
        self.begin_activities(name, None);
        self.push_chunk(bytes)?;
        self.finish_activities()
    }

    /// The activities joined to the leads, if any.
    pub fn activities(&self) -> Option<&Activities> {
        self.data
            .as_ref()
            .and_then(|d| d.activities.as_ref())
            .map(|(a, _)| a)
    }

    /// The next chunk of a streamed load. On error the load is abandoned (the data stays).
    pub fn push_chunk(&mut self, bytes: &[u8]) -> Result<(), IngestError> {
        let Some(ingest) = self.pending.as_mut().and_then(Pending::ingest) else {
            return Err(IngestError::NotATable {
                reason: "no load in progress: begin a load before sending its data.".into(),
            });
        };
        if let Err(e) = ingest.push(bytes) {
            self.pending = None;
            return Err(e);
        }
        Ok(())
    }

    /// Rows read so far by the load in progress.
    pub fn pending_rows(&self) -> usize {
        match &self.pending {
            Some(Pending::Leads(i) | Pending::Activities(i)) => i.rows(),
            Some(Pending::Parts(p)) => p.rows(),
            _ => 0,
        }
    }

    /// Abandon the load in progress; the current data stays.
    pub fn cancel_load(&mut self) {
        self.pending = None;
    }

    /// Finish a streamed load: type the columns, map them, score, and replace the data.
    pub fn finish_load(&mut self) -> Result<&LoadSummary, IngestError> {
        let loaded = match self.pending.take() {
            Some(Pending::Leads(ingest)) => ingest.finish()?,
            Some(Pending::Parts(partial)) => partial.complete()?,
            _ => {
                return Err(IngestError::NotATable {
                    reason: "no load of leads in progress.".into(),
                })
            }
        };
        let table = loaded.table;
        let detection = fields::detect(&table, &self.agreement.mapping);
        let (outcome, outcome_column) =
            read_outcome(&table, &detection.mapping, &self.agreement.outcome);
        let summary = LoadSummary {
            rows: table.rows,
            columns: column_infos(&table, &detection),
            format: loaded.format,
            skipped_rows: loaded.skipped_rows,
            diagnostics: loaded.diagnostics,
            problems: loaded.problems,
            diagnostics_total: loaded.diagnostics_total,
        };
        self.scorer.reset();
        // The last activities file, joined again to the new leads when it can be.
        let activities = self
            .events
            .as_ref()
            .and_then(|ev| activities::join(&table, &detection.mapping, ev).ok());
        let data = Data {
            table,
            mapping: detection.mapping,
            summary,
            outcome,
            outcome_column,
            activities,
        };
        self.data = Some(data);
        self.activities_gen += 1;
        self.rescore();
        let data = self.data.as_ref().unwrap_or_else(|| unreachable!());
        Ok(&data.summary)
    }

    /// Replace the agreement. Only a change to the rules or the mapping re-scores; moving a
    /// threshold or a grade band is read from the histogram.
    pub fn set_agreement(&mut self, agreement: Agreement) {
        let mapping_changed = agreement.mapping != self.agreement.mapping
            || agreement.outcome != self.agreement.outcome;
        self.agreement = agreement;
        if mapping_changed {
            if let Some(d) = &mut self.data {
                let detection = fields::detect(&d.table, &self.agreement.mapping);
                d.summary.columns = column_infos(&d.table, &detection);
                d.mapping = detection.mapping;
                d.activities = self
                    .events
                    .as_ref()
                    .and_then(|ev| activities::join(&d.table, &d.mapping, ev).ok());
                let (o, c) = read_outcome(&d.table, &d.mapping, &self.agreement.outcome);
                d.outcome = o;
                d.outcome_column = c;
                // The outcome feeds the histogram, so it must be rebuilt.
                self.scorer.reset();
            }
        }
        self.rescore();
    }

    /// Parse, check (and migrate) and set an agreement; on error the current one stays.
    pub fn set_agreement_json(&mut self, json: &str) -> Result<(), AgreementError> {
        let (a, notes) = Agreement::parse(json)?;
        self.set_agreement(a);
        self.migration_notes = notes;
        Ok(())
    }

    /// What the last [`set_agreement_json`](Self::set_agreement_json) migrated.
    pub fn migration_notes(&self) -> &[String] {
        &self.migration_notes
    }

    /// The current agreement.
    pub fn agreement(&self) -> &Agreement {
        &self.agreement
    }

    /// What the last successful load produced.
    pub fn summary(&self) -> Option<&LoadSummary> {
        self.data.as_ref().map(|d| &d.summary)
    }

    /// Number of leads loaded.
    pub fn rows(&self) -> usize {
        self.data.as_ref().map_or(0, |d| d.table.rows)
    }

    /// Every figure for the current data and agreement.
    pub fn results(&self) -> Results {
        let col = self.data.as_ref().and_then(|d| d.outcome_column.as_deref());
        let mut r = self.scorer.results(&self.agreement.qualification, col);
        r.warnings.extend(self.agreement.warnings());
        if self.as_of().is_none() && uses_dates(&self.agreement) {
            r.warnings.push("Date rules and decay need a date: set the agreement's as_of (none is set, and no clock was given).".into());
        }
        r.activities = self
            .data
            .as_ref()
            .and_then(|d| d.activities.as_ref())
            .map(|(_, s)| s.clone());
        r
    }

    /// Fit score per lead, in row order.
    pub fn fit_scores(&self) -> &crate::score::Scores {
        self.scorer.fit()
    }

    /// Interest score per lead, in row order.
    pub fn interest_scores(&self) -> &crate::score::Scores {
        self.scorer.interest()
    }

    /// The scorer, for benchmarks and tests that look at caching.
    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    fn rescore(&mut self) {
        // Every change of data, agreement or today passes here: the leads table's cached
        // order and lifecycle facts may no longer hold.
        self.leads = Default::default();
        let as_of = self.as_of();
        if let Some(d) = &self.data {
            let ctx = Ctx {
                table: &d.table,
                mapping: &d.mapping,
                activities: d.activities.as_ref().map(|(a, _)| a),
                as_of,
            };
            self.scorer.update(
                &ctx,
                self.activities_gen,
                &d.outcome,
                &self.agreement.qualification,
            );
        }
    }

    /// Score everything again from nothing (every rule evaluated again; the indexes derived from
    /// the data alone, such as e-mail domains, are kept): what a new agreement costs. For
    /// benchmarks.
    pub fn rescore_from_scratch(&mut self) {
        self.scorer.forget_rules();
        self.rescore();
    }

    /// "Today" for date rules and decay: the agreement's `as_of`, else the clock the caller set.
    pub fn as_of(&self) -> Option<i64> {
        self.agreement.as_of_secs().or(self.today)
    }

    /// Tell the engine today's date and time (seconds since 1970 UTC), used when the agreement
    /// has no `as_of`. The engine never reads a clock itself.
    pub fn set_today(&mut self, secs: i64) {
        self.today = Some(secs);
        self.rescore();
    }

    /// Why lead `row` (0-based, in file order) scored what it did.
    pub fn explain(&self, row: usize) -> Option<Explanation> {
        let d = self.data.as_ref()?;
        let ctx = Ctx {
            table: &d.table,
            mapping: &d.mapping,
            activities: d.activities.as_ref().map(|(a, _)| a),
            as_of: self.as_of(),
        };
        self.scorer
            .explain(&ctx, &self.agreement.qualification, row)
    }

    /// Pin the current agreement and scores, to compare changes against.
    pub fn pin(&mut self) {
        self.scorer.pin(&self.agreement.qualification);
    }

    /// Drop the pinned agreement.
    pub fn unpin(&mut self) {
        self.scorer.unpin();
    }

    /// Leads that became or stopped being MQLs since [`pin`](Self::pin); `None` when nothing
    /// is pinned.
    pub fn what_if(&self) -> Option<WhatIf> {
        let d = self.data.as_ref()?;
        self.scorer
            .what_if(&d.table, &d.mapping, &self.agreement.qualification)
    }

    /// The loaded table and its field mapping.
    pub(crate) fn table_and_mapping(&self) -> Option<(&Table, &Mapping)> {
        self.data.as_ref().map(|d| (&d.table, &d.mapping))
    }

    pub(crate) fn lifecycle_of(&self) -> Option<crate::lifecycle::Lifecycle<'_>> {
        let d = self.data.as_ref()?;
        Some(crate::lifecycle::Lifecycle::new(crate::lifecycle::Inputs {
            table: &d.table,
            mapping: &d.mapping,
            agreement: &self.agreement,
            fit: self.scorer.fit(),
            interest: self.scorer.interest(),
            status: self.scorer.status(),
            as_of: self.as_of(),
        }))
    }

    /// Every lead's stage (in the export and under the agreement), follow-up against the SLA,
    /// recycling and nurture track, summed up. A pass over the leads: ask for it when needed,
    /// not on every slider move.
    pub fn lifecycle(&self) -> Option<crate::lifecycle::LifecycleSummary> {
        self.lifecycle_of().map(|l| l.summary())
    }

    /// One lead's lifecycle.
    pub fn lead_lifecycle(&self, row: usize) -> Option<crate::lifecycle::LeadLifecycle> {
        (row < self.rows())
            .then(|| self.lifecycle_of().map(|l| l.lead(row)))
            .flatten()
    }

    /// The handoff sheet as CSV (formula cells neutralised), or an empty text without data.
    pub fn handoff_csv(&self) -> String {
        self.lifecycle_of()
            .map(|l| l.handoff_csv())
            .unwrap_or_default()
    }

    /// The goal against the data: the reverse funnel (planned rates over measured ones), the
    /// pace of won revenue in the period, and sales capacity against the MQLs per month.
    pub fn goals(&self) -> Option<crate::goals::GoalsReport> {
        let d = self.data.as_ref()?;
        let life = self.lifecycle_of()?;
        let g = &self.agreement.goals;
        let day = |secs: i64| secs.div_euclid(86_400);
        let col = |f: &str| d.mapping.get(f).map(|&c| &d.table.columns[c].data);
        let amount = |row: usize| match col("deal_amount") {
            Some(ColumnData::Number(v)) => v.get(row).filter(|x| !x.is_nan()),
            _ => None,
        };
        let date_of = |field: &str, row: usize| match col(field) {
            Some(ColumnData::Date(v)) => v.get(row).filter(|&x| x != crate::table::NO_DATE),
            _ => None,
        };
        let mut won = Vec::new();
        let (mut sum, mut n) = (0.0, 0u64);
        for row in 0..d.table.rows {
            if d.outcome.get(row) != Some(&1) {
                continue;
            }
            if let Some(a) = amount(row) {
                sum += a;
                n += 1;
                if let Some(at) = date_of("customer_date", row) {
                    won.push((day(at), a));
                }
            }
        }
        let measured_deal = (n > 0).then(|| sum / n as f64);
        let measured = crate::goals::measured_rates(life.reached());
        let created: Vec<i64> = (0..d.table.rows)
            .filter_map(|r| date_of("create_date", r))
            .collect();
        let data_months = match (created.iter().min(), created.iter().max()) {
            (Some(&a), Some(&b)) => crate::goals::months(day(a), day(b)),
            _ => 12.0,
        };
        Some(crate::goals::GoalsReport {
            funnel: crate::goals::reverse_funnel(g, &measured, measured_deal),
            pacing: self
                .as_of()
                .and_then(|now| crate::goals::pacing(g, &won, day(now))),
            capacity: crate::goals::capacity(g, self.results().mqls, data_months),
            measured_rates: measured,
            measured_deal_size: measured_deal,
        })
    }

    /// Every KPI of the leads created in `[from, to]` (days since 1970; `None`: all leads), with
    /// funnels by cohort, source and fit grade and velocity between stages.
    pub fn kpis(&self, period: Option<(i64, i64)>) -> Option<crate::goals::kpis::KpiReport> {
        self.lifecycle_of()
            .map(|l| crate::goals::kpis::report(&l, period))
    }

    /// Two periods of lead creation side by side, every KPI with its change.
    pub fn review(&self, a: (i64, i64), b: (i64, i64)) -> Option<crate::goals::kpis::Review> {
        self.lifecycle_of()
            .map(|l| crate::goals::kpis::review(&l, a, b))
    }

    /// Per lead 0 open, 1 won, 2 lost, with the outcome column's name; `None` without one.
    pub(crate) fn outcome(&self) -> Option<(&[u8], &str)> {
        let d = self.data.as_ref()?;
        Some((&d.outcome, d.outcome_column.as_deref()?))
    }

    /// The loaded data as rules see it, with the scorer (for its cached rule matches), the
    /// outcome per lead, and a key that changes whenever the data or what it is joined to
    /// changes.
    pub(crate) fn ctx_and_scorer(&mut self) -> Option<(Ctx<'_>, &mut Scorer, &[u8], u64)> {
        let as_of = self.as_of();
        let d = self.data.as_ref()?;
        let ctx = Ctx {
            table: &d.table,
            mapping: &d.mapping,
            activities: d.activities.as_ref().map(|(a, _)| a),
            as_of,
        };
        Some((ctx, &mut self.scorer, &d.outcome, self.activities_gen))
    }

    /// Disqualified / fast-track / normal flag per lead (see `score::NORMAL`…).
    pub fn status(&self) -> &[u8] {
        self.scorer.status()
    }
}

/// Whether any rule depends on "today".
fn uses_dates(a: &Agreement) -> bool {
    fn dated(r: &crate::agreement::Rule) -> bool {
        r.within_days.is_some()
            || r.older_than_days.is_some()
            || r.activity.is_some()
            || r.all_of.iter().chain(&r.any_of).flatten().any(dated)
    }
    let q = &a.qualification;
    q.fit
        .groups
        .iter()
        .chain(&q.interest.groups)
        .flat_map(|g| &g.rules)
        .chain(&q.disqualify)
        .chain(&q.fast_track)
        .any(dated)
}

/// Each column with the field it feeds and how sure that is.
fn column_infos(table: &Table, detection: &fields::Detection) -> Vec<ColumnInfo> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let field = detection
                .mapping
                .iter()
                .find(|(_, &col)| col == i)
                .map(|(f, _)| *f);
            ColumnInfo {
                name: c.name.clone(),
                kind: c.kind(),
                field: field.map(str::to_string),
                confidence: field.and_then(|f| detection.confidence.get(f).copied()),
                distinct: c.distinct_or_filled(),
                note: c.note.clone(),
            }
        })
        .collect()
}

fn read_outcome(
    table: &Table,
    mapping: &Mapping,
    values: &crate::agreement::OutcomeValues,
) -> (Vec<u8>, Option<String>) {
    let Some(&col) = mapping.get("outcome") else {
        return (Vec::new(), None);
    };
    let column = &table.columns[col];
    let won: Vec<String> = values.won.iter().map(|v| fold(v.trim())).collect();
    let lost: Vec<String> = values.lost.iter().map(|v| fold(v.trim())).collect();
    let classify = |v: &str| -> u8 {
        let f = fold(v.trim());
        if !won.is_empty() {
            // The agreement says which values are won: the rest is lost (or open when it
            // names the lost ones too); an empty cell is open.
            return if f.is_empty() {
                0
            } else if won.contains(&f) {
                1
            } else if lost.is_empty() || lost.contains(&f) {
                2
            } else {
                0
            };
        }
        if WON.contains(&f.as_str()) {
            1
        } else if LOST.contains(&f.as_str()) {
            2
        } else {
            0
        }
    };
    let outcome = match &column.data {
        ColumnData::Text { codes, dict } | ColumnData::Range { codes, dict, .. } => {
            let lut: Vec<u8> = dict.iter().map(classify).collect();
            codes.iter().map(|c| lut[c as usize]).collect()
        }
        ColumnData::Number(v) => v.map(|x| {
            if x == 1.0 {
                1
            } else if x == 0.0 {
                2
            } else {
                0
            }
        }),
        ColumnData::Bool(v) => v
            .iter()
            .map(|&b| match b {
                1 => 1,
                0 => 2,
                _ => 0,
            })
            .collect(),
        // A date column as the outcome ("became customer date"): a date means won.
        ColumnData::Date(v) => v.map(|d| u8::from(d != crate::table::NO_DATE)),
    };
    (outcome, Some(column.name.clone()))
}
