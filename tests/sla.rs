//! The agreement in words: rules described, differences between agreements, the SLA document.
#![cfg(not(target_arch = "wasm32"))]

use accord::agreement::{presets, Agreement, Rule};
use accord::words::{describe_rule, diff, Block, SlaDoc};
use accord::Workbench;
use serde_json::{json, Value};

fn rule(v: Value) -> Rule {
    serde_json::from_value(v).unwrap()
}

fn both(r: &Value) -> (String, String) {
    let r = rule(r.clone());
    (describe_rule(&r, "en"), describe_rule(&r, "fr"))
}

#[test]
fn every_condition_kind_in_both_languages() {
    let cases = [
        (
            json!({"id": "dm", "field": "job_title", "contains_any": ["vp", "director", "head of", "cto", "cfo", "ceo"], "points": 35}),
            "Job title contains “vp”, “director” or 4 more: +35",
            "Intitulé du poste contient «\u{a0}vp\u{a0}», «\u{a0}director\u{a0}» ou 4 autres\u{a0}: +35",
        ),
        (
            json!({"id": "i", "field": "industry", "equals_any": ["Software", "Healthcare"], "points": 20}),
            "Industry is “Software” or “Healthcare”: +20",
            "Secteur est «\u{a0}Software\u{a0}» ou «\u{a0}Healthcare\u{a0}»\u{a0}: +20",
        ),
        (
            json!({"id": "s", "field": "country", "starts_with": ["Fr"], "points": 5}),
            "Country starts with “Fr”: +5",
            "Pays commence par «\u{a0}Fr\u{a0}»\u{a0}: +5",
        ),
        (
            json!({"id": "e", "field": "industry", "is_empty": true, "points": -5}),
            "Industry is empty: −5",
            "Secteur est vide\u{a0}: −5",
        ),
        (
            json!({"id": "e", "field": "industry", "is_empty": false, "points": 10}),
            "Industry is not empty: +10",
            "Secteur n’est pas vide\u{a0}: +10",
        ),
        (
            json!({"id": "b", "field": "company_size", "between": [201, 5000], "points": 35}),
            "Company size is between 201 and 5,000: +35",
            "Taille de l’entreprise est entre 201 et 5\u{202f}000\u{a0}: +35",
        ),
        (
            json!({"id": "b", "field": "company_size", "at_least": 5001, "points": 20}),
            "Company size is at least 5,001: +20",
            "Taille de l’entreprise vaut au moins 5\u{202f}001\u{a0}: +20",
        ),
        (
            json!({"id": "b", "field": "Headcount", "at_most": 10.5, "points": -10}),
            "Headcount is at most 10.5: −10",
            "Headcount vaut au plus 10,5\u{a0}: −10",
        ),
        (
            json!({"id": "d", "field": "last_activity_date", "within_days": 30, "points": 20}),
            "Last activity date is within the last 30 days: +20",
            "Date de dernière activité date de 30 jours ou moins\u{a0}: +20",
        ),
        (
            json!({"id": "d", "field": "last_activity_date", "older_than_days": 365, "points": -15}),
            "Last activity date is more than 365 days ago: −15",
            "Date de dernière activité date de plus de 365 jours\u{a0}: −15",
        ),
        (
            json!({"id": "f", "field": "email", "free_mail": true, "points": -10}),
            "E-mail is at a free-mail provider: −10",
            "E-mail est chez un fournisseur de messagerie gratuite\u{a0}: −10",
        ),
        (
            json!({"id": "f", "field": "email", "free_mail": false, "points": 5}),
            "E-mail is not at a free-mail provider: +5",
            "E-mail n’est pas chez un fournisseur de messagerie gratuite\u{a0}: +5",
        ),
        (
            json!({"id": "r", "field": "email", "role_address": true, "reason": "No person"}),
            "E-mail is a role address (info@, contact@…) — “No person”",
            "E-mail est une adresse générique (info@, contact@…) — «\u{a0}No person\u{a0}»",
        ),
        (
            json!({"id": "r", "field": "email", "role_address": false, "points": 2}),
            "E-mail is not a role address: +2",
            "E-mail n’est pas une adresse générique\u{a0}: +2",
        ),
        (
            json!({"id": "c", "field": "email", "domain_in": ["rival.com"], "reason": "Competitor"}),
            "E-mail is at “rival.com” — “Competitor”",
            "E-mail est chez «\u{a0}rival.com\u{a0}» — «\u{a0}Competitor\u{a0}»",
        ),
        (
            json!({"id": "n", "field": "do_not_contact", "is": true, "reason": "Asked"}),
            "Do not contact is yes — “Asked”",
            "Ne pas contacter est oui — «\u{a0}Asked\u{a0}»",
        ),
        (
            json!({"id": "n", "field": "do_not_contact", "is": false, "points": 1}),
            "Do not contact is no: +1",
            "Ne pas contacter est non\u{a0}: +1",
        ),
        (
            json!({"id": "a", "all_of": [
                {"field": "job_title", "contains_any": ["vp"]},
                {"any_of": [{"field": "company_size", "at_least": 200}, {"field": "industry", "equals_any": ["Software"]}]}
            ], "points": 20}),
            "Job title contains “vp” and (Company size is at least 200 or Industry is “Software”): +20",
            "Intitulé du poste contient «\u{a0}vp\u{a0}» et (Taille de l’entreprise vaut au moins 200 ou Secteur est «\u{a0}Software\u{a0}»)\u{a0}: +20",
        ),
        (
            json!({"id": "p", "field": "page_views", "per_unit": 1.5, "max": 20}),
            "Page views: +1.5 each, at most 20",
            "Pages vues\u{a0}: +1,5 par unité, au plus 20",
        ),
        (
            json!({"id": "v", "activity": ["Page view", "Download"], "per_unit": 2, "max": 15, "decay": {"half_life_days": 30}}),
            "Events “Page view” or “Download”: +2 each, at most 15, half after 30 days",
            "Événements «\u{a0}Page view\u{a0}» ou «\u{a0}Download\u{a0}»\u{a0}: +2 par événement, au plus 15, moitié moins après 30 jours",
        ),
        (
            json!({"id": "v", "activity": [], "per_unit": 1, "max": 10, "decay": {"step_percent": 25, "period_days": 30}}),
            "Any event: +1 each, at most 10, −25% every 30 days",
            "Tout événement\u{a0}: +1 par événement, au plus 10, −25\u{202f}% tous les 30 jours",
        ),
        (
            json!({"id": "t", "field": "recent_conversion", "contains_any": ["demo", "quote", "rfq"], "reason": "Asked for a demo"}),
            "Recent conversion contains “demo”, “quote” or “rfq” — “Asked for a demo”",
            "Dernière conversion contient «\u{a0}demo\u{a0}», «\u{a0}quote\u{a0}» ou «\u{a0}rfq\u{a0}» — «\u{a0}Asked for a demo\u{a0}»",
        ),
    ];
    for (r, en, fr) in &cases {
        let (e, f) = both(r);
        assert_eq!(&e, en);
        assert_eq!(&f, fr);
    }
    // Anything but "fr" is English.
    let r = rule(cases[0].0.clone());
    assert_eq!(describe_rule(&r, "de"), describe_rule(&r, "en"));
    assert_eq!(describe_rule(&r, ""), describe_rule(&r, "en"));
}

