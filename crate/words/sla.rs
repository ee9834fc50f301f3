//! The SLA document: the seven parts of the agreement written out from the agreement and, when
//! leads are loaded, the engine's own figures (results, lifecycle, goals, KPIs), in English or
//! French. Plain blocks (paragraphs, lists, tables, figures) that the page renders as HTML and
//! the CLI as Markdown.

use super::describe::describe;
use super::phrases::{KPI_KEYS, W};
use super::{cat, decay_words, own, owned, Lang};
use crate::agreement::parts::OneOrMany;
use crate::agreement::{Agreement, Rule, Step, ThresholdMode, Track, Trigger};
use crate::goals::kpis::Kpi;
use crate::goals::{GoalsReport, Rates, ReverseFunnel};
use crate::score::{AxisName, Results};
use serde::Serialize;

/// The printable SLA.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlaDoc {
    pub title: String,
    /// The agreement's name and the data it was measured on.
    pub subtitle: String,
    /// The day the figures are for (`YYYY-MM-DD`), when known.
    pub as_of: Option<String>,
    /// The seven parts, in order.
    pub parts: Vec<SlaPart>,
}

/// One of the seven parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlaPart {
    /// 1 to 7.
    pub number: u8,
    /// "goals", "definitions", "qualification", "handoff", "nurture", "follow_up" or "kpis".
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A block of a part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Figures {
        items: Vec<Figure>,
    },
}

/// A labelled figure, with an optional note (how it was obtained, what it is out of).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The parts' ids, in order.
const PARTS: [&str; 7] = [
    "goals",
    "definitions",
    "qualification",
    "handoff",
    "nurture",
    "follow_up",
    "kpis",
];

impl crate::Workbench {
    /// The SLA document in `lang` ("en" or "fr"; anything else is English): the agreement's
    /// seven parts with the current figures, or with "no data loaded" where figures would be.
    pub fn sla_document(&self, lang: &str) -> SlaDoc {
        let l = Lang::of(lang);
        let a = self.agreement();
        let data = self.summary().map(|_| Data {
            results: self.results(),
            life: self.lifecycle(),
            goals: self.goals(),
            kpis: self.kpis(None).map(|k| k.kpis).unwrap_or_default(),
        });
        let mut w = Writer {
            l,
            a,
            d: data.as_ref(),
            parts: Vec::new(),
            blocks: Vec::new(),
        };
        w.goals();
        w.definitions();
        w.qualification();
        w.handoff();
        w.nurture();
        w.follow_up();
        w.kpis();
        let name = if a.name.is_empty() { "—" } else { &a.name };
        let subtitle = match &data {
            Some(d) => l.f(W::SubData, &[name, &l.int(d.results.leads)]),
            None => l.f(W::SubNoData, &[name]),
        };
        SlaDoc {
            title: own(l.w(W::Title)),
            subtitle,
            as_of: self.as_of().map(|s| {
                let (y, m, d) = crate::civil::civil_from_days(s.div_euclid(86_400));
                format!("{y:04}-{m:02}-{d:02}")
            }),
            parts: w.parts,
        }
    }
}

/// The figures of the loaded data.
struct Data {
    results: Results,
    life: Option<crate::lifecycle::LifecycleSummary>,
    goals: Option<GoalsReport>,
    kpis: Vec<Kpi>,
}

/// Writes the parts one after the other, block by block.
struct Writer<'a> {
    l: Lang,
    a: &'a Agreement,
    d: Option<&'a Data>,
    parts: Vec<SlaPart>,
    blocks: Vec<Block>,
}

