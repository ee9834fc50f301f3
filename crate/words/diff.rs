//! The difference between two agreements, in words: `MQL fit threshold 40 → 45`, `Rule
//! “decision-maker” (fit, Persona): keywords added “head of”; removed “vp”`.
//!
//! Both agreements are compared as the JSON they serialise to. Rules are matched by id across
//! their axis (a rule that changed group says it moved), groups by name, disqualifiers,
//! fast-track rules, stages and tracks by id; other values by path, each with its label in
//! words. Whatever has no words of its own is still reported as `path old → new`, so the list
//! is empty exactly when the two agreements serialise to the same JSON.

use super::describe::describe;
use super::phrases::{KPI_KEYS, W};
use super::{cat, decay_words, own, Lang};
use crate::agreement::{Agreement, Rule};
use serde::Serialize;
use serde_json::{Map, Value};

/// One difference: where (a JSON path such as `qualification.thresholds.mql.fit`) and what, in
/// words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub path: String,
    pub text: String,
}

/// Every difference from `a` to `b`, in `lang` ("en" or "fr"; anything else is English).
pub fn diff(a: &Agreement, b: &Agreement, lang: &str) -> Vec<Change> {
    let tree = |a: &Agreement| serde_json::from_str(&a.to_json()).unwrap_or(Value::Null);
    let mut d = Differ {
        l: Lang::of(lang),
        ab: [a, b],
        out: Vec::new(),
    };
    d.node("", "", TOP, Some(&tree(a)), Some(&tree(b)));
    d.out
}

/// What a value belongs to, which decides its labels.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Top,
    Rule,
    Group,
    Stage,
    Track,
}

/// The kind of item and the subject its changes are told about ("Rule “x” (fit, Persona)").
#[derive(Clone, Copy)]
struct Ctx<'s> {
    kind: Kind,
    subj: &'s str,
}

const TOP: Ctx<'static> = Ctx {
    kind: Kind::Top,
    subj: "",
};

/// Lists whose items are matched by key.
#[derive(Clone, Copy, PartialEq)]
enum List {
    Group(usize),
    Rule(usize),
    Disqualify,
    FastTrack,
    Stage,
    Track,
}

/// One side of a keyed list: each item's key, value, path, and (rules) group name and place.
#[derive(Default)]
struct Items<'v> {
    keys: Vec<&'v str>,
    vals: Vec<&'v Value>,
    paths: Vec<String>,
    groups: Vec<&'v str>,
    at: Vec<(usize, usize)>,
    /// Rules: the names of all the axis's groups, with rules or not.
    known: Vec<&'v str>,
}

impl<'v> Items<'v> {
    #[inline(never)]
    fn push(&mut self, v: &'v Value, key: &str, path: String, group: &'v str, at: (usize, usize)) {
        self.keys
            .push(v.get(key).and_then(Value::as_str).unwrap_or("\0"));
        self.vals.push(v);
        self.paths.push(path);
        self.groups.push(group);
        self.at.push(at);
    }

    /// Items of a JSON list keyed by `key`.
    fn of(v: &'v Value, key: &str, path: &str) -> Items<'v> {
        let mut it = Items::default();
        for (i, x) in arr(Some(v)).iter().enumerate() {
            it.push(x, key, at(path, i), "", (0, i));
        }
        it
    }

    /// Whether every item has a key of its own.
    fn keyed(&self) -> bool {
        let k = &self.keys;
        (0..k.len()).all(|i| k[i] != "\0" && !k[..i].contains(&k[i]))
    }

    fn find(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| *k == key)
    }
}

#[inline(never)]
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        own(key)
    } else {
        cat(&[path, ".", key])
    }
}