fn preset(json: &str) -> Value {
    serde_json::from_str(json).unwrap()
}

/// The default agreement with `edit` applied, checked.
fn edited(edit: impl FnOnce(&mut Value)) -> Agreement {
    let mut v = preset(presets::B2B_SOFTWARE);
    edit(&mut v);
    Agreement::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn texts(b: &Agreement, lang: &str) -> Vec<String> {
    diff(&Agreement::default(), b, lang)
        .into_iter()
        .map(|c| format!("{} | {}", c.path, c.text))
        .collect()
}

fn one(b: &Agreement) -> String {
    let t = texts(b, "en");
    assert_eq!(t.len(), 1, "{t:#?}");
    t[0].clone()
}

/// A change made to the default agreement's JSON.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn each_kind_of_difference_in_words() {
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|v| v["qualification"]["thresholds"]["mql"]["fit"] = 45.into()),
            "qualification.thresholds.mql.fit | MQL fit threshold 50 → 45",
        ),
        (
            Box::new(|v| v["qualification"]["fit"]["groups"][0]["rules"][0]["points"] = 40.into()),
            "qualification.fit.groups[0].rules[0].points | Rule “decision-maker” (fit, Persona): points 35 → 40",
        ),
        (
            Box::new(|v| {
                let r = &mut v["qualification"]["fit"]["groups"][0]["rules"][0]["contains_any"];
                let list = r.as_array_mut().unwrap();
                list.retain(|k| k != "vp");
                list.push("vp of sales".into());
            }),
            "qualification.fit.groups[0].rules[0].contains_any | Rule “decision-maker” (fit, Persona): keywords added “vp of sales”; removed “vp”",
        ),
        (
            Box::new(|v| {
                v["qualification"]["fit"]["groups"][0]["rules"].as_array_mut().unwrap().remove(3);
            }),
            "qualification.fit.groups[0].rules[3] | Rule “free-mail” removed from Persona (fit)",
        ),
        (
            Box::new(|v| {
                let r = v["qualification"]["fit"]["groups"][0]["rules"].as_array_mut().unwrap().remove(3);
                v["qualification"]["fit"]["groups"][1]["rules"].as_array_mut().unwrap().push(r);
            }),
            "qualification.fit.groups[1].rules[3] | Rule “free-mail” moved from Persona to Company (fit)",
        ),
        (
            Box::new(|v| {
                v["qualification"]["interest"]["groups"].as_array_mut().unwrap().remove(0);
            }),
            "qualification.interest.groups[0] | Group “Web” removed from interest",
        ),
        (
            Box::new(|v| v["qualification"]["fit"]["groups"][1]["cap"] = 40.into()),
            "qualification.fit.groups[1].cap | Group “Company” (fit): cap 35 → 40",
        ),
        (
            Box::new(|v| {
                v["qualification"]["fit"]["groups"].as_array_mut().unwrap().swap(0, 1);
            }),
            "qualification.fit.groups | Groups (fit): new order “Company”, “Persona” and “Industry”",
        ),
        (
            Box::new(|v| v["qualification"]["grades"]["fit"]["A"] = 80.into()),
            "qualification.grades.fit.A | Fit grade A 75 → 80",
        ),
        (
            Box::new(|v| v["qualification"]["interest"]["decay"] = json!({"step_percent": 25, "period_days": 30})),
            "qualification.interest.decay | Decay of interest: half after 30 days → −25% every 30 days",
        ),
        (
            Box::new(|v| v["qualification"]["disqualify"][0]["reason"] = "Nobody to call".into()),
            "qualification.disqualify[0].reason | Disqualifier “role-address”: reason “Role address (info@, contact@…): no person to call” → “Nobody to call”",
        ),
        (
            Box::new(|v| {
                v["qualification"]["fast_track"].as_array_mut().unwrap().push(json!({
                    "id": "quote", "field": "recent_conversion", "contains_any": ["quote"], "reason": "Asked for a quote"
                }));
            }),
            "qualification.fast_track[1] | Fast-track “quote” added: Recent conversion contains “quote” — “Asked for a quote”",
        ),
        (
            Box::new(|v| v["qualification"]["disqualify"] = json!([])),
            "qualification.disqualify[0] | Disqualifier “role-address” removed",
        ),
        (
            Box::new(|v| v["goals"]["revenue_target"] = 1_200_000.into()),
            "goals.revenue_target | Revenue target 1,000,000 → 1,200,000",
        ),
        (
            Box::new(|v| v["goals"]["currency"] = "EUR".into()),
            "goals.currency | Currency USD → EUR",
        ),
        (
            Box::new(|v| v["goals"]["period"]["end"] = "2027-06-30".into()),
            "goals.period.end | Period end 2027-12-31 → 2027-06-30",
        ),
        (
            Box::new(|v| v["goals"]["average_deal_size"] = 25_000.into()),
            "goals.average_deal_size | Average deal size none → 25,000",
        ),
        (
            Box::new(|v| v["goals"]["planned_rates"]["sql_to_won"] = 0.3.into()),
            "goals.planned_rates.sql_to_won | Planned rate SQL → won 25% → 30%",
        ),
        (
            Box::new(|v| v["goals"]["capacity"]["reps"] = 5.into()),
            "goals.capacity.reps | Sales reps 4 → 5",
        ),
        (
            Box::new(|v| v["definitions"]["stages"][2]["name"]["fr"] = "MQL".into()),
            "definitions.stages[2].name.fr | Stage “Marketing qualified lead”: name (fr) “Lead qualifié marketing (MQL)” → “MQL”",
        ),
        (
            Box::new(|v| v["definitions"]["stage_map"] = json!({"Working - Contacted": "sal"})),
            "definitions.stage_map.Working - Contacted | Export label “Working - Contacted” none → sal",
        ),
        (
            Box::new(|v| v["mapping"] = json!({"job_title": "Intitulé"})),
            "mapping.job_title | Column for Job title none → “Intitulé”",
        ),
        (
            Box::new(|v| v["handoff"]["fields"].as_array_mut().unwrap().push("owner".into())),
            "handoff.fields | Fields sent to sales added “owner”",
        ),
        (
            Box::new(|v| v["handoff"]["recycle"]["after_attempts"] = 5.into()),
            "handoff.recycle.after_attempts | Return to marketing after (attempts) 6 → 5",
        ),
        (
            Box::new(|v| v["nurture"]["tracks"][1]["when"]["interest_band"] = json!(["1"])),
            "nurture.tracks[1].when.interest_band | Nurture track “Decision”: entry: interest grade removed “2”",
        ),
        (
            Box::new(|v| {
                v["nurture"]["tracks"].as_array_mut().unwrap().remove(3);
            }),
            "nurture.tracks[3] | Nurture track “Awareness” removed",
        ),
        (
            Box::new(|v| v["follow_up"]["first_touch_hours"] = 8.into()),
            "follow_up.first_touch_hours | First-touch deadline (business hours) 24 → 8",
        ),
        (
            Box::new(|v| v["follow_up"]["cadence_days"] = json!([0, 2, 4])),
            "follow_up.cadence_days | Cadence (days after the handoff) 0, 1, 3, 5, 8, 13 → 0, 2, 4",
        ),
        (
            Box::new(|v| v["follow_up"]["business_hours"]["time_zone"] = "Europe/London".into()),
            "follow_up.business_hours.time_zone | Time zone Europe/Paris → Europe/London",
        ),
        (
            Box::new(|v| v["kpis"]["targets"]["mql_acceptance_rate"] = 0.85.into()),
            "kpis.targets.mql_acceptance_rate | Target: MQL acceptance rate 90% → 85%",
        ),
        (
            Box::new(|v| v["name"] = "Ours".into()),
            "name | Name “B2B software” → “Ours”",
        ),
        (
            Box::new(|v| v["locale"] = "fr".into()),
            "locale | Language en → fr",
        ),
        (
            Box::new(|v| v["as_of"] = "2027-03-01".into()),
            "as_of | As-of date today → 2027-03-01",
        ),
    ];
    for (edit, want) in cases {
        assert_eq!(one(&edited(edit)), want);
    }
}