// The small helpers below are not inlined: they are called from dozens of places, and the
// WebAssembly is near its size budget.
impl Writer<'_> {
    #[inline(never)]
    fn w(&self, w: W) -> String {
        own(self.l.w(w))
    }

    /// Close the part being written.
    fn part(&mut self, title: W) {
        let i = self.parts.len();
        self.parts.push(SlaPart {
            number: i as u8 + 1,
            id: PARTS[i % 7],
            title: self.w(title),
            blocks: std::mem::take(&mut self.blocks),
        });
    }

    #[inline(never)]
    fn para(&mut self, text: String) {
        self.blocks.push(Block::Paragraph { text });
    }

    #[inline(never)]
    fn say(&mut self, w: W) {
        self.para(self.w(w));
    }

    #[inline(never)]
    fn list(&mut self, items: Vec<String>) {
        self.blocks.push(Block::List { items });
    }

    /// A figure, added to the figures block just written or to a new one.
    #[inline(never)]
    fn fig(&mut self, label: W, value: String, note: Option<String>) {
        let label = self.w(label);
        self.fig_as(label, value, note);
    }

    #[inline(never)]
    fn fig_as(&mut self, label: String, value: String, note: Option<String>) {
        let f = Figure { label, value, note };
        if let Some(Block::Figures { items }) = self.blocks.last_mut() {
            items.push(f);
        } else {
            self.blocks.push(Block::Figures { items: vec![f] });
        }
    }

    /// A table; `leads` adds a "Leads" column when data is loaded.
    #[inline(never)]
    fn table(&mut self, head: &[W], leads: bool, rows: Vec<Vec<String>>) {
        let mut h = Vec::new();
        for w in head {
            h.push(self.w(*w));
        }
        if leads && self.d.is_some() {
            h.push(self.w(W::HLeads));
        }
        self.blocks.push(Block::Table { head: h, rows });
    }

    fn no_data(&mut self) {
        self.say(W::NoData);
    }

    /// A stage's name in the agreement, else its short name.
    fn stage(&self, id: &str) -> String {
        let l = self.l;
        match id {
            "won" => return self.w(W::Won),
            "visitor" => return self.w(W::Visitors),
            _ => {}
        }
        for s in &self.a.definitions.stages {
            if s.id == id {
                return own(s.name.get(l.code()));
            }
        }
        l.stage_short(id)
    }

    /// Part 1: the goal, the funnel it needs, sales capacity.
    fn goals(&mut self) {
        let (l, g) = (self.l, &self.a.goals);
        let report = self.d.and_then(|d| d.goals.as_ref());
        let cur = g.currency.as_deref();
        let not_set = self.w(W::NotSet);
        let funnel: Option<ReverseFunnel> = match report {
            Some(r) => r.funnel.clone(),
            None => crate::goals::reverse_funnel(g, &Rates::default(), None),
        };
        let money = |x: Option<f64>| x.map_or_else(|| own(&not_set), |x| l.money(x, cur));
        self.fig(W::RevenueTarget, money(g.revenue_target), None);
        let period = match &g.period {
            Some(p) => cat(&[&p.start, " – ", &p.end]),
            None => own(&not_set),
        };
        self.fig(W::Period, period, None);
        let (deal, note) = match (g.average_deal_size, &funnel) {
            (Some(x), _) => (Some(x), Some(self.w(W::Entered))),
            (None, Some(f)) => (Some(f.average_deal_size), Some(self.w(W::FromWon))),
            _ => (None, None),
        };
        self.fig(W::DealSize, money(deal), note);
        let r = &g.planned_rates;
        for (from, to, rate) in [
            ("visitor", "lead", r.visitor_to_lead),
            ("lead", "mql", r.lead_to_mql),
            ("mql", "sal", r.mql_to_sal),
            ("sal", "sql", r.sal_to_sql),
            ("sql", "opportunity", r.sql_to_opportunity),
            ("opportunity", "won", r.opportunity_to_won),
            ("sql", "won", r.sql_to_won),
        ] {
            if let Some(rate) = rate {
                let steps = cat(&[&l.stage_short(from), " → ", &l.stage_short(to)]);
                self.fig_as(l.f(W::PlannedRate, &[&steps]), l.pct(rate), None);
            }
        }
        match funnel {
            Some(f) => {
                self.say(W::FunnelIntro);
                let mut rows = Vec::new();
                let mut missing = Vec::new();
                let mut before: Option<&crate::goals::FunnelStep> = None;
                for s in &f.steps {
                    let rate = match (s.rate_to_next, s.rate_source.as_deref()) {
                        (Some(r), Some("planned")) => l.f(W::Planned, &[&l.pct(r)]),
                        (Some(r), _) => l.f(W::Measured, &[&l.pct(r)]),
                        (None, _) => String::new(),
                    };
                    let num =
                        |x: Option<f64>, digits| x.map_or_else(|| own("—"), |x| l.dec(x, digits));
                    let per_month = s.per_month.map_or(0, |x| i32::from(x < 10.0));
                    rows.push(vec![
                        self.stage(&s.stage),
                        num(s.needed, 0),
                        num(s.per_month, per_month),
                        rate,
                    ]);
                    if let Some(b) =
                        before.filter(|b| b.needed.is_some() && s.rate_to_next.is_none())
                    {
                        let (from, to) = (l.stage_short(&s.stage), l.stage_short(&b.stage));
                        missing.push(l.f(W::NoRate, &[&from, &to]));
                    }
                    before = Some(s);
                }
                self.table(
                    &[W::HStage, W::HNeeded, W::HPerMonth, W::HRate],
                    false,
                    rows,
                );
                if !missing.is_empty() {
                    self.list(missing);
                }
            }
            None => self.say(W::NoFunnel),
        }
        if let Some(c) = g.capacity {
            let total = c.reps * c.leads_per_rep_per_month;
            let args = [
                &*l.num(c.reps),
                &l.num(c.leads_per_rep_per_month),
                &l.num(total),
            ];
            self.fig(W::Capacity, l.f(W::CapacityV, &args), None);
            if let Some(cc) = report.and_then(|g| g.capacity.as_ref()) {
                let gap = l.dec(cc.gap.abs(), 0);
                let note = l.f(if cc.gap >= 0.0 { W::Spare } else { W::TooMany }, &[&gap]);
                self.fig(W::MqlsPerMonth, l.dec(cc.mqls_per_month, 0), Some(note));
            }
        }
        self.part(W::P1);
    }

    /// Part 2: every stage and its definition; export labels read as stages.
    fn definitions(&mut self) {
        let (l, defs) = (self.l, &self.a.definitions);
        let code = l.code();
        if defs.stages.is_empty() {
            self.say(W::NoStages);
        } else {
            let mut rows = Vec::new();
            for s in &defs.stages {
                rows.push(owned(&[s.name.get(code), s.definition.get(code)]));
            }
            self.table(&[W::HStage, W::HDefinition], false, rows);
        }
        if !defs.stage_map.is_empty() {
            self.say(W::StageMapIntro);
            let mut items = Vec::new();
            for (label, stage) in &defs.stage_map {
                items.push(cat(&[&l.q(label), " → ", &self.stage(stage)]));
            }
            self.list(items);
        }
        self.part(W::P2);
    }

    /// Part 3: the lines, the grades, every rule in words, and the volumes they give.
    fn qualification(&mut self) {
        let (l, q) = (self.l, &self.a.qualification);
        let t = &q.thresholds;
        for (w, mql) in [(W::MqlLine, true), (W::SqlLine, false)] {
            let value = match (t.mode, &t.combined) {
                (ThresholdMode::Combined, Some(c)) => {
                    let line = if mql { c.mql } else { c.sql };
                    let args = [
                        &*l.num(c.weights.fit),
                        &l.num(c.weights.interest),
                        &l.num(line),
                    ];
                    l.f(W::WeightedLine, &args)
                }
                _ => {
                    let x = if mql { t.mql } else { t.sql };
                    l.f(W::AxesLine, &[&l.num(x.fit), &l.num(x.interest)])
                }
            };
            self.fig(w, value, None);
        }
        for (w, g) in [
            (W::FitGrades, &q.grades.fit),
            (W::InterestGrades, &q.grades.interest),
        ] {
            // Best grade first (no sort: a handful of grades).
            let mut v: Vec<(&String, &f64)> = g.iter().collect();
            let mut out = String::new();
            while let Some(i) = (0..v.len()).max_by(|&a, &b| v[a].1.total_cmp(v[b].1)) {
                let (k, m) = v.swap_remove(i);
                if !out.is_empty() {
                    out.push_str(", ");
                }
                out.push_str(&cat(&[k, " ≥ ", &l.num(*m)]));
            }
            self.fig(w, out, None);
        }
        self.say(W::LinesNote);
        let r = self.d.map(|d| &d.results);
        for (ax, axis) in [&q.fit, &q.interest].into_iter().enumerate() {
            self.say(if ax == 0 {
                W::FitIntro
            } else {
                W::InterestIntro
            });
            if let Some(dk) = &axis.decay {
                let words = decay_words(l, dk.half_life_days, dk.step_percent, dk.period_days);
                self.para(l.f(W::DecayIntro, &[&words]));
            }
            let which = if ax == 0 {
                AxisName::Fit
            } else {
                AxisName::Interest
            };
            let mut rows = Vec::new();
            for g in &axis.groups {
                let mut name = own(&g.name);
                let mut cap = g.cap.map_or_else(|| own("—"), |c| l.num(c));
                let none = [Rule::default()];
                let rules = if g.rules.is_empty() {
                    &none[..]
                } else {
                    &g.rules
                };
                for rule in rules {
                    let text = if rule.id.is_empty() && g.rules.is_empty() {
                        own("—")
                    } else {
                        describe(rule, l, usize::MAX)
                    };
                    // The group and its cap on its first row only.
                    let mut row = vec![std::mem::take(&mut name), std::mem::take(&mut cap), text];
                    if let Some(r) = r {
                        let hit = r.rules.iter().find(|s| s.id == rule.id && s.axis == which);
                        row.push(l.int(hit.map_or(0, |s| s.matched)));
                    }
                    rows.push(row);
                }
            }
            self.table(&[W::HGroup, W::HCap, W::HRule], true, rows);
        }
        for (list, intro, by) in [
            (&q.disqualify, W::DqIntro, r.map(|r| &r.disqualified)),
            (&q.fast_track, W::FtIntro, r.map(|r| &r.fast_tracked)),
        ] {
            if list.is_empty() {
                continue;
            }
            self.say(intro);
            let mut rows = Vec::new();
            for rule in list {
                let reason = own(rule.reason.as_deref().unwrap_or(""));
                let text = describe(rule, l, usize::MAX);
                let bare = text.strip_suffix(&cat(&[" — ", &l.q(&reason)]));
                let mut row = vec![own(bare.unwrap_or(&text)), reason];
                if let Some(by) = by {
                    let hit = by.by_rule.iter().find(|x| x.id == rule.id);
                    row.push(l.int(hit.map_or(0, |x| x.leads)));
                }
                rows.push(row);
            }
            self.table(&[W::HRule, W::HReason], true, rows);
        }
        match r {
            Some(r) => {
                for (w, n) in [
                    (W::HLeads, r.leads),
                    (W::Mqls, r.mqls),
                    (W::Sqls, r.sqls),
                    (W::Disqualified, r.disqualified.count),
                    (W::FastTracked, r.fast_tracked.count),
                ] {
                    let share = (w != W::HLeads && r.leads > 0)
                        .then(|| l.f(W::OfLeads, &[&l.pct(n as f64 / r.leads as f64)]));
                    self.fig(w, l.int(n), share);
                }
            }
            None => self.no_data(),
        }
        self.part(W::P3);
    }

    /// Part 4: what sends a lead to sales, what sales receives, when a lead comes back.
    fn handoff(&mut self) {
        let (l, h) = (self.l, &self.a.handoff);
        self.say(W::SentWhen);
        let mut items = Vec::new();
        for t in &h.triggers {
            items.push(self.w(if *t == Trigger::Mql {
                W::TrigMql
            } else {
                W::TrigFt
            }));
        }
        self.list(items);
        self.say(W::Receives);
        let mut fields = Vec::new();
        for f in &h.fields {
            fields.push(l.field(f));
        }
        if fields.is_empty() {
            for f in crate::lifecycle::DEFAULT_HANDOFF_FIELDS {
                fields.push(l.field(f));
            }
        }
        let reason = l.field("reason");
        if !fields.contains(&reason) {
            fields.push(reason);
        }
        self.list(fields);
        let rc = &h.recycle;
        let attempts = rc.after_attempts.unwrap_or(self.a.follow_up.attempts);
        let mut after = l.f(W::AfterN, &[&attempts.to_string()]);
        if let Some(days) = rc.after_days {
            after = cat(&[&after, l.w(W::Or), &l.f(W::AfterD, &[&l.num(days)])]);
        }
        let mut back = l.f(W::ReturnAfter, &[&after]);
        if let Some(t) = &rc.track {
            back = cat(&[&back, " ", &l.f(W::IntoTrack, &[&l.q(&self.track_name(t))])]);
        }
        self.para(back);
        if !rc.reasons.is_empty() {
            self.say(W::ReasonsIntro);
            self.list(rc.reasons.clone());
        }
        match self.d.and_then(|d| d.life.as_ref()) {
            Some(life) => {
                let f = &life.follow_up;
                for (w, n) in [
                    (W::SentNow, Some(life.handoff_leads)),
                    (W::HandedExport, f.handed_over),
                    (W::ReturnedN, f.recycled),
                ] {
                    let value = n.map_or_else(|| self.w(W::NotAvailable), |n| l.int(n));
                    self.fig(w, value, None);
                }
            }
            None => self.no_data(),
        }
        self.part(W::P4);
    }

    fn track_name(&self, id: &str) -> String {
        for t in &self.a.nurture.tracks {
            if let (true, Some(n)) = (t.id == id, &t.name) {
                return own(n.get(self.l.code()));
            }
        }
        own(id)
    }

    /// Part 5: the nurture tracks and who enters each.
    fn nurture(&mut self) {
        let (l, n) = (self.l, &self.a.nurture);
        let life = self.d.and_then(|d| d.life.as_ref());
        self.say(W::NurtureIntro);
        if n.tracks.is_empty() {
            self.say(W::NoTracks);
        } else {
            let mut rows = Vec::new();
            for t in &n.tracks {
                let step = match t.step {
                    Some(Step::Awareness) => self.w(W::Awareness),
                    Some(Step::Consideration) => self.w(W::Consideration),
                    Some(Step::Decision) => self.w(W::Decision),
                    None => own("—"),
                };
                let mut row = vec![self.track_name(&t.id), step, entry(l, t)];
                if let Some(life) = life {
                    let c = life.tracks.iter().find(|c| c.track == t.id);
                    row.push(l.int(c.map_or(0, |c| c.leads)));
                }
                rows.push(row);
            }
            self.table(&[W::HTrack, W::HStep, W::HEnters], true, rows);
        }
        if !n.overrides.is_empty() {
            self.para(l.f(W::Overrides, &[&n.overrides.len().to_string()]));
        }
        match life {
            Some(life) => self.fig(W::Untracked, l.int(life.untracked), None),
            None => self.no_data(),
        }
        self.part(W::P5);
    }

    /// Part 6: how sales follows up, and how it did.
    fn follow_up(&mut self) {
        let (l, f) = (self.l, &self.a.follow_up);
        let within = if f.business_hours.is_some() {
            W::BizHours
        } else {
            W::ClockHours
        };
        self.fig(
            W::FirstTouchIn,
            l.f(within, &[&l.num(f.first_touch_hours)]),
            None,
        );
        self.fig(W::Attempts, f.attempts.to_string(), None);
        if !f.cadence_days.is_empty() {
            let mut days = Vec::new();
            for x in &f.cadence_days {
                days.push(l.num(*x));
            }
            self.fig(W::Cadence, days.join(", "), None);
        }
        if !f.channels.is_empty() {
            self.fig(W::Channels, f.channels.join(", "), None);
        }
        if let Some(b) = &f.business_hours {
            let hours = l.f(W::HoursV, &[&b.days, &b.open, &b.close, &b.time_zone]);
            self.fig(W::BusinessHours, hours, None);
            let holidays = if b.holidays.is_empty() {
                self.w(W::None)
            } else {
                b.holidays.join(", ")
            };
            self.fig(W::Holidays, holidays, None);
        }
        self.say(W::RecordNote);
        match self.d {
            Some(d) => {
                for k in &d.kpis {
                    let measured = [
                        "first_touch_within_sla",
                        "speed_to_lead_median_hours",
                        "speed_to_lead_p90_hours",
                        "overdue_now",
                    ];
                    if measured.contains(&k.id.as_str()) {
                        self.fig_as(l.kpi(&k.id), kpi_value(l, k), None);
                    }
                }
            }
            None => self.no_data(),
        }
        self.part(W::P6);
    }

    /// Part 7: each KPI with its value, target and whether it is met.
    fn kpis(&mut self) {
        let l = self.l;
        let mut rows = Vec::new();
        match self.d {
            Some(d) => {
                for k in &d.kpis {
                    let met = match k.met {
                        Some(true) => self.w(W::Yes),
                        Some(false) => self.w(W::No),
                        None => own("—"),
                    };
                    let target = k.target.map_or_else(|| own("—"), |t| value(l, &k.unit, t));
                    rows.push(vec![l.kpi(&k.id), kpi_value(l, k), target, met]);
                }
            }
            None => {
                let targets = self.a.kpis.get("targets").and_then(|t| t.as_object());
                for (id, v) in targets.into_iter().flatten() {
                    let unit = if KPI_KEYS[..7].contains(&id.as_str()) {
                        "rate"
                    } else if id.ends_with("_hours") {
                        "hours"
                    } else {
                        "count"
                    };
                    let target = v
                        .as_f64()
                        .map_or_else(|| v.to_string(), |x| value(l, unit, x));
                    rows.push(vec![l.kpi(id), own("—"), target, own("—")]);
                }
            }
        }
        if !rows.is_empty() {
            self.table(&[W::HKpi, W::HValue, W::HTarget, W::HMet], false, rows);
        }
        if self.d.is_none() {
            self.no_data();
        }
        self.say(W::Review);
        self.part(W::P7);
    }
}