#[inline(never)]
fn at(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn arr(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Labels of the agreement's own values, by path.
const LABELS: &[(&str, W)] = &[
    ("name", W::Name),
    ("locale", W::Locale),
    ("as_of", W::AsOf),
    ("version", W::Version),
    ("goals.revenue_target", W::RevenueTarget),
    ("goals.currency", W::Currency),
    ("goals.period", W::Period),
    ("goals.period.start", W::PeriodStart),
    ("goals.period.end", W::PeriodEnd),
    ("goals.average_deal_size", W::DealSize),
    ("goals.capacity", W::Capacity),
    ("goals.capacity.reps", W::Reps),
    ("goals.capacity.leads_per_rep_per_month", W::LeadsPerRep),
    ("qualification.thresholds.mode", W::Mode),
    ("handoff.triggers", W::Triggers),
    ("handoff.fields", W::HandoffFields),
    ("handoff.recycle.after_attempts", W::AfterAttempts),
    ("handoff.recycle.after_days", W::AfterDays),
    ("handoff.recycle.track", W::RecycleTrack),
    ("handoff.recycle.reasons", W::Reasons),
    ("follow_up.first_touch_hours", W::FirstTouch),
    ("follow_up.attempts", W::Attempts),
    ("follow_up.channels", W::Channels),
    ("follow_up.cadence_days", W::Cadence),
    ("follow_up.business_hours", W::BusinessHours),
    ("follow_up.business_hours.days", W::Days),
    ("follow_up.business_hours.open", W::Open),
    ("follow_up.business_hours.close", W::Close),
    ("follow_up.business_hours.time_zone", W::TimeZone),
    ("follow_up.business_hours.holidays", W::Holidays),
    // Inside a rule, a group, a stage or a track.
    ("points", W::Points),
    ("per_unit", W::PerUnit),
    ("max", W::Max),
    ("field", W::Field),
    ("contains_any", W::Keywords),
    ("equals_any", W::Values),
    ("starts_with", W::Prefixes),
    ("domain_in", W::Domains),
    ("activity", W::EventTypes),
    ("between", W::Range),
    ("at_least", W::Minimum),
    ("at_most", W::Maximum),
    ("within_days", W::WithinDays),
    ("older_than_days", W::OlderDays),
    ("decay", W::DecayWord),
    ("reason", W::Reason),
    ("definition", W::Definition),
    ("step", W::Step),
    ("cap", W::Cap),
    ("when.interest_band", W::InterestGrade),
    ("when.fit_grade", W::FitGrade),
    ("when.persona", W::Persona),
    ("when.last_conversion", W::LastConversion),
    ("when.recycled", W::Recycled),
    ("when.recycle_reason", W::RecycleReason),
];

/// Labels with the key they are about: (path prefix, phrase).
const KEYED_LABELS: &[(&str, W)] = &[
    ("definitions.stage_map.", W::StageMapOf),
    ("nurture.overrides.", W::OverrideOf),
    ("mapping.", W::MappingOf),
    ("kpis.targets.", W::TargetOf),
    ("goals.planned_rates.", W::PlannedRate),
];

struct Differ<'a> {
    l: Lang,
    ab: [&'a Agreement; 2],
    out: Vec<Change>,
}

impl Differ<'_> {
    fn push(&mut self, path: &str, text: String) {
        self.out.push(Change {
            path: own(path),
            text,
        });
    }

    /// Tell a change about `c`'s subject, if it has one.
    #[inline(never)]
    fn say(&mut self, path: &str, c: Ctx, text: String) {
        let text = if c.subj.is_empty() {
            text
        } else {
            self.l.f(W::Colon, &[c.subj, &text])
        };
        self.push(path, text);
    }

    /// Compare two values at `path` (`rel`: the path inside the current item, for labels).
    fn node(&mut self, path: &str, rel: &str, c: Ctx, x: Option<&Value>, y: Option<&Value>) {
        if x == y {
            return;
        }
        let before = self.out.len();
        let (xv, yv) = (x.unwrap_or(&Value::Null), y.unwrap_or(&Value::Null));
        let list = match (c.kind, rel) {
            (Kind::Top, "qualification.fit") => return self.axis(path, 0, xv, yv, before),
            (Kind::Top, "qualification.interest") => return self.axis(path, 1, xv, yv, before),
            (Kind::Top, "qualification.disqualify") => Some(List::Disqualify),
            (Kind::Top, "qualification.fast_track") => Some(List::FastTrack),
            (Kind::Top, "definitions.stages") => Some(List::Stage),
            (Kind::Top, "nurture.tracks") => Some(List::Track),
            _ => None,
        };
        let done = match list {
            Some(kind) => {
                let (ix, iy) = (Items::of(xv, "id", path), Items::of(yv, "id", path));
                self.list(path, kind, &ix, &iy)
            }
            None => false,
        };
        // A decay is told whole, in words.
        if !done && !rel.ends_with("decay") {
            self.generic(path, rel, c, xv, yv);
        }
        self.rest(path, rel, c, x, y, before);
    }

    /// Whatever was not told since `before` is told as it is: nothing is left out.
    fn rest(
        &mut self,
        path: &str,
        rel: &str,
        c: Ctx,
        x: Option<&Value>,
        y: Option<&Value>,
        before: usize,
    ) {
        if self.out.len() == before && x != y {
            let change = cat(&[&self.told(rel, c, x), " → ", &self.told(rel, c, y)]);
            let label = self.label(rel, c);
            let text = if rel.ends_with("decay") {
                self.l.f(W::Colon, &[&label, &change])
            } else {
                cat(&[&label, " ", &change])
            };
            self.say(path, c, text);
        }
    }

    /// Objects key by key, lists of words as added and removed, lists of objects item by item.
    fn generic(&mut self, path: &str, rel: &str, c: Ctx, x: &Value, y: &Value) {
        let empty = Map::new();
        if let (Some(mx), Some(my), true) = (
            object(x, &empty),
            object(y, &empty),
            x.is_object() || y.is_object(),
        ) {
            for (k, v) in mx {
                self.node(&join(path, k), &join(rel, k), c, Some(v), my.get(k));
            }
            for (k, v) in my {
                if !mx.contains_key(k) {
                    self.node(&join(path, k), &join(rel, k), c, None, Some(v));
                }
            }
            return;
        }
        if let (Some(wx), Some(wy), true) = (words(x), words(y), x.is_array() || y.is_array()) {
            let l = self.l;
            let mut parts = String::new();
            for (w, from, of) in [(W::Added, &wy, &wx), (W::Removed, &wx, &wy)] {
                let mut new = Vec::new();
                for s in from.iter() {
                    if !of.contains(s) {
                        new.push(own(s));
                    }
                }
                if !new.is_empty() {
                    if !parts.is_empty() {
                        parts.push_str("; ");
                    }
                    parts.push_str(&l.f(w, &[&l.list(&new, usize::MAX, W::And, true)]));
                }
            }
            let label = self.label(rel, c);
            let text = if parts.is_empty() {
                // The same words in another order.
                l.f(W::NewOrder, &[&label, &self.show(rel, c, y)])
            } else {
                l.f(W::ListChange, &[&label, &parts])
            };
            return self.say(path, c, text);
        }
        // Lists of numbers are told whole (cadence 0, 1, 3 → 0, 2, 4); lists of objects item
        // by item when they keep their length.
        if let (Value::Array(xs), Value::Array(ys)) = (x, y) {
            let nested = xs.iter().chain(ys).any(|i| i.is_object() || i.is_array());
            if xs.len() == ys.len() && nested {
                for i in 0..xs.len() {
                    self.node(&at(path, i), rel, c, xs.get(i), ys.get(i));
                }
            }
        }
    }

    /// A value in words; "none" when there is none.
    fn told(&self, rel: &str, c: Ctx, v: Option<&Value>) -> String {
        match v {
            Some(v) => self.show(rel, c, v),
            None => own(self.l.w(W::None)),
        }
    }

    /// A value in words.
    fn show(&self, rel: &str, c: Ctx, v: &Value) -> String {
        let l = self.l;
        let word = match v {
            Value::Null if rel == "as_of" => W::Today,
            Value::Null => W::None,
            Value::Bool(b) => {
                if *b {
                    W::Yes
                } else {
                    W::No
                }
            }
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(0.0);
                let rate = rel.starts_with("goals.planned_rates.")
                    || rel
                        .strip_prefix("kpis.targets.")
                        .is_some_and(|k| KPI_KEYS[..7].contains(&k));
                return if rate { l.pct(x) } else { l.num(x) };
            }
            Value::String(s) => match (c.kind, rel, s.as_str()) {
                (Kind::Top, "qualification.thresholds.mode", "axes") => W::ModeAxes,
                (Kind::Top, "qualification.thresholds.mode", "combined") => W::ModeCombined,
                (Kind::Track, "step", "awareness") => W::Awareness,
                (Kind::Track, "step", "consideration") => W::Consideration,
                (Kind::Track, "step", "decision") => W::Decision,
                (Kind::Rule, "field", s) => return l.field(s),
                _ if plain(c.kind, rel) => return own(s),
                _ => return l.q(s),
            },
            Value::Object(m) if rel.ends_with("decay") => {
                let f = |k: &str| m.get(k).and_then(Value::as_f64);
                return decay_words(l, f("half_life_days"), f("step_percent"), f("period_days"));
            }
            Value::Array(_) | Value::Object(_) => {
                let mut out = String::new();
                let mut add = |k: Option<&str>, v: &Value| {
                    if !out.is_empty() {
                        out.push_str(", ");
                    }
                    if let Some(k) = k {
                        out.push_str(k);
                        out.push(' ');
                    }
                    out.push_str(&self.show(rel, c, v));
                };
                if let Value::Object(m) = v {
                    for (k, v) in m {
                        add(Some(k), v);
                    }
                } else if let Value::Array(a) = v {
                    for v in a {
                        add(None, v);
                    }
                }
                return out;
            }
        };
        own(l.w(word))
    }

    /// What the value at `rel` is, in words.
    fn label(&self, rel: &str, c: Ctx) -> String {
        let l = self.l;
        if c.kind == Kind::Top {
            for &(prefix, w) in KEYED_LABELS {
                if let Some(k) = rel.strip_prefix(prefix) {
                    let key = match w {
                        W::MappingOf => l.field(k),
                        W::TargetOf => l.kpi(k),
                        W::PlannedRate => {
                            let (from, to) = k.split_once("_to_").unwrap_or((k, ""));
                            cat(&[&l.stage_short(from), " → ", &l.stage_short(to)])
                        }
                        _ => l.q(k),
                    };
                    return l.f(w, &[&key]);
                }
            }
            if let Some(t) = self.qualification_label(rel) {
                return t;
            }
        }
        // A text in several languages: "name (fr)".
        let (head, lang) = match rel.rsplit_once('.') {
            Some((h, k)) if matches!(c.kind, Kind::Stage | Kind::Track) && k.len() == 2 => (h, k),
            _ => (rel, ""),
        };
        let mut word = match LABELS.iter().find(|(k, _)| *k == head) {
            _ if head == "name" && c.kind != Kind::Top => own(l.w(W::NameWord)),
            Some((_, w)) => own(l.f(*w, &[]).trim_end()),
            None => own(head),
        };
        if head.starts_with("when.") {
            word = l.f(W::Entry, &[&word]);
        }
        if !lang.is_empty() {
            word = cat(&[&word, " (", lang, ")"]);
        }
        word
    }

    /// Thresholds, weights and grades: "MQL fit threshold", "Fit grade A".
    fn qualification_label(&self, rel: &str) -> Option<String> {
        let l = self.l;
        let t = rel.strip_prefix("qualification.")?;
        let axis = |a: &str| match a {
            "fit" => Some(l.axis(0)),
            "interest" => Some(l.axis(1)),
            _ => None,
        };
        if let Some(r) = t.strip_prefix("thresholds.") {
            if let Some(a) = r.strip_prefix("combined.weights.") {
                return Some(l.f(W::WeightOf, &[axis(a)?]));
            }
            let (line, rest) = r.split_once('.')?;
            if line == "combined" && matches!(rest, "mql" | "sql") {
                return Some(l.f(W::CombinedLine, &[&rest.to_uppercase()]));
            }
            return Some(l.f(W::Threshold, &[&line.to_uppercase(), axis(rest)?]));
        }
        let (a, grade) = t.strip_prefix("grades.")?.split_once('.')?;
        let a = axis(a)?;
        let a = if l == Lang::Fr {
            cat(&["d’", a])
        } else {
            a[..1].to_uppercase() + &a[1..]
        };
        Some(l.f(W::GradeOf, &[&a, grade]))
    }

    /// A fit (0) or interest (1) axis: its decay, its groups by name, its rules by id.
    fn axis(&mut self, path: &str, ax: usize, x: &Value, y: &Value, before: usize) {
        let l = self.l;
        let (dx, dy) = (x.get("decay"), y.get("decay"));
        if dx != dy {
            let change = format!(
                "{} → {}",
                self.told("decay", TOP, dx),
                self.told("decay", TOP, dy)
            );
            let text = l.f(W::Colon, &[&l.f(W::DecayOf, &[l.axis(ax)]), &change]);
            self.push(&join(path, "decay"), text);
        }
        let gpath = join(path, "groups");
        let null = Value::Null;
        let (gx, gy) = (
            x.get("groups").unwrap_or(&null),
            y.get("groups").unwrap_or(&null),
        );
        let (groups_x, groups_y) = (Items::of(gx, "name", &gpath), Items::of(gy, "name", &gpath));
        let (mut rx, mut ry) = (rules_of(&groups_x, &gpath), rules_of(&groups_y, &gpath));
        rx.known.clone_from(&groups_x.keys);
        ry.known.clone_from(&groups_y.keys);
        if !self.list(&gpath, List::Group(ax), &groups_x, &groups_y) {
            self.generic(&gpath, &gpath, TOP, gx, gy);
        } else if !self.list(&gpath, List::Rule(ax), &rx, &ry) {
            // Rules without ids of their own: group by group, by position.
            for (j, key) in groups_y.keys.iter().enumerate() {
                if let Some(i) = groups_x.find(key) {
                    let (vx, vy) = (groups_x.vals[i].get("rules"), groups_y.vals[j].get("rules"));
                    self.node(&join(&groups_y.paths[j], "rules"), &gpath, TOP, vx, vy);
                }
            }
        }
        self.rest(path, path, TOP, Some(x), Some(y), before);
    }

    /// A keyed list: items removed, added, moved (rules), changed and reordered. `false` when
    /// the items have no keys of their own (the caller compares them by position).
    fn list(&mut self, path: &str, kind: List, x: &Items, y: &Items) -> bool {
        if !(x.keyed() && y.keyed()) {
            return false;
        }
        let l = self.l;
        let rule_axis = match kind {
            List::Rule(ax) => Some(ax),
            _ => None,
        };
        for i in 0..x.keys.len() {
            // A rule whose group went is told with its group.
            if y.find(x.keys[i]).is_none()
                && (rule_axis.is_none() || y.known.contains(&x.groups[i]))
            {
                let text = self.item(kind, 0, x, i).1;
                self.push(&x.paths[i], text);
            }
        }
        let mut kept = Vec::new();
        for j in 0..y.keys.len() {
            let Some(i) = x.find(y.keys[j]) else {
                if rule_axis.is_none() || x.known.contains(&y.groups[j]) {
                    let text = self.item(kind, 1, y, j).1;
                    self.push(&y.paths[j], text);
                }
                continue;
            };
            kept.push((i, j));
            let subj = self.item(kind, 1, y, j).0;
            if let Some(ax) = rule_axis.filter(|_| x.groups[i] != y.groups[j]) {
                let args = [&*l.q(y.keys[j]), x.groups[i], y.groups[j], l.axis(ax)];
                self.push(&y.paths[j], l.f(W::RuleMoved, &args));
            }
            self.pair(kind, &subj, &y.paths[j], (x, i), (y, j));
        }
        // Kept items in a new order (rules: within the group they stayed in).
        let mut told: Vec<&str> = Vec::new();
        for (p, &(i1, j1)) in kept.iter().enumerate() {
            let g = y.groups[j1];
            let same = |&(i, j): &(usize, usize)| x.groups[i] == g && y.groups[j] == g;
            if told.contains(&g) || !same(&(i1, j1)) {
                continue;
            }
            if !kept[..p].iter().any(|k| same(k) && k.0 > i1) {
                continue;
            }
            told.push(g);
            let mut names = Vec::new();
            for k in &kept {
                if same(k) {
                    names.push(own(y.keys[k.1]));
                }
            }
            let label = match kind {
                List::Group(ax) => l.f(W::Groups, &[l.axis(ax)]),
                List::Rule(ax) => l.f(W::RulesOf, &[g, l.axis(ax)]),
                List::Disqualify => own(l.w(W::Disqualifiers)),
                List::FastTrack => own(l.w(W::FastTracks)),
                List::Stage => own(l.w(W::Stages)),
                List::Track => own(l.w(W::Tracks)),
            };
            let order = l.list(&names, usize::MAX, W::And, true);
            let p = match rule_axis {
                Some(_) => y.paths[j1].rsplit_once('[').map_or(path, |p| p.0),
                None => path,
            };
            self.push(p, l.f(W::NewOrder, &[&label, &order]));
        }
        true
    }

    /// Item `i` of `side` (0: a, 1: b): its subject, and what its removal (a) or addition (b)
    /// says.
    fn item(&self, kind: List, side: usize, it: &Items, i: usize) -> (String, String) {
        let (l, a) = (self.l, self.ab[side]);
        let key = l.q(it.keys[i]);
        let code = l.code();
        let rule = self.rule(kind, side, it, i);
        let full = |r: &Rule| describe(r, l, usize::MAX);
        // Subject, what was added, and whether the subject is feminine in French.
        let (subj, what, feminine) = match kind {
            List::Group(ax) => {
                let axis = l.axis(ax);
                let subj = l.f(W::Group, &[&key, axis]);
                if side == 0 {
                    return (subj, l.f(W::GroupRemoved, &[&key, axis]));
                }
                let g = a.qualification.axis(ax).groups.get(i);
                let cap = match g.and_then(|g| g.cap) {
                    Some(c) => l.f(W::CapSuffix, &[&l.num(c)]),
                    None => String::new(),
                };
                let mut text = l.f(W::GroupAdded, &[&key, axis, &cap]);
                let mut rules = String::new();
                for r in g.map_or(&[][..], |g| &g.rules) {
                    if !rules.is_empty() {
                        rules.push_str("; ");
                    }
                    rules.push_str(&describe(r, l, 3));
                }
                if !rules.is_empty() {
                    text = l.f(W::Colon, &[&text, &rules]);
                }
                return (subj, text);
            }
            List::Rule(ax) => {
                let (axis, g) = (l.axis(ax), it.groups[i]);
                let subj = l.f(W::Rule, &[&key, axis, g]);
                let text = match rule {
                    Some(r) if side == 1 => l.f(W::RuleAdded, &[&key, g, axis, &full(r)]),
                    _ => l.f(W::RuleRemoved, &[&key, g, axis]),
                };
                return (subj, text);
            }
            List::Disqualify | List::FastTrack => {
                let w = if kind == List::Disqualify {
                    W::Disqualifier
                } else {
                    W::FastTrack
                };
                (l.f(w, &[&key]), rule.map(full).unwrap_or_default(), true)
            }
            List::Stage => {
                let (name, def) = match a.definitions.stages.get(i) {
                    Some(s) => (l.q(s.name.get(code)), s.definition.get(code)),
                    None => (key, ""),
                };
                (l.f(W::Stage, &[&name]), own(def), true)
            }
            List::Track => {
                let t = a.nurture.tracks.get(i);
                let name = match t.and_then(|t| t.name.as_ref()) {
                    Some(n) => l.q(n.get(code)),
                    None => key,
                };
                let entry = t.map(|t| super::sla::entry(l, t)).unwrap_or_default();
                (l.f(W::Track, &[&name]), entry, false)
            }
        };
        let w = match (side, feminine) {
            (0, true) => W::RemovedF,
            (0, false) => W::RemovedM,
            (_, true) => W::AddedF,
            (_, false) => W::AddedM,
        };
        let text = l.f(w, &[&subj, &what]);
        (subj, text)
    }

    /// The typed rule behind item `i` of `side`.
    fn rule(&self, kind: List, side: usize, it: &Items, i: usize) -> Option<&Rule> {
        let q = &self.ab[side].qualification;
        let (g, r) = *it.at.get(i)?;
        match kind {
            List::Rule(ax) => q.axis(ax).groups.get(g)?.rules.get(r),
            List::Disqualify => q.disqualify.get(r),
            List::FastTrack => q.fast_track.get(r),
            _ => None,
        }
    }

    /// Two versions of one item. A rule whose condition changed is told whole.
    fn pair(
        &mut self,
        kind: List,
        subj: &str,
        path: &str,
        (x, i): (&Items, usize),
        (y, j): (&Items, usize),
    ) {
        let (vx, vy) = (x.vals[i], y.vals[j]);
        let (k, p, rel) = match kind {
            List::Group(_) => (Kind::Group, join(path, "cap"), "cap"),
            List::Stage => (Kind::Stage, own(path), ""),
            List::Track => (Kind::Track, own(path), ""),
            _ => (Kind::Rule, own(path), ""),
        };
        let c = Ctx { kind: k, subj };
        if k == Kind::Group {
            return self.node(&p, rel, c, vx.get("cap"), vy.get("cap"));
        }
        if let (Some(a), Some(b)) = (self.rule(kind, 0, x, i), self.rule(kind, 1, y, j)) {
            let changed = a.condition_name() != b.condition_name()
                || a.field != b.field
                || a.is_empty != b.is_empty
                || a.free_mail != b.free_mail
                || a.role_address != b.role_address
                || a.is != b.is
                || a.all_of != b.all_of
                || a.any_of != b.any_of;
            if changed && vx != vy {
                let l = self.l;
                let text = format!(
                    "{} → {}",
                    describe(a, l, usize::MAX),
                    describe(b, l, usize::MAX)
                );
                return self.say(path, c, text);
            }
        }
        self.node(&p, rel, c, Some(vx), Some(vy));
    }
}