#[test]
fn rule_changes_added_rules_and_modes() {
    // A rule added to a group, and a rule whose condition changed, told whole.
    let b = edited(|v| {
        v["qualification"]["fit"]["groups"][0]["rules"][3] = json!({
            "id": "free-mail", "field": "email", "domain_in": ["gmail.com"], "points": -10
        });
        v["qualification"]["fit"]["groups"][1]["rules"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "tiny", "field": "company_size", "at_most": 10, "points": -20}));
    });
    assert_eq!(
        texts(&b, "en"),
        [
            "qualification.fit.groups[0].rules[3] | Rule “free-mail” (fit, Persona): E-mail is at a free-mail provider: −10 → E-mail is at “gmail.com”: −10",
            "qualification.fit.groups[1].rules[3] | Rule “tiny” added to Company (fit): Company size is at most 10: −20",
        ]
    );
    // A group added, with its rules; the combined mode with its weights.
    let b = edited(|v| {
        v["qualification"]["interest"]["groups"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "Events", "cap": 20, "rules": [
                {"id": "visits", "activity": ["Page view"], "per_unit": 2, "max": 15}
            ]}));
        v["qualification"]["thresholds"]["mode"] = "combined".into();
        v["qualification"]["thresholds"]["combined"] =
            json!({"weights": {"fit": 0.6, "interest": 0.4}, "mql": 50, "sql": 65});
    });
    let t = texts(&b, "en");
    assert_eq!(
        t[0],
        "qualification.interest.groups[3] | Group “Events” added to interest (cap 20): Events “Page view”: +2 each, at most 15"
    );
    assert!(
        t.contains(
            &"qualification.thresholds.mode | Threshold mode each axis → combined".to_string()
        ),
        "{t:#?}"
    );
    assert!(
        t.contains(
            &"qualification.thresholds.combined.weights.fit | Weight of fit none → 0.6".to_string()
        ),
        "{t:#?}"
    );
    assert!(
        t.contains(
            &"qualification.thresholds.combined.mql | Combined MQL threshold none → 50".to_string()
        ),
        "{t:#?}"
    );
    // Rules reordered within their group; French.
    let b = edited(|v| {
        v["qualification"]["fit"]["groups"][2]["rules"]
            .as_array_mut()
            .unwrap()
            .swap(0, 1);
        v["qualification"]["thresholds"]["sql"]["interest"] = 55.into();
    });
    assert_eq!(
        texts(&b, "fr"),
        [
            "qualification.fit.groups[2].rules | Règles de Industry (adéquation)\u{a0}: nouvel ordre «\u{a0}public-sector\u{a0}» et «\u{a0}target-industry\u{a0}»",
            "qualification.thresholds.sql.interest | Seuil SQL d’intérêt 60 → 55",
        ]
    );
}

