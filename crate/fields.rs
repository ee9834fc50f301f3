//! Canonical lead fields and the mapping of an export's headers onto them.
//!
//! Rules name canonical fields (`job_title`) or any header as written; the mapping finds which
//! column feeds which field from header synonyms (HubSpot, Salesforce, Marketo, Pipedrive, Zoho,
//! in English and French), insensitive to case, accents, spacing and punctuation, then from the
//! values where headers say nothing. The agreement's `mapping` overrides it.

use crate::table::{ColumnData, Table};
use crate::text::header_key;
use std::collections::BTreeMap;

/// A canonical field and the header keys that name it (see [`header_key`]), strongest first.
pub struct FieldSpec {
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
}

/// Every canonical field the engine knows, in display order.
#[rustfmt::skip]
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec { name: "lead_id", synonyms: &["lead id", "record id", "contact id", "prospect id", "lead number", "id", "contact record id", "id du contact", "id du lead", "identifiant", "zoho id", "person id", "marketo id"] },
    FieldSpec { name: "email", synonyms: &["email", "e mail", "email address", "e mail address", "adresse email", "adresse e mail", "courriel", "mail", "primary email", "work email", "business email", "email professionnel"] },
    FieldSpec { name: "first_name", synonyms: &["first name", "firstname", "prenom", "given name"] },
    FieldSpec { name: "last_name", synonyms: &["last name", "lastname", "nom", "surname", "family name", "nom de famille"] },
    FieldSpec { name: "company", synonyms: &["company", "company name", "account name", "account", "organization", "organisation", "organization name", "entreprise", "societe", "nom de l entreprise", "nom de la societe", "raison sociale"] },
    FieldSpec { name: "job_title", synonyms: &["job title", "title", "jobtitle", "job function", "position", "role", "designation", "intitule du poste", "poste", "fonction", "titre", "occupation", "what is your current occupation"] },
    FieldSpec { name: "company_size", synonyms: &["company size", "number of employees", "numberofemployees", "no of employees", "nb of employees", "employees", "employee count", "employee range", "company size range", "headcount", "size", "taille de l entreprise", "effectif", "effectifs", "nombre d employes", "nombre de salaries", "tranche d effectif"] },
    FieldSpec { name: "industry", synonyms: &["industry", "industrie", "secteur", "secteur d activite", "sector", "vertical", "specialization"] },
    FieldSpec { name: "country", synonyms: &["country", "country region", "country name", "pays", "mailing country", "billing country"] },
    FieldSpec { name: "lead_source", synonyms: &["lead source", "original source", "original source type", "source", "leadsource", "source du lead", "source d origine", "origine", "lead origin", "acquisition channel"] },
    FieldSpec { name: "create_date", synonyms: &["create date", "created date", "createdate", "date created", "created at", "created time", "creation date", "date de creation", "cree le", "lead created date"] },
    FieldSpec { name: "page_views", synonyms: &["page views", "number of pageviews", "pageviews", "number of page views", "pages vues", "nombre de pages vues", "page views per visit"] },
    FieldSpec { name: "sessions", synonyms: &["sessions", "number of sessions", "total visits", "totalvisits", "visits", "number of visits", "visites", "nombre de sessions", "nombre de visites"] },
    FieldSpec { name: "form_submissions", synonyms: &["form submissions", "number of form submissions", "forms submitted", "form fills", "soumissions de formulaire", "nombre de soumissions de formulaire", "formulaires soumis"] },
    FieldSpec { name: "email_opens", synonyms: &["email opens", "marketing emails opened", "emails opened", "email opened", "ouvertures d e mails", "ouvertures email", "e mails marketing ouverts"] },
    FieldSpec { name: "email_clicks", synonyms: &["email clicks", "marketing emails clicked", "emails clicked", "email clicked", "clics e mail", "clics email", "e mails marketing cliques"] },
    FieldSpec { name: "recent_conversion", synonyms: &["recent conversion", "recent conversion event name", "last conversion", "most recent conversion", "derniere conversion", "conversion recente", "last activity", "derniere activite"] },
    FieldSpec { name: "last_activity_date", synonyms: &["last activity date", "last engagement date", "date de derniere activite", "last modified date"] },
    FieldSpec { name: "lifecycle_stage", synonyms: &["lifecycle stage", "lifecyclestage", "lifecycle", "phase du cycle de vie", "etape du cycle de vie", "lead status", "status", "stage", "lead stage", "statut", "statut du lead", "statut du prospect", "person status"] },
    FieldSpec { name: "mql_date", synonyms: &["became mql date", "became a marketing qualified lead date", "date entered marketing qualified lead", "mql date", "date mql", "est devenu un lead qualifie marketing le", "date de passage en mql"] },
    FieldSpec { name: "sql_date", synonyms: &["became sql date", "became a sales qualified lead date", "date entered sales qualified lead", "sql date", "date sql", "est devenu un lead qualifie commercial le", "date de passage en sql"] },
    FieldSpec { name: "opportunity_date", synonyms: &["became opportunity date", "became an opportunity date", "date entered opportunity", "opportunity date", "opportunity created date", "date opportunite", "est devenu une opportunite le"] },
    FieldSpec { name: "customer_date", synonyms: &["became customer date", "became a customer date", "date entered customer", "customer date", "close date", "closed date", "date client", "est devenu un client le", "date de signature"] },
    FieldSpec { name: "first_touch_date", synonyms: &["first sales touch", "first touch", "first contact date", "first sales activity date", "first response date", "premier contact", "date du premier contact"] },
    FieldSpec { name: "sales_activities", synonyms: &["sales activities", "number of sales activities", "activities", "activity count", "activites commerciales", "nombre d activites commerciales", "nombre d activites"] },
    FieldSpec { name: "owner", synonyms: &["owner", "contact owner", "lead owner", "hubspot owner", "owner name", "assigned to", "sales rep", "proprietaire", "proprietaire du contact", "commercial", "responsable"] },
    FieldSpec { name: "outcome", synonyms: &["outcome", "converted", "is won", "won", "result", "deal result", "resultat", "issue", "converti"] },
    FieldSpec { name: "deal_amount", synonyms: &["deal amount", "amount", "opportunity amount", "montant", "montant de l affaire", "montant de la transaction", "revenue", "deal value", "chiffre d affaires"] },
    FieldSpec { name: "do_not_contact", synonyms: &["do not contact", "do not call", "do not email", "unsubscribed", "opted out", "email opt out", "ne pas contacter", "desabonne"] },
];