impl crate::agreement::Qualification {
    /// The fit (0) or interest (1) axis.
    pub(crate) fn axis(&self, i: usize) -> &crate::agreement::Axis {
        if i == 0 {
            &self.fit
        } else {
            &self.interest
        }
    }
}

/// An object, or no keys for `null`.
fn object<'a>(v: &'a Value, empty: &'a Map<String, Value>) -> Option<&'a Map<String, Value>> {
    v.as_object().or(v.is_null().then_some(empty))
}

/// A list of words (`null`: none), or `None` for anything else.
fn words(v: &Value) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    for s in arr(Some(v)) {
        out.push(s.as_str()?);
    }
    (v.is_array() || v.is_null()).then_some(out)
}

/// The rules of an axis's groups, with their group's name.
fn rules_of<'v>(groups: &Items<'v>, gpath: &str) -> Items<'v> {
    let mut it = Items::default();
    for (g, v) in groups.vals.iter().enumerate() {
        for (r, rule) in arr(v.get("rules")).iter().enumerate() {
            let p = format!("{gpath}[{g}].rules[{r}]");
            it.push(rule, "id", p, groups.keys[g], (g, r));
        }
    }
    it
}

/// Values written as they are, without quotes: codes, dates, times, stage and track ids.
fn plain(kind: Kind, rel: &str) -> bool {
    match kind {
        Kind::Top => {
            [
                "locale",
                "as_of",
                "goals.currency",
                "goals.period.start",
                "goals.period.end",
                "handoff.recycle.track",
            ]
            .contains(&rel)
                || rel.starts_with("follow_up.business_hours.")
                || rel.starts_with("definitions.stage_map.")
                || rel.starts_with("nurture.overrides.")
        }
        Kind::Track => rel.starts_with("when.interest_band") || rel.starts_with("when.fit_grade"),
        _ => false,
    }
}