/// A figure in its unit: 47.3%, 12.5 h, 1,234.
fn value(l: Lang, unit: &str, x: f64) -> String {
    match unit {
        "rate" => l.pct(x),
        "hours" => l.f(W::Hours, &[&l.num(x)]),
        _ => l.num(x),
    }
}

/// A KPI's value, or why it has none ("not available: needs column MQL date").
fn kpi_value(l: Lang, k: &Kpi) -> String {
    if let Some(why) = &k.not_available {
        let cols = why.strip_prefix("needs column ").unwrap_or(why);
        let cols: Vec<String> = cols.split(" and ").map(|c| l.field(c)).collect();
        return l.f(W::Needs, &[&cols.join(l.w(W::And))]);
    }
    k.value.map_or_else(|| own("—"), |x| value(l, &k.unit, x))
}

/// Who enters a nurture track, in words ("interest grade 1 or 2; returned by sales").
pub(crate) fn entry(l: Lang, t: &Track) -> String {
    let w = &t.when;
    let grades = |g: &OneOrMany| match g {
        OneOrMany::One(s) => own(s),
        OneOrMany::Many(v) => l.list(v, usize::MAX, W::Or, false),
    };
    let words = |k: &Vec<String>| l.list(k, usize::MAX, W::Or, true);
    let mut parts = Vec::new();
    if let Some(g) = &w.interest_band {
        parts.push(l.f(W::InterestGrade, &[&grades(g)]));
    }
    if let Some(g) = &w.fit_grade {
        parts.push(l.f(W::FitGrade, &[&grades(g)]));
    }
    if let Some(k) = &w.persona {
        parts.push(l.f(W::Persona, &[&words(k)]));
    }
    if let Some(k) = &w.last_conversion {
        parts.push(l.f(W::LastConversion, &[&words(k)]));
    }
    if let Some(r) = w.recycled {
        parts.push(
            l.w(if r { W::Recycled } else { W::NotRecycled })
                .to_string(),
        );
    }
    if let Some(r) = &w.recycle_reason {
        parts.push(l.f(W::RecycleReason, &[&l.q(r)]));
    }
    if parts.is_empty() {
        return own(l.w(W::Everyone));
    }
    parts.join("; ")
}

