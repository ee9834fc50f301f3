//! Canonical lead fields and the mapping of an export's headers onto them.
//!
//! Rules name canonical fields (`job_title`) or any header as written; the mapping finds which
//! column feeds which field from known header synonyms (HubSpot, Salesforce, Marketo, French
//! exports), and the agreement's `mapping` overrides it.

use crate::table::Table;
use crate::text::header_key;
use std::collections::BTreeMap;

/// A canonical field and the header keys that name it (see [`header_key`]).
pub struct FieldSpec {
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
}

/// Every canonical field the engine knows, in display order.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        name: "email",
        synonyms: &[
            "email",
            "e mail",
            "email address",
            "adresse email",
            "adresse e mail",
            "courriel",
            "mail",
        ],
    },
    FieldSpec {
        name: "first_name",
        synonyms: &["first name", "firstname", "prenom", "given name"],
    },
    FieldSpec {
        name: "last_name",
        synonyms: &[
            "last name",
            "lastname",
            "nom",
            "surname",
            "family name",
            "nom de famille",
        ],
    },
    FieldSpec {
        name: "company",
        synonyms: &[
            "company",
            "company name",
            "account name",
            "account",
            "organization",
            "organisation",
            "entreprise",
            "societe",
            "nom de l entreprise",
        ],
    },
    FieldSpec {
        name: "job_title",
        synonyms: &[
            "job title",
            "title",
            "jobtitle",
            "position",
            "role",
            "intitule du poste",
            "poste",
            "fonction",
            "titre",
            "occupation",
            "what is your current occupation",
        ],
    },
    FieldSpec {
        name: "company_size",
        synonyms: &[
            "company size",
            "employees",
            "number of employees",
            "numberofemployees",
            "no of employees",
            "employee count",
            "headcount",
            "taille de l entreprise",
            "effectif",
            "nombre d employes",
            "nombre de salaries",
        ],
    },
    FieldSpec {
        name: "industry",
        synonyms: &[
            "industry",
            "industrie",
            "secteur",
            "secteur d activite",
            "sector",
            "vertical",
        ],
    },
    FieldSpec {
        name: "country",
        synonyms: &["country", "country region", "pays", "country name"],
    },
    FieldSpec {
        name: "lead_source",
        synonyms: &[
            "lead source",
            "original source",
            "source",
            "leadsource",
            "source du lead",
            "origine",
            "lead origin",
        ],
    },
    FieldSpec {
        name: "create_date",
        synonyms: &[
            "create date",
            "created date",
            "createdate",
            "date created",
            "created at",
            "date de creation",
        ],
    },
    FieldSpec {
        name: "page_views",
        synonyms: &[
            "page views",
            "number of pageviews",
            "pageviews",
            "pages vues",
            "nombre de pages vues",
        ],
    },
    FieldSpec {
        name: "sessions",
        synonyms: &[
            "sessions",
            "number of sessions",
            "total visits",
            "totalvisits",
            "visits",
            "visites",
            "nombre de sessions",
        ],
    },
    FieldSpec {
        name: "form_submissions",
        synonyms: &[
            "form submissions",
            "number of form submissions",
            "forms submitted",
            "soumissions de formulaire",
            "formulaires soumis",
        ],
    },
    FieldSpec {
        name: "email_opens",
        synonyms: &[
            "email opens",
            "marketing emails opened",
            "emails opened",
            "ouvertures d e mails",
            "ouvertures email",
        ],
    },
    FieldSpec {
        name: "email_clicks",
        synonyms: &[
            "email clicks",
            "marketing emails clicked",
            "emails clicked",
            "clics e mail",
            "clics email",
        ],
    },
    FieldSpec {
        name: "recent_conversion",
        synonyms: &[
            "recent conversion",
            "recent conversion event name",
            "last conversion",
            "derniere conversion",
            "conversion recente",
            "last activity",
        ],
    },
    FieldSpec {
        name: "lifecycle_stage",
        synonyms: &[
            "lifecycle stage",
            "lifecyclestage",
            "lead status",
            "status",
            "stage",
            "etape du cycle de vie",
            "statut",
        ],
    },
    FieldSpec {
        name: "mql_date",
        synonyms: &[
            "became mql date",
            "became a marketing qualified lead date",
            "mql date",
            "date mql",
        ],
    },
    FieldSpec {
        name: "sql_date",
        synonyms: &[
            "became sql date",
            "became a sales qualified lead date",
            "sql date",
            "date sql",
        ],
    },
    FieldSpec {
        name: "opportunity_date",
        synonyms: &[
            "became opportunity date",
            "became an opportunity date",
            "opportunity date",
            "date opportunite",
        ],
    },
    FieldSpec {
        name: "customer_date",
        synonyms: &[
            "became customer date",
            "became a customer date",
            "customer date",
            "close date",
            "date client",
        ],
    },
    FieldSpec {
        name: "first_touch_date",
        synonyms: &[
            "first sales touch",
            "first touch",
            "first contact date",
            "first sales activity date",
            "premier contact",
        ],
    },
    FieldSpec {
        name: "sales_activities",
        synonyms: &[
            "sales activities",
            "number of sales activities",
            "activities",
            "activites commerciales",
            "nombre d activites",
        ],
    },
    FieldSpec {
        name: "owner",
        synonyms: &[
            "owner",
            "contact owner",
            "lead owner",
            "hubspot owner",
            "proprietaire",
            "commercial",
        ],
    },
    FieldSpec {
        name: "outcome",
        synonyms: &[
            "outcome",
            "converted",
            "won",
            "is won",
            "result",
            "resultat",
            "deal stage",
            "issue",
        ],
    },
    FieldSpec {
        name: "deal_amount",
        synonyms: &[
            "deal amount",
            "amount",
            "opportunity amount",
            "montant",
            "montant de l affaire",
            "revenue",
        ],
    },
];