#[test]
fn french_differences() {
    let b = edited(|v| {
        v["qualification"]["thresholds"]["mql"]["fit"] = 45.into();
        v["qualification"]["interest"]["groups"]
            .as_array_mut()
            .unwrap()
            .remove(0);
        v["goals"]["revenue_target"] = 1_234_000.into();
    });
    assert_eq!(
        texts(&b, "fr"),
        [
            "goals.revenue_target | Objectif de chiffre d’affaires 1\u{202f}000\u{202f}000 → 1\u{202f}234\u{202f}000",
            "qualification.interest.groups[0] | Groupe «\u{a0}Web\u{a0}» retiré (intérêt)",
            "qualification.thresholds.mql.fit | Seuil MQL d’adéquation 50 → 45",
        ]
    );
}

#[test]
fn no_difference_with_itself_and_none_after_migrating_version_1() {
    for (_, json) in presets::PRESETS {
        let a = Agreement::from_json(json).unwrap();
        assert!(diff(&a, &a.clone(), "en").is_empty());
        assert!(diff(&a, &a, "fr").is_empty());
    }
    let mut v = preset(presets::B2B_SOFTWARE);
    v["version"] = 1.into();
    v["qualification"]["thresholds"]
        .as_object_mut()
        .unwrap()
        .remove("mode");
    let (migrated, notes) = Agreement::parse(&v.to_string()).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(diff(&Agreement::default(), &migrated, "en").is_empty());
    // Every preset against every other: something to say, never a blank.
    for (_, x) in presets::PRESETS {
        for (_, y) in presets::PRESETS {
            let (a, b) = (
                Agreement::from_json(x).unwrap(),
                Agreement::from_json(y).unwrap(),
            );
            let d = diff(&a, &b, "fr");
            assert_eq!(d.is_empty(), a.to_json() == b.to_json());
            assert!(d
                .iter()
                .all(|c| !c.text.is_empty() && !c.text.contains("{}")));
        }
    }
}