impl SlaDoc {
    /// The document as Markdown, for the CLI and for reading in a terminal (the page renders
    /// the blocks itself; unused there, it is left out of the wasm by the linker).
    pub fn to_markdown(&self) -> String {
        let e = md;
        let cell = |s: &str| md(s).replace('|', "\\|").replace('\n', " ");
        let mut out = format!("# {}\n\n{}\n", e(&self.title), e(&self.subtitle));
        if let Some(d) = &self.as_of {
            out.push_str(&format!("\n{}\n", e(d)));
        }
        for p in &self.parts {
            out.push_str(&format!("\n## {}. {}\n", p.number, e(&p.title)));
            for b in &p.blocks {
                out.push('\n');
                match b {
                    Block::Paragraph { text } => out.push_str(&format!("{}\n", e(text))),
                    Block::List { items } => {
                        for i in items {
                            out.push_str(&format!("- {}\n", e(i)));
                        }
                    }
                    Block::Figures { items } => {
                        for f in items {
                            out.push_str(&format!("- **{}**: {}", e(&f.label), e(&f.value)));
                            if let Some(n) = &f.note {
                                out.push_str(&format!(" ({})", e(n)));
                            }
                            out.push('\n');
                        }
                    }
                    Block::Table { head, rows } => {
                        let row = |cells: &[String]| {
                            let c: Vec<String> = cells.iter().map(|s| cell(s)).collect();
                            format!("| {} |\n", c.join(" | "))
                        };
                        out.push_str(&row(head));
                        out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                        for r in rows {
                            out.push_str(&row(r));
                        }
                    }
                }
            }
        }
        out
    }
}

/// Text for the Markdown document, with the characters that would start HTML, a link or code
/// backslash-escaped: a rule name such as `<img src=x onerror=…>` or `[x](javascript:…)` is
/// shown as those characters by any Markdown renderer, never turned into markup. The escapes
/// render as the character itself.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '<' | '>' | '[' | ']' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