/// Which column feeds each canonical field: field name → column index.
pub type Mapping = BTreeMap<&'static str, usize>;

/// Map `table`'s headers onto canonical fields. `overrides` (from the agreement) maps a field
/// name to a header as written and wins over detection. Each column feeds at most one field.
pub fn detect(table: &Table, overrides: &BTreeMap<String, String>) -> Mapping {
    let keys: Vec<String> = table.columns.iter().map(|c| header_key(&c.name)).collect();
    let mut used = vec![false; keys.len()];
    let mut mapping = Mapping::new();
    for spec in FIELDS {
        if let Some(header) = overrides.get(spec.name) {
            if let Some(i) = table.find(header) {
                mapping.insert(spec.name, i);
                used[i] = true;
            }
        }
    }
    for spec in FIELDS {
        if mapping.contains_key(spec.name) {
            continue;
        }
        // Earlier synonyms are stronger: "title" loses to "job title" if both are present.
        let found = spec
            .synonyms
            .iter()
            .find_map(|syn| (0..keys.len()).find(|&i| !used[i] && keys[i] == *syn));
        if let Some(i) = found {
            mapping.insert(spec.name, i);
            used[i] = true;
        }
    }
    mapping
}

/// The canonical field name `name` refers to, if it is one.
pub fn canonical(name: &str) -> Option<&'static str> {
    FIELDS.iter().find(|f| f.name == name).map(|f| f.name)
}

/// The column a rule's `field` refers to: a canonical field through the mapping, else a header.
pub fn resolve(table: &Table, mapping: &Mapping, field: &str) -> Option<usize> {
    match canonical(field) {
        Some(f) => mapping.get(f).copied().or_else(|| table.find(field)),
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
        b.finish()
    }

    #[test]
    fn detects_english_and_french_headers() {
        let t = table(&["E-mail", "Intitulé du poste", "Effectif", "Pages vues"]);
        let m = detect(&t, &BTreeMap::new());
        assert_eq!(m.get("email"), Some(&0));
        assert_eq!(m.get("job_title"), Some(&1));
        assert_eq!(m.get("company_size"), Some(&2));
        assert_eq!(m.get("page_views"), Some(&3));
    }

    #[test]
    fn overrides_win_and_columns_are_used_once() {
        let t = table(&["Title", "Job Title", "Fonction X"]);
        let mut o = BTreeMap::new();
        let m = detect(&t, &o);
        assert_eq!(m.get("job_title"), Some(&1));
        o.insert("job_title".to_string(), "Fonction X".to_string());
        let m = detect(&t, &o);
        assert_eq!(m.get("job_title"), Some(&2));
        assert_eq!(resolve(&t, &m, "Title"), Some(0));
        assert_eq!(resolve(&t, &m, "job_title"), Some(2));
        assert_eq!(resolve(&t, &m, "nope"), None);
    }
}