mod property {
    use super::*;
    use proptest::prelude::*;

    /// Every path in a JSON tree.
    fn paths(v: &Value, here: Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(here.clone());
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let mut p = here.clone();
                    p.push(Value::from(k.as_str()));
                    paths(x, p, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let mut p = here.clone();
                    p.push(Value::from(i));
                    paths(x, p, out);
                }
            }
            _ => {}
        }
    }

    fn at<'v>(v: &'v mut Value, path: &[Value]) -> &'v mut Value {
        path.iter().fold(v, |v, k| match k {
            Value::String(s) => &mut v[s.as_str()],
            _ => &mut v[k.as_u64().unwrap() as usize],
        })
    }

    /// Apply mutation `kind` with `seed` at one of the tree's paths.
    fn mutate(v: &mut Value, pick: usize, kind: u8, seed: u32) {
        let mut all = Vec::new();
        paths(v, Vec::new(), &mut all);
        let path = &all[pick % all.len()];
        let words = [
            "vp",
            "fit",
            "mql",
            "Persona",
            "",
            "axes",
            "combined",
            "decision",
            "2027-01-01",
        ];
        let target = at(v, path);
        match kind {
            0 => *target = Value::from(f64::from(seed % 120) - 10.0),
            1 => *target = Value::from(seed % 7),
            2 => *target = Value::from(words[seed as usize % words.len()]),
            3 => *target = Value::from(seed % 2 == 0),
            4 => *target = Value::Null,
            5 => {
                // Remove the last key or item below this node, or the node's own list item.
                match target {
                    Value::Object(m) => {
                        let k = m.keys().nth(seed as usize % m.len().max(1)).cloned();
                        if let Some(k) = k {
                            m.shift_remove(&k);
                        }
                    }
                    Value::Array(a) if !a.is_empty() => {
                        a.remove(seed as usize % a.len());
                    }
                    _ => {}
                }
            }
            6 => {
                // Reorder or duplicate list items.
                if let Value::Array(a) = target {
                    if a.len() > 1 {
                        let (i, j) = (seed as usize % a.len(), (seed as usize / 7) % a.len());
                        a.swap(i, j);
                    } else if let Some(x) = a.first().cloned() {
                        a.push(x);
                    }
                }
            }
            7 => {
                if let Value::Array(a) = target {
                    a.push(Value::from(words[seed as usize % words.len()]));
                } else if let Value::Object(m) = target {
                    m.insert(
                        words[seed as usize % words.len()].into(),
                        Value::from(seed % 50),
                    );
                }
            }
            _ => {
                if let Some(x) = target.as_f64() {
                    *target = Value::from(x + 1.0);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// diff(a, b) is empty exactly when a and b serialise to the same JSON, both ways, in
        /// both languages; and every change says something.
        #[test]
        fn empty_exactly_when_the_json_is_the_same(
            which in 0usize..3,
            edits in proptest::collection::vec((any::<usize>(), 0u8..9, any::<u32>()), 1..4),
            lang in prop_oneof![Just("en"), Just("fr")],
        ) {
            let base = presets::PRESETS[which].1;
            let mut v: Value = serde_json::from_str(base).unwrap();
            for (pick, kind, seed) in edits {
                mutate(&mut v, pick, kind, seed);
            }
            // Unchecked on purpose: the words must cope with any agreement the types allow.
            let Ok(b) = serde_json::from_value::<Agreement>(v) else { return Ok(()); };
            let a = Agreement::from_json(base).unwrap();
            let same = a.to_json() == b.to_json();
            for (x, y) in [(&a, &b), (&b, &a)] {
                let d = diff(x, y, lang);
                prop_assert_eq!(d.is_empty(), same, "{:?}", d.iter().map(|c| &c.text).collect::<Vec<_>>());
                for c in &d {
                    prop_assert!(!c.text.trim().is_empty() && !c.path.is_empty(), "{:?}", c);
                    prop_assert!(!c.text.contains("{}"), "{}", c.text);
                }
            }
        }
    }
}

fn sample(rows: usize) -> Workbench {
    let mut wb = Workbench::new();
    wb.load_csv(&accord::sample::sample_csv(rows, 42)).unwrap();
    wb
}

fn all_text(doc: &SlaDoc, part: &str) -> String {
    let p = doc.parts.iter().find(|p| p.id == part).unwrap();
    let mut out = String::new();
    for b in &p.blocks {
        match b {
            Block::Paragraph { text } => out.push_str(text),
            Block::List { items } => out.push_str(&items.join("\n")),
            Block::Table { head, rows } => {
                out.push_str(&head.join("|"));
                for r in rows {
                    out.push_str(&r.join("|"));
                    out.push('\n');
                }
            }
            Block::Figures { items } => {
                for f in items {
                    let note = f.note.as_deref().unwrap_or("-");
                    out.push_str(&format!("{}: {} ({note})\n", f.label, f.value));
                }
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_sla_document_has_seven_parts_with_the_current_figures() {
    let wb = sample(2000);
    let doc = wb.sla_document("en");
    let ids: Vec<&str> = doc.parts.iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        [
            "goals",
            "definitions",
            "qualification",
            "handoff",
            "nurture",
            "follow_up",
            "kpis"
        ]
    );
    let numbers: Vec<u8> = doc.parts.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    assert!(doc
        .parts
        .iter()
        .all(|p| !p.title.is_empty() && !p.blocks.is_empty()));
    assert!(doc.subtitle.contains("2,000 leads"), "{}", doc.subtitle);
    let q = all_text(&doc, "qualification");
    assert!(q.contains("MQL line: fit ≥ 50 and interest ≥ 40"), "{q}");
    assert!(q.contains("SQL line: fit ≥ 65 and interest ≥ 60"), "{q}");
    let mqls = wb.results().mqls;
    assert!(q.contains(&format!("MQLs: {} (", fmt_en(mqls))), "{q}");
    assert!(q.contains("Job title contains “ceo”, “cto”"), "{q}");
    // Moving the MQL line changes what the document says.
    let mut a = wb.agreement().clone();
    a.qualification.thresholds.mql.fit = 30.0;
    let mut wb = wb;
    wb.set_agreement(a);
    let q = all_text(&wb.sla_document("en"), "qualification");
    assert!(q.contains("MQL line: fit ≥ 30 and interest ≥ 40"), "{q}");
    assert!(
        q.contains(&format!("MQLs: {} (", fmt_en(wb.results().mqls))),
        "{q}"
    );
    let k = all_text(&wb.sla_document("en"), "kpis");
    assert!(k.contains("MQL acceptance rate|"), "{k}");
    assert!(k.contains("|90%|"), "{k}");
    let f = all_text(&wb.sla_document("en"), "follow_up");
    assert!(f.contains("First touch within: 24 business hours"), "{f}");
    assert!(f.contains("First touch within the SLA: "), "{f}");
    // Markdown for the CLI.
    let md = wb.sla_document("en").to_markdown();
    assert!(md.starts_with("# Service-level agreement"));
    assert_eq!(md.matches("\n## ").count(), 7);
}

fn fmt_en(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_french_document_speaks_french_with_french_numbers() {
    let wb = sample(2000);
    let doc = wb.sla_document("fr");
    assert!(doc.title.starts_with("Accord de niveau de service"));
    assert_eq!(doc.parts[0].title, "Objectifs communs");
    assert_eq!(doc.parts[2].title, "Qualification des prospects");
    assert!(
        doc.subtitle.contains("2\u{202f}000 leads"),
        "{}",
        doc.subtitle
    );
    let d = all_text(&doc, "definitions");
    assert!(d.contains("Lead qualifié marketing (MQL)"), "{d}");
    assert!(!d.contains("Marketing qualified lead"), "{d}");
    let q = all_text(&doc, "qualification");
    assert!(
        q.contains("Seuil MQL: adéquation ≥ 50 et intérêt ≥ 40"),
        "{q}"
    );
    let mqls = wb.results().mqls;
    let rate = mqls as f64 / 2000.0 * 100.0;
    let rate = format!("{:.1}", rate)
        .trim_end_matches(".0")
        .replace('.', ",");
    assert!(
        q.contains(&format!("{}\u{202f}% des leads", rate)),
        "{q} / {rate}"
    );
    let n = all_text(&doc, "nurture");
    assert!(
        n.contains("Relance|Considération|renvoyé par les ventes"),
        "{n}"
    );
    let g = all_text(&doc, "goals");
    assert!(g.contains("1\u{202f}000\u{202f}000\u{a0}$US"), "{g}");
}

#[test]
fn without_data_the_figures_say_so() {
    let wb = Workbench::new();
    for lang in ["en", "fr"] {
        let doc = wb.sla_document(lang);
        assert_eq!(doc.parts.len(), 7);
        let q = all_text(&doc, "qualification");
        let no_data = if lang == "en" {
            "No data loaded"
        } else {
            "Aucune donnée chargée"
        };
        assert!(q.contains(no_data), "{q}");
        assert!(doc.subtitle.contains(if lang == "en" {
            "no data loaded"
        } else {
            "aucune donnée"
        }));
        let k = all_text(&doc, "kpis");
        assert!(k.contains(no_data), "{k}");
    }
}

#[test]
fn an_agreement_with_empty_parts_does_not_panic() {
    let v = json!({
        "version": 2,
        "qualification": {
            "fit": { "groups": [ { "name": "Empty", "rules": [] } ] },
            "interest": { "groups": [] },
            "grades": { "fit": { "A": 0 }, "interest": { "1": 0 } },
            "thresholds": { "mql": { "fit": 0, "interest": 0 }, "sql": { "fit": 0, "interest": 0 } }
        }
    });
    let a = Agreement::from_json(&v.to_string()).unwrap();
    let mut wb = Workbench::new();
    wb.set_agreement(a.clone());
    for lang in ["en", "fr"] {
        let doc = wb.sla_document(lang);
        assert_eq!(doc.parts.len(), 7);
    }
    wb.load_csv("Email,Job Title\nana@acme.io,VP\n").unwrap();
    for lang in ["en", "fr"] {
        let doc = wb.sla_document(lang);
        assert_eq!(doc.parts.len(), 7);
        assert!(!doc.to_markdown().is_empty());
    }
    // The difference from the default is told, and back.
    let d = diff(&Agreement::default(), &a, "en");
    assert!(!d.is_empty());
    assert!(!diff(&a, &Agreement::default(), "fr").is_empty());
}