/// Which column feeds each canonical field: field name → column index.
pub type Mapping = BTreeMap<&'static str, usize>;

/// The mapping, with how sure each entry is (0–1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Detection {
    pub mapping: Mapping,
    pub confidence: BTreeMap<&'static str, f64>,
}

/// Confidence of a mapping the agreement sets.
pub const SURE: f64 = 1.0;
/// A header that is one of the field's known names.
const EXACT: f64 = 0.95;
/// A header that contains a known name as whole words ("Job Title (Contact)").
const PARTIAL: f64 = 0.7;
/// No header says so, but the values do (e-mail addresses).
const FROM_VALUES: f64 = 0.6;

/// Map `table`'s headers onto canonical fields. `overrides` (from the agreement) maps a field
/// name to a header as written and wins over detection. Each column feeds at most one field.
///
/// An override naming a header the table lacks is ignored (detection decides); an override of
/// `""` switches the field off: no column feeds it.
pub fn detect(table: &Table, overrides: &BTreeMap<String, String>) -> Detection {
    let off = |name: &str| overrides.get(name).is_some_and(|h| h.is_empty());
    let keys: Vec<String> = table.columns.iter().map(|c| header_key(&c.name)).collect();
    let mut used = vec![false; keys.len()];
    let mut d = Detection::default();
    let set = |d: &mut Detection, used: &mut [bool], field: &'static str, col: usize, conf: f64| {
        d.mapping.insert(field, col);
        d.confidence.insert(field, conf);
        used[col] = true;
    };
    for spec in FIELDS {
        if let Some(header) = overrides.get(spec.name) {
            if let Some(i) = table.find(header) {
                set(&mut d, &mut used, spec.name, i, SURE);
            }
        }
    }
    // Exact names first, across all fields, so that "Email Opens" goes to email_opens before
    // anything partial could claim it.
    for spec in FIELDS {
        if d.mapping.contains_key(spec.name) || off(spec.name) {
            continue;
        }
        let found = spec
            .synonyms
            .iter()
            .find_map(|syn| (0..keys.len()).find(|&i| !used[i] && keys[i] == *syn));
        if let Some(i) = found {
            set(&mut d, &mut used, spec.name, i, EXACT);
        }
    }
    // Partial names: the longest known name found as whole words in a header wins first, so
    // that "Contact Email Opens" goes to email_opens (11 letters) rather than email (5).
    let mut candidates: Vec<(usize, usize, &'static str, usize)> = Vec::new();
    for spec in FIELDS
        .iter()
        .filter(|s| !d.mapping.contains_key(s.name) && !off(s.name))
    {
        for syn in spec.synonyms.iter().filter(|syn| syn.len() >= 4) {
            for (i, key) in keys.iter().enumerate() {
                if !used[i] && contains_words(key, syn) {
                    candidates.push((syn.len(), usize::MAX - key.len(), spec.name, i));
                }
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for (_, _, field, i) in candidates {
        if !used[i] && !d.mapping.contains_key(field) {
            set(&mut d, &mut used, field, i, PARTIAL);
        }
    }
    if !d.mapping.contains_key("email") && !off("email") {
        if let Some(i) = (0..keys.len()).find(|&i| !used[i] && mostly_emails(table, i)) {
            set(&mut d, &mut used, "email", i, FROM_VALUES);
        }
    }
    d
}

fn contains_words(key: &str, words: &str) -> bool {
    key != words && crate::text::contains_word(key, words)
}

/// Whether most distinct values of a text column look like e-mail addresses.
fn mostly_emails(table: &Table, col: usize) -> bool {
    let Some(ColumnData::Text { dict, .. }) = table.columns.get(col).map(|c| &c.data) else {
        return false;
    };
    let sample: Vec<&str> = dict.iter().skip(1).take(200).collect();
    let hits = sample
        .iter()
        .filter(|v| v.contains('@') && v.contains('.') && !v.contains(' '))
        .count();
    !sample.is_empty() && hits * 10 >= sample.len() * 8
}

/// The canonical field name `name` refers to, if it is one.
pub fn canonical(name: &str) -> Option<&'static str> {
    FIELDS.iter().find(|f| f.name == name).map(|f| f.name)
}

/// The column a rule's `field` refers to: a canonical field through the mapping (only: a field
/// switched off feeds nothing, even where a header spells its name), else a header.
pub fn resolve(table: &Table, mapping: &Mapping, field: &str) -> Option<usize> {
    match canonical(field) {
        Some(f) => mapping.get(f).copied(),
        None => table.find(field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::TableBuilder;

    fn table(headers: &[&str]) -> Table {
        let mut b = TableBuilder::new(headers.iter().map(|s| s.to_string()).collect());
        b.push_row(headers.iter().map(|_| "x"));
        b.finish_text()
    }

    fn mapped(headers: &[&str]) -> Detection {
        detect(&table(headers), &BTreeMap::new())
    }

    #[test]
    fn an_empty_override_switches_a_field_off_and_another_moves_a_column() {
        let t = table(&["Email", "Job Title", "Role"]);
        let auto = detect(&t, &BTreeMap::new());
        assert_eq!(auto.mapping.get("job_title"), Some(&1));
        let off = BTreeMap::from([("job_title".to_string(), String::new())]);
        assert_eq!(detect(&t, &off).mapping.get("job_title"), None);
        // Not even a header spelled like the field feeds a field switched off.
        let literal = table(&["job_title"]);
        let d = detect(&literal, &off);
        assert_eq!(resolve(&literal, &d.mapping, "job_title"), None);
        assert_eq!(
            resolve(&literal, &mapped(&["job_title"]).mapping, "job_title"),
            Some(0)
        );
        let moved = BTreeMap::from([("job_title".to_string(), "Role".to_string())]);
        assert_eq!(detect(&t, &moved).mapping.get("job_title"), Some(&2));
        let missing = BTreeMap::from([("job_title".to_string(), "Nope".to_string())]);
        assert_eq!(detect(&t, &missing).mapping.get("job_title"), Some(&1));
    }

    #[test]
    fn detects_english_and_french_headers() {
        let d = mapped(&["E-mail", "Intitulé du poste", "Effectif", "Pages vues"]);
        assert_eq!(d.mapping.get("email"), Some(&0));
        assert_eq!(d.mapping.get("job_title"), Some(&1));
        assert_eq!(d.mapping.get("company_size"), Some(&2));
        assert_eq!(d.mapping.get("page_views"), Some(&3));
        assert_eq!(d.confidence.get("email"), Some(&EXACT));
    }

    #[test]
    fn crm_header_families() {
        // HubSpot, Salesforce, Marketo, Pipedrive, Zoho and French exports.
        for (header, field) in [
            ("Number of Employees", "company_size"),
            ("No. of Employees", "company_size"),
            ("Nombre d'employés", "company_size"),
            ("Taille de l'entreprise", "company_size"),
            ("Lifecycle Stage", "lifecycle_stage"),
            ("Phase du cycle de vie", "lifecycle_stage"),
            ("Became a Marketing Qualified Lead Date", "mql_date"),
            ("Number of Sales Activities", "sales_activities"),
            ("Fonction", "job_title"),
            ("Title", "job_title"),
            ("Record ID", "lead_id"),
            ("Lead Source", "lead_source"),
            ("Original Source", "lead_source"),
            ("Account Name", "company"),
            ("Marketing emails clicked", "email_clicks"),
            ("Date de création", "create_date"),
        ] {
            let d = mapped(&[header, "Something else"]);
            assert_eq!(d.mapping.get(field), Some(&0), "{header} → {field}");
        }
    }

    #[test]
    fn partial_names_and_values() {
        let d = mapped(&["Job Title (Contact)", "Contact Email Opens"]);
        assert_eq!(d.mapping.get("job_title"), Some(&0));
        assert_eq!(d.confidence.get("job_title"), Some(&PARTIAL));
        // "Email Opens" inside a longer header is email_opens, not email.
        assert_eq!(d.mapping.get("email_opens"), Some(&1));
        assert_eq!(d.mapping.get("email"), None);

        let mut b = TableBuilder::new(vec!["Who".into(), "Notes".into()]);
        b.push_row(["ana@acme.io", "hello"]);
        b.push_row(["bob@corp.fr", "x"]);
        let d = detect(&b.finish_text(), &BTreeMap::new());
        assert_eq!(d.mapping.get("email"), Some(&0));
        assert_eq!(d.confidence.get("email"), Some(&FROM_VALUES));
    }

    #[test]
    fn overrides_win_and_columns_are_used_once() {
        let t = table(&["Title", "Job Title", "Fonction X"]);
        let mut o = BTreeMap::new();
        let d = detect(&t, &o);
        assert_eq!(d.mapping.get("job_title"), Some(&1));
        o.insert("job_title".to_string(), "Fonction X".to_string());
        let d = detect(&t, &o);
        assert_eq!(d.mapping.get("job_title"), Some(&2));
        assert_eq!(d.confidence.get("job_title"), Some(&SURE));
        assert_eq!(resolve(&t, &d.mapping, "Title"), Some(0));
        assert_eq!(resolve(&t, &d.mapping, "job_title"), Some(2));
        assert_eq!(resolve(&t, &d.mapping, "nope"), None);
    }
}
