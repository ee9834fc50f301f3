//! Deterministic generator of realistic B2B leads as a HubSpot-like CSV export, for demos,
//! benchmarks and tests.
//!
//! Each lead gets a hidden *fit* (seniority, company size, industry, company e-mail, department)
//! and *interest* (engagement, high-intent conversions). The funnel (MQL, sales touch, SQL,
//! opportunity, won or lost) is simulated from them plus noise on a fixed calendar, so a sensible
//! scoring model clearly beats a random one. Only integer and basic IEEE float arithmetic is
//! used (no `ln`/`exp`, no float formatting): a `(rows, seed)` pair gives the same bytes
//! everywhere.

use std::io::{self, Write};

/// Column headers of the generated export, in order.
pub const SAMPLE_HEADERS: &[&str] = &[
    "First Name",
    "Last Name",
    "Email",
    "Company",
    "Job Title",
    "Company Size",
    "Industry",
    "Country",
    "Lead Source",
    "Create Date",
    "Page Views",
    "Sessions",
    "Form Submissions",
    "Email Opens",
    "Email Clicks",
    "Recent Conversion",
    "Lifecycle Stage",
    "Became MQL Date",
    "Became SQL Date",
    "Became Opportunity Date",
    "Became Customer Date",
    "First Sales Touch",
    "Sales Activities",
    "Owner",
    "Outcome",
    "Deal Amount",
];

/// Generate `rows` leads from `seed` as a UTF-8, comma-separated CSV with a header line, `\n` line ends.
pub fn sample_csv(rows: usize, seed: u64) -> String {
    // About 200 bytes a row; beyond the first chunk of rows the string grows as needed.
    let mut out = String::with_capacity(512 + rows.min(100_000) * 220);
    push_header(&mut out);
    let mut generator = Generator::new(seed);
    for _ in 0..rows {
        generator.row(&mut out);
    }
    out
}

/// Same, streamed into any writer (the CLI writes millions of rows to a file with it).
pub fn write_sample_csv<W: Write>(out: &mut W, rows: usize, seed: u64) -> io::Result<()> {
    let mut buf = String::with_capacity(CHUNK_BYTES + 4096);
    push_header(&mut buf);
    let mut generator = Generator::new(seed);
    for _ in 0..rows {
        generator.row(&mut buf);
        if buf.len() >= CHUNK_BYTES {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    out.write_all(buf.as_bytes())?;
    out.flush()
}

/// Bytes buffered before handing a chunk to the writer.
const CHUNK_BYTES: usize = 64 * 1024;

const MINUTES_PER_DAY: i64 = 1440;
/// First day leads are created on.
const CREATE_FIRST_DAY: i64 = days_from_civil(2025, 1, 1);
/// Number of days in the creation window 2025-01-01 ..= 2026-06-30.
const CREATE_DAYS: i64 = days_from_civil(2026, 6, 30) - CREATE_FIRST_DAY + 1;
/// Moment of the export: nothing happens after it, and later steps are still open.
const AS_OF: i64 = days_from_civil(2026, 9, 30) * MINUTES_PER_DAY + 23 * 60 + 59;

const HOUR: i64 = 60;
const DAY: i64 = MINUTES_PER_DAY;

const STAGE_SUBSCRIBER: &str = "subscriber";
const STAGE_LEAD: &str = "lead";
const STAGE_MQL: &str = "marketingqualifiedlead";
const STAGE_SQL: &str = "salesqualifiedlead";
const STAGE_OPPORTUNITY: &str = "opportunity";
const STAGE_CUSTOMER: &str = "customer";

const DEMO: &str = "Demo request";
const CONTACT: &str = "Contact us";
const PRICING: &str = "Pricing page";
const NEWSLETTER: &str = "Newsletter signup";

// ---------------------------------------------------------------------------------------------
// Reference data. Weights are relative integers.

struct Country {
    name: &'static str,
    weight: u32,
    /// Probability that a person there has a French name (and often a French job title).
    french: f64,
    /// Probability, for someone without a French name, of a local name rather than an English one.
    local: f64,
    local_names: &'static Names,
    tld: &'static str,
    legal: &'static [&'static str],
    free_mail: &'static [(&'static str, u32)],
    core_market: bool,
}

const LEGAL_FR: &[&str] = &["SAS", "SA", "SARL", "SAS", "SASU"];
const LEGAL_US: &[&str] = &["Inc.", "LLC", ", Inc.", "Corp.", "Inc."];
const LEGAL_UK: &[&str] = &["Ltd", "Ltd", "PLC", "Limited"];
const LEGAL_DE: &[&str] = &["GmbH", "GmbH", "AG", "GmbH & Co. KG"];
const LEGAL_BE: &[&str] = &["SA", "SRL", "NV", "BV"];
const LEGAL_CH: &[&str] = &["SA", "AG", "Sàrl", "GmbH"];
const LEGAL_CA: &[&str] = &["Inc.", "Ltée", ", Inc.", "Ltd"];
const LEGAL_ES: &[&str] = &["S.L.", "S.A."];
const LEGAL_NL: &[&str] = &["B.V.", "N.V."];
const LEGAL_IT: &[&str] = &["S.r.l.", "S.p.A."];
const LEGAL_LU: &[&str] = &["S.A.", "S.à r.l."];

#[rustfmt::skip]
const FREE_FR: &[(&str, u32)] = &[
    ("gmail.com", 30), ("orange.fr", 14), ("hotmail.fr", 10), ("yahoo.fr", 10), ("free.fr", 8),
    ("laposte.net", 6), ("outlook.fr", 6), ("sfr.fr", 4), ("wanadoo.fr", 4), ("hotmail.com", 5),
    ("outlook.com", 3),
];
#[rustfmt::skip]
const FREE_INTL: &[(&str, u32)] = &[
    ("gmail.com", 45), ("outlook.com", 14), ("hotmail.com", 12), ("yahoo.com", 12),
    ("icloud.com", 7), ("aol.com", 3), ("protonmail.com", 2),
];
#[rustfmt::skip]
const FREE_UK: &[(&str, u32)] = &[
    ("gmail.com", 40), ("hotmail.co.uk", 15), ("outlook.com", 15), ("yahoo.co.uk", 10),
    ("btinternet.com", 8), ("icloud.com", 6),
];
#[rustfmt::skip]
const FREE_DE: &[(&str, u32)] = &[
    ("gmail.com", 30), ("gmx.de", 25), ("web.de", 20), ("t-online.de", 10), ("outlook.com", 8),
    ("yahoo.de", 7),
];
#[rustfmt::skip]
const FREE_BE: &[(&str, u32)] = &[
    ("gmail.com", 40), ("skynet.be", 15), ("hotmail.com", 15), ("outlook.com", 10),
    ("telenet.be", 10), ("yahoo.fr", 10),
];
#[rustfmt::skip]
const FREE_CH: &[(&str, u32)] = &[
    ("gmail.com", 40), ("bluewin.ch", 30), ("hotmail.com", 10), ("outlook.com", 10), ("gmx.ch", 10),
];
#[rustfmt::skip]
const FREE_CA: &[(&str, u32)] = &[
    ("gmail.com", 40), ("hotmail.com", 15), ("outlook.com", 15), ("yahoo.ca", 10),
    ("videotron.ca", 10), ("icloud.com", 10),
];

#[rustfmt::skip]
const COUNTRIES: &[Country] = &[
    Country { name: "France", weight: 30, french: 0.93, local: 0.0, local_names: &NAMES_EN,
        tld: "fr", legal: LEGAL_FR, free_mail: FREE_FR, core_market: true },
    Country { name: "United States", weight: 17, french: 0.02, local: 0.05, local_names: &NAMES_ES,
        tld: "com", legal: LEGAL_US, free_mail: FREE_INTL, core_market: true },
    Country { name: "United Kingdom", weight: 10, french: 0.03, local: 0.05, local_names: &NAMES_IT,
        tld: "co.uk", legal: LEGAL_UK, free_mail: FREE_UK, core_market: true },
    Country { name: "Germany", weight: 8, french: 0.03, local: 0.7, local_names: &NAMES_DE,
        tld: "de", legal: LEGAL_DE, free_mail: FREE_DE, core_market: true },
    Country { name: "Belgium", weight: 7, french: 0.6, local: 0.3, local_names: &NAMES_NL,
        tld: "be", legal: LEGAL_BE, free_mail: FREE_BE, core_market: true },
    Country { name: "Canada", weight: 6, french: 0.35, local: 0.0, local_names: &NAMES_EN,
        tld: "ca", legal: LEGAL_CA, free_mail: FREE_CA, core_market: true },
    Country { name: "Switzerland", weight: 5, french: 0.55, local: 0.35, local_names: &NAMES_DE,
        tld: "ch", legal: LEGAL_CH, free_mail: FREE_CH, core_market: true },
    Country { name: "Spain", weight: 5, french: 0.03, local: 0.75, local_names: &NAMES_ES,
        tld: "es", legal: LEGAL_ES, free_mail: FREE_INTL, core_market: false },
    Country { name: "Netherlands", weight: 4, french: 0.02, local: 0.7, local_names: &NAMES_NL,
        tld: "nl", legal: LEGAL_NL, free_mail: FREE_INTL, core_market: false },
    Country { name: "Italy", weight: 3, french: 0.03, local: 0.75, local_names: &NAMES_IT,
        tld: "it", legal: LEGAL_IT, free_mail: FREE_INTL, core_market: false },
    Country { name: "Ireland", weight: 2, french: 0.02, local: 0.0, local_names: &NAMES_EN,
        tld: "ie", legal: LEGAL_UK, free_mail: FREE_UK, core_market: false },
    Country { name: "Luxembourg", weight: 2, french: 0.5, local: 0.3, local_names: &NAMES_DE,
        tld: "lu", legal: LEGAL_LU, free_mail: FREE_FR, core_market: false },
];

#[rustfmt::skip]
const FIRST_EN_M: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
    "Daniel", "Matthew", "Mark", "Paul", "Steven", "Andrew", "Kevin", "Brian", "Ryan", "Jason",
    "Oliver", "Harry", "Jack", "George", "Ethan", "Liam", "Noah", "Samuel", "Christopher",
];
#[rustfmt::skip]
const FIRST_EN_F: &[&str] = &[
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Sarah", "Jessica", "Karen", "Emily",
    "Emma", "Olivia", "Sophie", "Hannah", "Laura", "Rachel", "Megan", "Amy", "Lauren", "Charlotte",
    "Grace", "Chloe", "Zoe", "Anna", "Julia", "Rebecca", "Natalie",
];
#[rustfmt::skip]
const FIRST_FR_M: &[&str] = &[
    "Jean", "Pierre", "Nicolas", "Julien", "Thomas", "Alexandre", "Sébastien", "Stéphane",
    "Frédéric", "Jérôme", "Éric", "Laurent", "Olivier", "François", "Antoine", "Mathieu", "Benoît",
    "Guillaume", "Hervé", "Loïc", "Cédric", "Jean-Pierre", "Jean-François", "Rémi", "Théo", "Hugo",
    "Maxime", "Raphaël", "Gaël", "Noël", "Aurélien", "Clément", "Grégoire", "Yannick", "Bruno",
];
#[rustfmt::skip]
const FIRST_FR_F: &[&str] = &[
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Céline", "Hélène", "Amélie",
    "Cécile", "Élodie", "Émilie", "Aurélie", "Virginie", "Stéphanie", "Julie", "Camille", "Léa",
    "Chloé", "Manon", "Inès", "Zoé", "Anaïs", "Gaëlle", "Maëlle", "Mélanie", "Valérie", "Béatrice",
    "Agnès", "Marie-Claire", "Anne-Sophie", "Noémie", "Laëtitia", "Clémence",
];
#[rustfmt::skip]
const LAST_EN: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Miller", "Davis", "Wilson",
    "Anderson", "Thomas", "Moore", "Clark", "Walker", "Hall", "Young", "King", "Wright", "Scott",
    "Green", "Baker", "O'Brien", "Murphy", "Campbell", "Patel", "Nguyen", "Evans", "Roberts",
    "Hughes", "Edwards", "Cooper", "Kelly", "Lee", "Harris", "Morgan", "Bennett",
];
#[rustfmt::skip]
const LAST_FR: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
    "Perrin", "Chevalier", "Gauthier", "Lemaire", "Barbier", "Brun", "Dumont", "Fontaine",
    "Leclerc", "Lefebvre", "Le Gall", "Benoît", "Ménard", "Hébert", "Crépin", "Delacroix",
];
/// First names (masculine, feminine) and last names of one language area.
struct Names {
    male: &'static [&'static str],
    female: &'static [&'static str],
    last: &'static [&'static str],
}

const NAMES_EN: Names = Names {
    male: FIRST_EN_M,
    female: FIRST_EN_F,
    last: LAST_EN,
};
const NAMES_FR: Names = Names {
    male: FIRST_FR_M,
    female: FIRST_FR_F,
    last: LAST_FR,
};
const NAMES_DE: Names = Names {
    male: &[
        "Lukas",
        "Jonas",
        "Maximilian",
        "Felix",
        "Jürgen",
        "Stefan",
        "Tobias",
        "Florian",
        "Matthias",
        "Uwe",
    ],
    female: &[
        "Lena",
        "Katrin",
        "Anna",
        "Sabine",
        "Julia",
        "Jana",
        "Lea",
        "Birgit",
        "Franziska",
    ],
    last: &[
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Becker",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Wagner",
        "Zimmermann",
        "Krüger",
        "Braun",
        "Wolf",
    ],
};
const NAMES_ES: Names = Names {
    male: &[
        "Javier",
        "Carlos",
        "Pablo",
        "José",
        "Andrés",
        "Alejandro",
        "Miguel",
        "Álvaro",
        "Diego",
    ],
    female: &[
        "Lucía", "María", "Carmen", "Paula", "Elena", "Laura", "Sofía", "Marta", "Inés",
    ],
    last: &[
        "García",
        "Fernández",
        "López",
        "Martínez",
        "Sánchez",
        "González",
        "Rodríguez",
        "Pérez",
        "Gómez",
        "Díaz",
        "Ruiz",
        "Jiménez",
    ],
};
const NAMES_NL: Names = Names {
    male: &[
        "Daan", "Pieter", "Jeroen", "Bram", "Sander", "Thijs", "Ruben", "Joost",
    ],
    female: &["Sanne", "Femke", "Anouk", "Lotte", "Eva", "Marieke", "Iris"],
    last: &[
        "de Vries",
        "van den Berg",
        "Jansen",
        "Bakker",
        "de Jong",
        "Visser",
        "Smit",
        "Meijer",
        "van Dijk",
        "Mulder",
        "Peeters",
        "Claes",
    ],
};
const NAMES_IT: Names = Names {
    male: &[
        "Marco",
        "Luca",
        "Matteo",
        "Alessandro",
        "Giuseppe",
        "Francesco",
        "Lorenzo",
    ],
    female: &[
        "Giulia",
        "Chiara",
        "Francesca",
        "Sara",
        "Martina",
        "Elena",
        "Valentina",
    ],
    last: &[
        "Rossi", "Russo", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
        "Gallo", "Conti", "Esposito",
    ],
};

#[rustfmt::skip]
const BRANDS: &[&str] = &[
    "Nordwind", "Solaris", "Meridian", "Kestrel", "Helix", "Polaris", "Summit", "Vertex", "Zenith",
    "Atlas", "Borealis", "Cobalt", "Evergreen", "Granite", "Horizon", "Ironbridge", "Juniper",
    "Keystone", "Lighthouse", "Northstar", "Oakridge", "Pinnacle", "Riverside", "Sapphire",
    "Tidewater", "Alpine", "Beacon", "Crescent", "Falcon", "Harbor", "Azur", "Lumière", "Étoile",
    "Hermine", "Mistral", "Sirocco", "Cigale", "Calanque", "Belvédère", "Ardoise", "Garonne",
    "Vauban", "Colbert", "Orée", "Brocéliande",
];
#[rustfmt::skip]
const BRAND_ROOTS: &[&str] = &[
    "Nord", "Sol", "Lum", "Ver", "Aqua", "Terra", "Astr", "Cyber", "Dat", "Nex", "Opti", "Quant",
    "Vel", "Zen", "Alt", "Clar", "Flex", "Gen", "Hex", "Kin", "Lex", "Omn", "Prim", "Syn", "Tri",
    "Vit", "Arc", "Cor", "Nov", "Sen",
];
#[rustfmt::skip]
const BRAND_ENDINGS: &[&str] = &[
    "wind", "aris", "ex", "ia", "on", "ix", "ora", "ium", "ity", "ent", "wave", "ly", "ify", "io",
    "era", "ova", "ara", "ys", "ica", "eo",
];
#[rustfmt::skip]
const CITIES_FR: &[&str] = &[
    "Lyon", "Nantes", "Bordeaux", "Lille", "Rennes", "Grenoble", "Montpellier", "Strasbourg",
    "Toulouse", "Besançon", "Orléans", "Nîmes", "Saint-Étienne", "Angers",
];
#[rustfmt::skip]
const CITIES_EN: &[&str] = &[
    "Leeds", "Bristol", "Manchester", "Boston", "Austin", "Denver", "Toronto", "Dublin",
    "Edinburgh", "Portland", "Ottawa", "Cambridge",
];
#[rustfmt::skip]
const QUOTED_COMPANIES: &[(&str, &str)] = &[
    ("Les Ateliers \"Lumière\"", "ateliers-lumiere"), ("Studio \"Nova\"", "studionova"),
    ("Brasserie \"Le Zinc\"", "lezinc"), ("\"Blue Door\" Ventures", "bluedoor"),
];

struct Industry {
    name: &'static str,
    weight: u32,
    /// How well the industry fits the (imaginary) vendor's ideal customer profile, 0..=1.
    fit: f64,
    words_en: &'static [&'static str],
    words_fr: &'static [&'static str],
}

#[rustfmt::skip]
const INDUSTRIES: &[Industry] = &[
    Industry { name: "Software", weight: 16, fit: 1.0,
        words_en: &["Software", "Systems", "Labs", "Technologies", "Digital", "Analytics", "Cloud",
            "Data", "Tech", "Solutions"],
        words_fr: &["Informatique", "Logiciels", "Numérique"],
    },
    Industry { name: "Financial Services", weight: 10, fit: 1.0,
        words_en: &["Capital", "Finance", "Partners", "Investments", "Wealth", "Payments"],
        words_fr: &["Assurances", "Gestion", "Finance", "Patrimoine"],
    },
    Industry { name: "Manufacturing", weight: 10, fit: 1.0,
        words_en: &["Industries", "Manufacturing", "Components", "Machines", "Engineering",
            "Plastics"],
        words_fr: &["Industrie", "Métallurgie", "Mécanique", "Usinage"],
    },
    Industry { name: "Healthcare", weight: 8, fit: 0.9,
        words_en: &["Health", "Medical", "Pharma", "Care", "Biotech", "Diagnostics"],
        words_fr: &["Santé", "Clinique", "Pharma", "Médical"],
    },
    Industry { name: "Retail", weight: 9, fit: 0.35,
        words_en: &["Retail", "Stores", "Market", "Outlet", "Commerce"],
        words_fr: &["Distribution", "Boutique", "Mode", "Commerce"],
    },
    Industry { name: "Education", weight: 6, fit: 0.1,
        words_en: &["Academy", "Learning", "Institute", "EdTech"],
        words_fr: &["Formation", "Académie", "École"],
    },
    Industry { name: "Government", weight: 4, fit: 0.1,
        words_en: &["Agency", "Authority"],
        words_fr: &["Agence", "Office"],
    },
    Industry { name: "Consulting", weight: 9, fit: 0.55,
        words_en: &["Consulting", "Advisory", "Partners", "Group"],
        words_fr: &["Conseil", "Stratégie", "Consultants"],
    },
    Industry { name: "Logistics", weight: 6, fit: 0.55,
        words_en: &["Logistics", "Freight", "Transport", "Shipping", "Express"],
        words_fr: &["Logistique", "Transports", "Fret"],
    },
    Industry { name: "Media", weight: 6, fit: 0.35,
        words_en: &["Media", "Studios", "Publishing", "Productions"],
        words_fr: &["Presse", "Médias", "Éditions", "Communication"],
    },
    Industry { name: "Telecommunications", weight: 4, fit: 0.55,
        words_en: &["Telecom", "Networks", "Connect", "Mobile"],
        words_fr: &["Télécom", "Réseaux", "Fibre"],
    },
    Industry { name: "Energy", weight: 3, fit: 0.55,
        words_en: &["Energy", "Power", "Solar", "Renewables"],
        words_fr: &["Énergie", "Énergies", "Solaire"],
    },
    Industry { name: "Real Estate", weight: 3, fit: 0.35,
        words_en: &["Properties", "Realty", "Estates"],
        words_fr: &["Immobilier", "Habitat", "Foncière"],
    },
    Industry { name: "Hospitality", weight: 3, fit: 0.3,
        words_en: &["Hotels", "Hospitality", "Resorts"],
        words_fr: &["Hôtellerie", "Restauration", "Hôtels"],
    },
    Industry { name: "Non-profit", weight: 2, fit: 0.1,
        words_en: &["Foundation", "Trust", "Alliance"],
        words_fr: &["Fondation", "Association"],
    },
];
const INDUSTRY_GOVERNMENT: usize = 6;
const INDUSTRY_EDUCATION: usize = 5;

#[rustfmt::skip]
const LEAD_SOURCES: &[(&str, u32)] = &[
    ("Organic Search", 28), ("Paid Search", 18), ("Social", 14), ("Referral", 10), ("Email", 12),
    ("Event", 9), ("Direct", 9),
];

#[rustfmt::skip]
const SIZE_BANDS: &[(&str, i64, i64, u32)] = &[
    ("1-10", 1, 10, 17), ("11-50", 11, 50, 22), ("51-200", 51, 200, 20), ("201-500", 201, 500, 13),
    ("501-1000", 501, 1000, 9), ("1001-5000", 1001, 5000, 11), ("5001-10000", 5001, 10000, 4),
    ("10000+", 10001, 200_000, 4),
];

#[rustfmt::skip]
const ROLE_ADDRESSES: &[&str] = &[
    "info", "contact", "sales", "hello", "marketing", "bonjour", "admin",
];

#[rustfmt::skip]
const OWNERS_FR: &[&str] = &[
    "Camille Laurent", "Julien Moreau", "Léa Fontaine", "Nicolas Bernard",
];
#[rustfmt::skip]
const OWNERS_EN: &[&str] = &[
    "Sarah Johnson", "David Miller", "Emma Wilson", "James O'Connor",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seniority {
    CLevel,
    Vp,
    Director,
    Head,
    Manager,
    Contributor,
    Student,
}

impl Seniority {
    fn fit(self) -> f64 {
        match self {
            Seniority::CLevel => 1.0,
            Seniority::Vp => 0.9,
            Seniority::Director => 0.85,
            Seniority::Head => 0.8,
            Seniority::Manager => 0.55,
            Seniority::Contributor => 0.3,
            Seniority::Student => 0.0,
        }
    }
}

#[rustfmt::skip]
const SENIORITIES: &[(Seniority, u32)] = &[
    (Seniority::CLevel, 4), (Seniority::Vp, 5), (Seniority::Director, 11), (Seniority::Head, 6),
    (Seniority::Manager, 25), (Seniority::Contributor, 38), (Seniority::Student, 7),
];

#[derive(Clone, Copy)]
enum Dept {
    Marketing,
    Sales,
    It,
    Finance,
    Operations,
    Hr,
    Executive,
    Product,
    Other,
}

impl Dept {
    fn fit(self) -> f64 {
        match self {
            Dept::Marketing => 1.0,
            Dept::Executive => 0.9,
            Dept::Sales => 0.8,
            Dept::Product => 0.6,
            Dept::It | Dept::Operations => 0.5,
            Dept::Other => 0.4,
            Dept::Finance => 0.35,
            Dept::Hr => 0.25,
        }
    }
}

/// English job titles of one department.
type TitlesEn = (Dept, &'static [&'static str]);
/// A French job title: department, masculine and feminine form.
type TitleFr = (Dept, &'static str, &'static str);

#[rustfmt::skip]
const TITLES_EN: &[(Seniority, &[TitlesEn])] = &[
    (Seniority::CLevel, &[
        (Dept::Executive, &[
            "CEO", "Chief Executive Officer", "Founder & CEO", "Co-Founder", "President",
            "Managing Director", "Owner",
        ]),
        (Dept::Marketing, &["CMO", "Chief Marketing Officer"]),
        (Dept::Sales, &["Chief Revenue Officer", "CRO", "Chief Sales Officer"]),
        (Dept::It, &["CTO", "CIO", "Chief Information Officer", "Chief Digital Officer"]),
        (Dept::Finance, &["CFO", "Chief Financial Officer"]),
        (Dept::Operations, &["COO", "Chief Operating Officer"]),
        (Dept::Hr, &["CHRO", "Chief People Officer"]),
    ]),
    (Seniority::Vp, &[
        (Dept::Marketing, &[
            "VP Marketing", "VP of Marketing", "Vice President, Marketing", "SVP Marketing",
            "VP Demand Generation", "VP Growth",
        ]),
        (Dept::Sales, &[
            "VP Sales", "VP of Sales", "Vice President of Sales", "VP Business Development",
        ]),
        (Dept::It, &["VP Engineering", "VP IT", "VP of Technology"]),
        (Dept::Finance, &["VP Finance"]), (Dept::Operations, &["VP Operations"]),
        (Dept::Hr, &["VP People", "VP Human Resources"]), (Dept::Product, &["VP Product"]),
    ]),
    (Seniority::Director, &[
        (Dept::Marketing, &[
            "Marketing Director", "Director of Marketing", "Director, Digital Marketing",
            "Senior Director, Product Marketing", "Brand Director", "Communications Director",
        ]),
        (Dept::Sales, &[
            "Sales Director", "Director of Sales", "Regional Sales Director",
            "Director, Business Development",
        ]),
        (Dept::It, &["IT Director", "Director of IT", "Director of Engineering"]),
        (Dept::Finance, &["Finance Director", "Director of Finance"]),
        (Dept::Operations, &[
            "Operations Director", "Director of Operations", "Supply Chain Director",
        ]),
        (Dept::Hr, &["HR Director", "Director of Human Resources"]),
        (Dept::Product, &["Director of Product"]),
    ]),
    (Seniority::Head, &[
        (Dept::Marketing, &[
            "Head of Marketing", "Head of Growth", "Head of Demand Generation", "Head of Digital",
        ]),
        (Dept::Sales, &[
            "Head of Sales", "Head of Business Development", "Head of Customer Success",
        ]),
        (Dept::It, &["Head of IT", "Head of Engineering", "Head of Data"]),
        (Dept::Finance, &["Head of Finance"]),
        (Dept::Operations, &["Head of Operations"]), (Dept::Hr, &["Head of People", "Head of HR"]),
        (Dept::Product, &["Head of Product"]),
    ]),
    (Seniority::Manager, &[
        (Dept::Marketing, &[
            "Marketing Manager", "Senior Marketing Manager", "Product Marketing Manager",
            "Demand Generation Manager", "Digital Marketing Manager",
            "Marketing Operations Manager", "Content Marketing Manager", "Communications Manager",
            "Brand Manager", "Event Manager",
        ]),
        (Dept::Sales, &[
            "Sales Manager", "Account Manager", "Key Account Manager",
            "Business Development Manager", "Inside Sales Manager",
        ]),
        (Dept::It, &["IT Manager", "Engineering Manager", "CRM Manager"]),
        (Dept::Finance, &["Finance Manager", "Accounting Manager", "Procurement Manager"]),
        (Dept::Operations, &["Operations Manager", "Office Manager", "Logistics Manager"]),
        (Dept::Hr, &["HR Manager", "Talent Acquisition Manager"]),
        (Dept::Product, &["Product Manager", "Product Owner"]),
        (Dept::Other, &["Project Manager", "Customer Success Manager"]),
    ]),
    (Seniority::Contributor, &[
        (Dept::Marketing, &[
            "Marketing Specialist", "Marketing Coordinator", "Content Writer", "SEO Specialist",
            "Social Media Specialist", "Marketing Assistant", "Growth Marketer",
            "Marketing Analyst",
        ]),
        (Dept::Sales, &[
            "Sales Representative", "Account Executive", "Business Development Representative",
            "Sales Development Representative", "Sales Associate",
        ]),
        (Dept::It, &[
            "Software Engineer", "Developer", "Data Analyst", "System Administrator",
            "Data Engineer", "IT Support Specialist",
        ]),
        (Dept::Finance, &["Accountant", "Financial Analyst", "Buyer"]),
        (Dept::Operations, &[
            "Operations Coordinator", "Operations Analyst", "Executive Assistant",
        ]),
        (Dept::Hr, &["HR Generalist", "Recruiter", "HR Assistant"]),
        (Dept::Other, &["Consultant", "Analyst", "Designer", "Customer Support Agent"]),
    ]),
    (Seniority::Student, &[
        (Dept::Other, &[
            "Marketing Intern", "Sales Intern", "Intern", "Student", "MBA Student",
            "Graduate Student", "PhD Student", "Business Student", "Working Student",
        ]),
    ]),
];

#[rustfmt::skip]
const TITLES_FR: &[(Seniority, &[TitleFr])] = &[
    (Seniority::CLevel, &[
        (Dept::Executive, "PDG", "PDG"),
        (Dept::Executive, "Directeur général", "Directrice générale"),
        (Dept::Executive, "Président", "Présidente"), (Dept::Executive, "Fondateur", "Fondatrice"),
        (Dept::Executive, "Gérant", "Gérante"),
        (Dept::Executive, "Président-directeur général", "Présidente-directrice générale"),
        (Dept::Executive, "CEO", "CEO"), (Dept::It, "DSI", "DSI"),
        (Dept::It, "Directeur des systèmes d'information", "Directrice des systèmes d'information"),
        (Dept::It, "CTO", "CTO"),
        (Dept::Finance, "DAF", "DAF"),
        (Dept::Finance,
            "Directeur administratif et financier", "Directrice administrative et financière"),
        (Dept::Marketing, "CMO", "CMO"), (Dept::Hr, "DRH", "DRH"),
        (Dept::Operations, "Directeur des opérations", "Directrice des opérations"),
    ]),
    (Seniority::Vp, &[
        (Dept::Marketing, "VP Marketing", "VP Marketing"), (Dept::Sales, "VP Ventes", "VP Ventes"),
        (Dept::Sales, "Vice-président commercial", "Vice-présidente commerciale"),
        (Dept::Sales, "VP Sales", "VP Sales"),
        (Dept::Marketing, "Vice-président marketing", "Vice-présidente marketing"),
    ]),
    (Seniority::Director, &[
        (Dept::Marketing, "Directeur marketing", "Directrice marketing"),
        (Dept::Marketing, "Directeur de la communication", "Directrice de la communication"),
        (Dept::Marketing,
            "Directeur marketing et communication", "Directrice marketing et communication"),
        (Dept::Marketing, "Directeur du marketing digital", "Directrice du marketing digital"),
        (Dept::Sales, "Directeur commercial", "Directrice commerciale"),
        (Dept::Sales, "Directeur des ventes", "Directrice des ventes"),
        (Dept::Sales, "Directeur commercial France", "Directrice commerciale France"),
        (Dept::Sales, "Directeur du développement", "Directrice du développement"),
        (Dept::It, "Directeur informatique", "Directrice informatique"),
        (Dept::It, "Directeur technique", "Directrice technique"),
        (Dept::Finance, "Directeur financier", "Directrice financière"),
        (Dept::Operations, "Directeur logistique", "Directrice logistique"),
        (Dept::Operations, "Directeur de production", "Directrice de production"),
        (Dept::Hr, "Directeur des ressources humaines", "Directrice des ressources humaines"),
    ]),
    (Seniority::Head, &[
        (Dept::Marketing, "Head of Marketing", "Head of Marketing"),
        (Dept::Marketing, "Head of Growth", "Head of Growth"),
        (Dept::Sales, "Head of Sales France", "Head of Sales France"),
        (Dept::It, "Chef du service informatique", "Cheffe du service informatique"),
        (Dept::Marketing, "Chef du service communication", "Cheffe du service communication"),
        (Dept::Product, "Head of Product", "Head of Product"),
    ]),
    (Seniority::Manager, &[
        (Dept::Marketing, "Responsable marketing", "Responsable marketing"),
        (Dept::Marketing, "Chef de projet marketing", "Cheffe de projet marketing"),
        (Dept::Marketing, "Responsable communication", "Responsable communication"),
        (Dept::Marketing, "Responsable marketing digital", "Responsable marketing digital"),
        (Dept::Marketing, "Chef de projet digital", "Cheffe de projet digital"),
        (Dept::Marketing, "Responsable acquisition", "Responsable acquisition"),
        (Dept::Product, "Chef de produit", "Cheffe de produit"),
        (Dept::Sales, "Responsable commercial", "Responsable commerciale"),
        (Dept::Sales, "Responsable des ventes", "Responsable des ventes"),
        (Dept::Sales, "Chef des ventes", "Cheffe des ventes"),
        (Dept::Sales, "Responsable grands comptes", "Responsable grands comptes"),
        (Dept::It, "Responsable informatique", "Responsable informatique"),
        (Dept::It, "Chef de projet informatique", "Cheffe de projet informatique"),
        (Dept::Finance,
            "Responsable administratif et financier", "Responsable administrative et financière"),
        (Dept::Finance, "Responsable comptable", "Responsable comptable"),
        (Dept::Finance, "Responsable des achats", "Responsable des achats"),
        (Dept::Operations, "Responsable logistique", "Responsable logistique"),
        (Dept::Operations, "Responsable d'exploitation", "Responsable d'exploitation"),
        (Dept::Hr, "Responsable RH", "Responsable RH"),
        (Dept::Hr, "Responsable recrutement", "Responsable recrutement"),
    ]),
    (Seniority::Contributor, &[
        (Dept::Marketing, "Chargé de marketing", "Chargée de marketing"),
        (Dept::Marketing, "Chargé de communication", "Chargée de communication"),
        (Dept::Marketing, "Assistant marketing", "Assistante marketing"),
        (Dept::Marketing, "Community manager", "Community manager"),
        (Dept::Marketing, "Chargé de marketing digital", "Chargée de marketing digital"),
        (Dept::Sales, "Commercial", "Commerciale"),
        (Dept::Sales, "Ingénieur commercial", "Ingénieure commerciale"),
        (Dept::Sales, "Business developer", "Business developer"),
        (Dept::Sales, "Attaché commercial", "Attachée commerciale"),
        (Dept::Sales, "Technico-commercial", "Technico-commerciale"),
        (Dept::It, "Développeur", "Développeuse"),
        (Dept::It, "Ingénieur logiciel", "Ingénieure logicielle"),
        (Dept::It, "Administrateur systèmes", "Administratrice systèmes"),
        (Dept::It, "Technicien informatique", "Technicienne informatique"),
        (Dept::Finance, "Comptable", "Comptable"),
        (Dept::Finance, "Contrôleur de gestion", "Contrôleuse de gestion"),
        (Dept::Finance, "Acheteur", "Acheteuse"),
        (Dept::Operations, "Assistant de direction", "Assistante de direction"),
        (Dept::Operations, "Coordinateur logistique", "Coordinatrice logistique"),
        (Dept::Hr, "Chargé de recrutement", "Chargée de recrutement"),
        (Dept::Hr, "Assistant RH", "Assistante RH"), (Dept::Other, "Consultant", "Consultante"),
        (Dept::Other, "Chargé d'affaires", "Chargée d'affaires"),
        (Dept::Other, "Ingénieur", "Ingénieure"),
    ]),
    (Seniority::Student, &[
        (Dept::Other, "Stagiaire", "Stagiaire"),
        (Dept::Other, "Stagiaire marketing", "Stagiaire marketing"),
        (Dept::Other, "Étudiant", "Étudiante"),
        (Dept::Other, "Alternant marketing", "Alternante marketing"),
        (Dept::Other, "Apprenti commercial", "Apprentie commerciale"),
        (Dept::Other, "Étudiant en master", "Étudiante en master"),
        (Dept::Other, "Stagiaire commercial", "Stagiaire commerciale"),
    ]),
];

// ---------------------------------------------------------------------------------------------
// Randomness: xoshiro256** seeded by splitmix64, both fully specified, so streams never change.

struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Rng {
        // Salted so that seed 0 and small seeds still start far apart from other users of splitmix.
        let mut state = seed ^ 0x6163_636f_7264_2d73;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform integer in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform integer in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Index into a table of `(item, weight)`-like rows, drawn by weight.
    fn weighted<T>(&mut self, items: &[T], weight: impl Fn(&T) -> u32) -> usize {
        let total: u64 = items.iter().map(|it| u64::from(weight(it))).sum();
        let mut ticket = self.below(total);
        for (i, it) in items.iter().enumerate() {
            let w = u64::from(weight(it));
            if ticket < w {
                return i;
            }
            ticket -= w;
        }
        items.len() - 1
    }

    fn pick_weighted(&mut self, items: &[(&'static str, u32)]) -> &'static str {
        items[self.weighted(items, |it| it.1)].0
    }

    /// Bell-shaped noise with mean 0 and standard deviation 0.5 (Irwin–Hall of three uniforms).
    fn noise(&mut self) -> f64 {
        self.unit() + self.unit() + self.unit() - 1.5
    }

    /// Right-skewed value in `[0, 32.3)`: mostly below 1, mean ≈ 2.6, occasionally large.
    fn heavy(&mut self) -> f64 {
        1.0 / (1.0 - 0.97 * self.unit()) - 1.0
    }
}

fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

// ---------------------------------------------------------------------------------------------
// Calendar: days since 1970-01-01, timestamps in minutes since then (proleptic Gregorian, UTC).

const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// 0 = Monday … 6 = Sunday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// Relative chance of a lead arriving at each hour of the day (local business rhythm).
const HOUR_WEIGHTS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 3, 5, 9, 12, 13, 12, 9, 10, 12, 12, 11, 9, 7, 6, 5, 4, 3, 2,
];

fn push_timestamp(out: &mut String, minutes: i64) {
    let (y, m, d) = civil_from_days(minutes.div_euclid(MINUTES_PER_DAY));
    let in_day = minutes.rem_euclid(MINUTES_PER_DAY);
    push_padded(out, y as u64, 4);
    out.push('-');
    push_padded(out, m as u64, 2);
    out.push('-');
    push_padded(out, d as u64, 2);
    out.push(' ');
    push_padded(out, (in_day / 60) as u64, 2);
    out.push(':');
    push_padded(out, (in_day % 60) as u64, 2);
}

fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(digits.len() - width.min(digits.len()));
    for &b in &digits[start..] {
        out.push(char::from(b));
    }
}

fn push_u64(out: &mut String, n: u64) {
    push_padded(out, n, 1);
}

// ---------------------------------------------------------------------------------------------
// CSV output.

fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        for ch in field.chars() {
            if ch == '"' {
                out.push('"');
            }
            out.push(ch);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn push_header(out: &mut String) {
    for (i, h) in SAMPLE_HEADERS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, h);
    }
    out.push('\n');
}

fn push_opt_timestamp(out: &mut String, t: Option<i64>) {
    out.push(',');
    if let Some(t) = t {
        push_timestamp(out, t);
    }
}

/// Lowercase ASCII rendering of a name for e-mail addresses and domains: accents dropped,
/// spaces and apostrophes removed, letters, digits and hyphens kept.
fn push_ascii_slug(out: &mut String, text: &str) {
    for ch in text.chars() {
        let folded: &str = match ch {
            'a'..='z' | '0'..='9' | '-' => {
                out.push(ch);
                continue;
            }
            'A'..='Z' => {
                out.push(ch.to_ascii_lowercase());
                continue;
            }
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => "a",
            'ç' | 'Ç' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'Î' | 'Ï' => "i",
            'ñ' | 'Ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ô' | 'Ö' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'Û' | 'Ü' => "u",
            'ÿ' => "y",
            'ß' => "ss",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            _ => "",
        };
        out.push_str(folded);
    }
}

// ---------------------------------------------------------------------------------------------
// The generator.

/// Reusable buffers and the random stream; one row at a time, nothing kept between rows.
struct Generator {
    rng: Rng,
    first: String,
    last: String,
    email: String,
    company: String,
    domain: String,
    title: String,
    size: String,
}

/// What a lead's journey through the funnel produced.
struct Journey {
    stage: &'static str,
    mql: Option<i64>,
    sql: Option<i64>,
    opportunity: Option<i64>,
    customer: Option<i64>,
    touch: Option<i64>,
    activities: u64,
    owner: &'static str,
    outcome: &'static str,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            first: String::new(),
            last: String::new(),
            email: String::new(),
            company: String::new(),
            domain: String::new(),
            title: String::new(),
            size: String::new(),
        }
    }

    /// Appends one CSV line describing a fresh lead to `out`.
    fn row(&mut self, out: &mut String) {
        let country = &COUNTRIES[self.rng.weighted(COUNTRIES, |c| c.weight)];
        let french = self.rng.chance(country.french);
        let names = if french {
            &NAMES_FR
        } else if self.rng.chance(country.local) {
            country.local_names
        } else {
            &NAMES_EN
        };
        let female = self.rng.chance(0.47);

        // Person.
        let (firsts, lasts) = (if female { names.female } else { names.male }, names.last);
        let first_name = self.rng.pick(firsts);
        let last_name = self.rng.pick(lasts);

        // Role.
        let no_title = self.rng.chance(0.05);
        let seniority = SENIORITIES[self.rng.weighted(SENIORITIES, |s| s.1)].0;
        let (dept, title) = if no_title {
            (Dept::Other, "")
        } else if french && self.rng.chance(0.75) {
            let group = TITLES_FR
                .iter()
                .find(|t| t.0 == seniority)
                .map_or(&[][..], |t| t.1);
            let (dept, masculine, feminine) = self.rng.pick(group);
            (dept, if female { feminine } else { masculine })
        } else {
            let group = TITLES_EN
                .iter()
                .find(|t| t.0 == seniority)
                .map_or(&[][..], |t| t.1);
            let total: usize = group.iter().map(|g| g.1.len()).sum();
            let mut ticket = self.rng.below(total as u64) as usize;
            let mut chosen = (Dept::Other, "");
            for &(dept, titles) in group {
                if ticket < titles.len() {
                    chosen = (dept, titles[ticket]);
                    break;
                }
                ticket -= titles.len();
            }
            chosen
        };
        self.title.clear();
        if self.rng.chance(0.03) && title.is_ascii() {
            self.title.push_str(&title.to_ascii_lowercase());
        } else {
            self.title.push_str(title);
        }

        // Company.
        let student = seniority == Seniority::Student;
        let mut industry_index = self.rng.weighted(INDUSTRIES, |i| i.weight);
        if student && self.rng.chance(0.5) {
            industry_index = INDUSTRY_EDUCATION;
        }
        let industry = &INDUSTRIES[industry_index];
        self.company_name(industry_index, country, french, student);
        let band = &SIZE_BANDS[self.rng.weighted(SIZE_BANDS, |b| b.3)];
        let span = (band.2 - band.1 + 1) as f64;
        let skew = self.rng.unit();
        let employees =
            band.1 + (span * skew * skew * if band.1 > 10_000 { skew } else { 1.0 }) as i64;
        self.size.clear();
        let size_roll = self.rng.unit();
        if size_roll < 0.04 {
            // Unknown size.
        } else if size_roll < 0.39 {
            self.size.push_str(band.0);
        } else if employees > 100 && self.rng.chance(0.5) {
            push_u64(
                &mut self.size,
                (employees.max(105) as u64).div_ceil(10) * 10,
            );
        } else {
            push_u64(&mut self.size, employees as u64);
        }
        let industry_shown = if self.rng.chance(0.02) {
            ""
        } else {
            industry.name
        };

        // E-mail.
        let free_share = if student {
            0.6
        } else if seniority == Seniority::CLevel {
            0.12
        } else {
            0.22
        };
        let email_roll = self.rng.unit();
        let (free_mail, role) = (email_roll < free_share, email_roll >= 0.97);
        self.email.clear();
        if role {
            self.email.push_str(self.rng.pick(ROLE_ADDRESSES));
            self.email.push('@');
            self.email.push_str(&self.domain);
        } else {
            self.personal_local_part(first_name, last_name, free_mail);
            self.email.push('@');
            if free_mail {
                let provider = self.rng.pick_weighted(country.free_mail);
                self.email.push_str(provider);
            } else {
                self.email.push_str(&self.domain);
            }
        }

        // Names as typed into forms: a few in capitals or lower case.
        self.first.clear();
        self.last.clear();
        let case_roll = self.rng.unit();
        if case_roll < 0.02 {
            self.first.push_str(&first_name.to_lowercase());
            self.last.push_str(&last_name.to_lowercase());
        } else if case_roll < 0.04 {
            self.first.push_str(first_name);
            self.last.push_str(&last_name.to_uppercase());
        } else {
            self.first.push_str(first_name);
            self.last.push_str(last_name);
        }

        // Latent fit.
        let size_fit = match employees {
            ..=10 => 0.05,
            11..=50 => 0.25,
            51..=199 => 0.55,
            200..=5000 => 1.0,
            5001..=10_000 => 0.65,
            _ => 0.45,
        };
        let email_fit = if role {
            0.5
        } else if free_mail {
            0.0
        } else {
            1.0
        };
        let seniority_fit = if no_title { 0.35 } else { seniority.fit() };
        let mut fit = 0.30 * seniority_fit
            + 0.25 * size_fit
            + 0.15 * industry.fit
            + 0.15 * email_fit
            + 0.10 * dept.fit()
            + 0.05 * if country.core_market { 1.0 } else { 0.6 }
            + 0.16 * self.rng.noise();
        if student {
            fit *= 0.25;
        }
        let fit = clamp01(fit);

        // Latent interest, the conversion it led to, and the engagement it shows.
        let source = self.rng.pick_weighted(LEAD_SOURCES);
        let source_boost = match source {
            "Event" => 0.08,
            "Referral" => 0.06,
            "Direct" => 0.04,
            "Email" => 0.03,
            "Social" => -0.03,
            _ => 0.0,
        };
        let u = self.rng.unit();
        let interest =
            clamp01(0.8 * u * u + 0.15 * self.rng.unit() + source_boost + 0.1 * (fit - 0.5));
        let conversion = self.conversion(interest, student);
        let hot = match conversion {
            DEMO => 1.0,
            CONTACT => 0.7,
            PRICING => 0.5,
            "Webinar" => 0.2,
            "Ebook download" => 0.1,
            _ => 0.0,
        };
        let create = self.create_time();
        let age_days = ((AS_OF - create) / DAY) as f64;
        let sessions =
            1 + (interest * 3.0 * self.rng.heavy() + interest * 5.0 * self.rng.unit()) as u64;
        let page_views = sessions
            + (sessions as f64 * (0.3 + 2.5 * self.rng.unit()) * (0.5 + interest) + 2.0 * hot)
                as u64;
        let forms = if conversion.is_empty() {
            0
        } else {
            1 + ((interest * 1.5 * self.rng.heavy()) as u64).min(30)
        };
        let mailing = if conversion == NEWSLETTER { 1.6 } else { 1.0 };
        let opens = ((0.05 + 0.6 * interest)
            * (age_days / 30.0)
            * (0.3 + 1.4 * self.rng.unit())
            * 1.5
            * mailing) as u64;
        let clicks = (opens as f64 * (0.02 + 0.35 * interest) * self.rng.unit()) as u64;

        let journey = self.journey(create, fit, interest, hot, conversion, french);
        let amount_cents = if journey.opportunity.is_some() {
            Some(self.deal_amount_cents(employees, fit))
        } else {
            None
        };

        // Write the line.
        push_field(out, &self.first);
        out.push(',');
        push_field(out, &self.last);
        out.push(',');
        push_field(out, &self.email);
        out.push(',');
        push_field(out, &self.company);
        out.push(',');
        push_field(out, &self.title);
        out.push(',');
        push_field(out, &self.size);
        out.push(',');
        push_field(out, industry_shown);
        out.push(',');
        push_field(out, country.name);
        out.push(',');
        push_field(out, source);
        out.push(',');
        push_timestamp(out, create);
        for n in [page_views, sessions, forms, opens, clicks] {
            out.push(',');
            push_u64(out, n);
        }
        out.push(',');
        push_field(out, conversion);
        out.push(',');
        push_field(out, journey.stage);
        push_opt_timestamp(out, journey.mql);
        push_opt_timestamp(out, journey.sql);
        push_opt_timestamp(out, journey.opportunity);
        push_opt_timestamp(out, journey.customer);
        push_opt_timestamp(out, journey.touch);
        out.push(',');
        push_u64(out, journey.activities);
        out.push(',');
        push_field(out, journey.owner);
        out.push(',');
        push_field(out, journey.outcome);
        out.push(',');
        if let Some((cents, with_decimals)) = amount_cents {
            push_u64(out, cents / 100);
            if with_decimals {
                out.push('.');
                push_padded(out, cents % 100, 2);
            }
        }
        out.push('\n');
    }

    /// Fills `company` and `domain` (the lowercase ASCII host of its website).
    fn company_name(
        &mut self,
        industry_index: usize,
        country: &Country,
        french: bool,
        student: bool,
    ) {
        let company = &mut self.company;
        let domain = &mut self.domain;
        company.clear();
        domain.clear();
        let rng = &mut self.rng;
        let tld = country.tld;
        let french_place = french || country.french > 0.5;
        if student && industry_index == INDUSTRY_EDUCATION && rng.chance(0.7) {
            if french_place {
                let city = rng.pick(CITIES_FR);
                company.push_str(
                    ["Université de ", "École de commerce de ", "IUT de "][rng.below(3) as usize],
                );
                company.push_str(city);
                domain.push_str("univ-");
                push_ascii_slug(domain, city);
                domain.push_str(".fr");
            } else {
                let city = rng.pick(CITIES_EN);
                company.push_str("University of ");
                company.push_str(city);
                push_ascii_slug(domain, city);
                domain.push_str(".edu");
            }
            return;
        }
        if industry_index == INDUSTRY_GOVERNMENT && rng.chance(0.6) {
            if french_place {
                let city = rng.pick(CITIES_FR);
                company
                    .push_str(["Ville de ", "Mairie de ", "Métropole de "][rng.below(3) as usize]);
                company.push_str(city);
                domain.push_str("ville-");
                push_ascii_slug(domain, city);
                domain.push_str(".fr");
            } else {
                let city = rng.pick(CITIES_EN);
                company.push_str(city);
                company.push_str(" City Council");
                push_ascii_slug(domain, city);
                domain.push_str(".gov.uk");
            }
            return;
        }
        let roll = rng.unit();
        if roll < 0.004 {
            let (name, host) = rng.pick(QUOTED_COMPANIES);
            company.push_str(name);
            domain.push_str(host);
            domain.push('.');
            domain.push_str(tld);
            return;
        }
        if roll < 0.09 {
            // Family firms; the comma forms exercise CSV quoting.
            let lasts = if french_place { LAST_FR } else { LAST_EN };
            let a = rng.pick(lasts);
            let b = rng.pick(lasts);
            let pattern = rng.below(6);
            let forms: [&str; 6] = if french_place {
                [
                    ", Fils & Cie",
                    " & Fils",
                    " & Associés",
                    " Frères",
                    " et Cie",
                    ", Père & Fils",
                ]
            } else {
                [
                    " & Sons",
                    " & Co",
                    " & Partners",
                    " Brothers",
                    " & Associates",
                    " Group",
                ]
            };
            company.push_str(a);
            if pattern == 2 && rng.chance(0.5) {
                company.push_str(", ");
                company.push_str(b);
            }
            company.push_str(forms[pattern as usize]);
            push_ascii_slug(domain, a);
            if pattern == 0 || pattern == 1 || pattern == 5 {
                domain.push_str("-fils");
            }
            domain.push('.');
            domain.push_str(tld);
            return;
        }
        // Brand, sometimes synthesised, then an industry word and/or a legal form.
        let brand_start = company.len();
        if rng.chance(0.45) {
            company.push_str(rng.pick(BRAND_ROOTS));
            company.push_str(rng.pick(BRAND_ENDINGS));
        } else if rng.chance(0.08) {
            for _ in 0..3 {
                company.push(char::from(b'A' + rng.below(26) as u8));
            }
        } else {
            company.push_str(rng.pick(BRANDS));
        }
        let brand_end = company.len();
        push_ascii_slug(domain, &company[brand_start..brand_end]);
        let industry = &INDUSTRIES[industry_index];
        let with_word = rng.chance(0.8);
        if with_word {
            let word = if french_place && rng.chance(0.45) {
                rng.pick(industry.words_fr)
            } else {
                rng.pick(industry.words_en)
            };
            company.push(' ');
            company.push_str(word);
            match rng.below(3) {
                0 => {}
                1 => {
                    domain.push('-');
                    push_ascii_slug(domain, word);
                }
                _ => push_ascii_slug(domain, word),
            }
        }
        if !with_word || rng.chance(0.3) {
            let legal = rng.pick(country.legal);
            if !legal.starts_with(',') {
                company.push(' ');
            }
            company.push_str(legal);
        }
        domain.push('.');
        domain.push_str(match (industry_index, rng.below(10)) {
            (0, 0..=2) => "io",
            (_, 0..=3) => "com",
            _ => tld,
        });
    }

    fn personal_local_part(&mut self, first: &str, last: &str, free_mail: bool) {
        let e = &mut self.email;
        let rng = &mut self.rng;
        let first_initial = |e: &mut String| {
            let start = e.len();
            push_ascii_slug(e, first);
            if let Some(c) = e[start..].chars().next() {
                e.truncate(start);
                e.push(c);
            }
        };
        let roll = rng.below(100);
        if free_mail {
            match roll {
                0..=34 => {
                    push_ascii_slug(e, first);
                    e.push('.');
                    push_ascii_slug(e, last);
                }
                35..=49 => {
                    push_ascii_slug(e, first);
                    push_ascii_slug(e, last);
                }
                50..=69 => {
                    push_ascii_slug(e, first);
                    e.push('.');
                    push_ascii_slug(e, last);
                    push_padded(e, rng.below(100), 2);
                }
                70..=79 => {
                    first_initial(e);
                    push_ascii_slug(e, last);
                    push_u64(e, rng.below(1000));
                }
                80..=89 => {
                    push_ascii_slug(e, first);
                    e.push('_');
                    push_ascii_slug(e, last);
                }
                _ => {
                    push_ascii_slug(e, first);
                    push_u64(e, 1960 + rng.below(45));
                }
            }
        } else {
            match roll {
                0..=51 => {
                    push_ascii_slug(e, first);
                    e.push('.');
                    push_ascii_slug(e, last);
                }
                52..=66 => {
                    first_initial(e);
                    push_ascii_slug(e, last);
                }
                67..=76 => {
                    first_initial(e);
                    e.push('.');
                    push_ascii_slug(e, last);
                }
                77..=82 => push_ascii_slug(e, first),
                83..=88 => {
                    push_ascii_slug(e, first);
                    push_ascii_slug(e, last);
                }
                89..=93 => {
                    push_ascii_slug(e, first);
                    e.push('_');
                    push_ascii_slug(e, last);
                }
                _ => {
                    push_ascii_slug(e, last);
                    e.push('.');
                    push_ascii_slug(e, first);
                }
            }
        }
    }

    fn conversion(&mut self, interest: f64, student: bool) -> &'static str {
        let i = interest;
        let demo_damp = if student { 0.1 } else { 1.0 };
        let pricing_damp = if student { 0.3 } else { 1.0 };
        let weights = [
            (DEMO, (10.0 + 220.0 * i * i) * demo_damp),
            (CONTACT, 20.0 + 120.0 * i),
            (PRICING, (20.0 + 110.0 * i) * pricing_damp),
            ("Ebook download", 170.0),
            ("Webinar", 110.0 + 40.0 * i),
            (NEWSLETTER, 20.0 + 150.0 * (1.0 - i)),
            ("", 30.0 + 250.0 * (1.0 - i)),
        ];
        let total: f64 = weights.iter().map(|w| w.1).sum();
        let mut ticket = self.rng.unit() * total;
        for (name, w) in weights {
            if ticket < w {
                return name;
            }
            ticket -= w;
        }
        ""
    }

    /// A creation moment in the window: growing volume, quieter weekends, August and December.
    fn create_time(&mut self) -> i64 {
        loop {
            let offset = self.rng.below(CREATE_DAYS as u64) as i64;
            let day = CREATE_FIRST_DAY + offset;
            let mut weight = 1000 + offset * 600 / (CREATE_DAYS - 1);
            if weekday(day) >= 5 {
                weight = weight * 35 / 100;
            }
            let (_, month, _) = civil_from_days(day);
            if month == 8 {
                weight = weight * 60 / 100;
            } else if month == 12 {
                weight = weight * 80 / 100;
            }
            if (self.rng.below(1600) as i64) < weight {
                let hour = self.rng.weighted(&HOUR_WEIGHTS[..], |w| *w) as i64;
                return day * DAY + hour * HOUR + self.rng.below(60) as i64;
            }
        }
    }

    /// Walks the funnel. Each step either happens (after a delay) or the lead stops; a step that
    /// would happen after the export, or a stop not yet decided by then, leaves the lead open.
    fn journey(
        &mut self,
        create: i64,
        fit: f64,
        interest: f64,
        hot: f64,
        conversion: &str,
        french: bool,
    ) -> Journey {
        let rng = &mut self.rng;
        let mut j = Journey {
            stage: STAGE_LEAD,
            mql: None,
            sql: None,
            opportunity: None,
            customer: None,
            touch: None,
            activities: 0,
            owner: "",
            outcome: "Lost",
        };
        // Lost if the decision to drop the lead falls before the export, open otherwise.
        let settle = |decided_at: i64| if decided_at <= AS_OF { "Lost" } else { "Open" };

        if (conversion == NEWSLETTER && rng.chance(0.55))
            || (conversion.is_empty() && interest < 0.15 && rng.chance(0.2))
        {
            j.stage = STAGE_SUBSCRIBER;
            j.outcome = settle(create + rng.range(150, 330) * DAY);
            return j;
        }

        // Marketing qualification.
        let mql_score = 0.45 * fit + 0.55 * interest + 0.35 * hot + 0.2 * rng.noise();
        let p_mql = if conversion == DEMO {
            0.93
        } else {
            ((mql_score - 0.2) / 0.7).clamp(0.02, 0.97)
        };
        if !rng.chance(p_mql) {
            j.outcome = settle(create + rng.range(150, 330) * DAY);
            return j;
        }
        let mql = if hot >= 0.7 && rng.chance(0.8) {
            create + rng.range(0, 20)
        } else {
            let days = rng.heavy() * (1.0 - interest) * 12.0 + 3.0 * rng.unit();
            create + ((days * DAY as f64) as i64).min(200 * DAY)
        };
        if mql > AS_OF {
            j.outcome = "Open";
            return j;
        }
        j.stage = STAGE_MQL;
        j.mql = Some(mql);

        // Hand-over to sales and first touch.
        if rng.chance(0.06) {
            j.outcome = settle(mql + 30 * DAY);
            return j;
        }
        // Reps cover a language area; one lead in ten goes to the other team.
        let french_team = french != rng.chance(0.1);
        let owners = if french_team { OWNERS_FR } else { OWNERS_EN };
        j.owner = rng.pick(owners);
        if rng.chance(0.08) {
            // Handed over but never worked: recycled after a month.
            j.outcome = settle(mql + 30 * DAY);
            return j;
        }
        let speed = rng.unit();
        let touch_delay = if speed < 0.55 {
            rng.range(5, 4 * HOUR)
        } else if speed < 0.80 {
            rng.range(4 * HOUR, DAY)
        } else if speed < 0.95 {
            rng.range(DAY, 5 * DAY)
        } else {
            rng.range(5 * DAY, 21 * DAY)
        };
        let touch = mql + touch_delay;
        if touch > AS_OF {
            j.outcome = "Open";
            return j;
        }
        j.touch = Some(touch);
        // Slow follow-up costs conversions.
        let slowness = if touch_delay > 5 * DAY {
            0.2
        } else if touch_delay > DAY {
            0.1
        } else {
            0.0
        };

        // Sales acceptance.
        let p_sql = (0.05 + 0.5 * fit + 0.3 * interest + 0.2 * hot - slowness + 0.15 * rng.noise())
            .clamp(0.02, 0.95);
        if !rng.chance(p_sql) {
            j.activities = rng.range(1, 6) as u64;
            j.outcome = settle(touch + rng.range(30, 120) * DAY);
            return j;
        }
        let sql = touch + rng.range(HOUR, 10 * DAY);
        if sql > AS_OF {
            j.activities = rng.range(1, 4) as u64;
            j.outcome = "Open";
            return j;
        }
        j.stage = STAGE_SQL;
        j.sql = Some(sql);

        // Opportunity.
        let p_opp = (0.05 + 0.6 * fit + 0.25 * interest + 0.15 * hot + 0.15 * rng.noise())
            .clamp(0.02, 0.95);
        if !rng.chance(p_opp) {
            j.activities = rng.range(2, 8) as u64;
            j.outcome = settle(sql + rng.range(30, 120) * DAY);
            return j;
        }
        let opportunity = sql + rng.range(DAY, 21 * DAY);
        if opportunity > AS_OF {
            j.activities = rng.range(2, 6) as u64;
            j.outcome = "Open";
            return j;
        }
        j.stage = STAGE_OPPORTUNITY;
        j.opportunity = Some(opportunity);

        // Close.
        let p_win =
            (-0.05 + 0.75 * fit + 0.2 * interest + 0.1 * hot + 0.15 * rng.noise()).clamp(0.02, 0.9);
        let close = opportunity + rng.range(21 * DAY, (60.0 + 150.0 * fit) as i64 * DAY);
        if close > AS_OF {
            j.activities = rng.range(4, 12) as u64;
            j.outcome = "Open";
            return j;
        }
        if rng.chance(p_win) {
            j.stage = STAGE_CUSTOMER;
            j.customer = Some(close);
            j.activities = rng.range(6, 15) as u64;
            j.outcome = "Won";
        } else {
            j.activities = rng.range(4, 14) as u64;
            j.outcome = "Lost";
        }
        j
    }

    /// Deal size in cents, and whether it is shown with decimals.
    fn deal_amount_cents(&mut self, employees: i64, fit: f64) -> (u64, bool) {
        let rng = &mut self.rng;
        let (lo, hi) = match employees {
            ..=50 => (2_000.0, 12_000.0),
            51..=500 => (8_000.0, 45_000.0),
            501..=5000 => (20_000.0, 120_000.0),
            _ => (50_000.0, 300_000.0),
        };
        let u = rng.unit();
        let euros = lo + (hi - lo) * u * u * (0.7 + 0.3 * fit);
        let roll = rng.unit();
        if roll < 0.55 {
            ((euros / 500.0) as u64 * 500 * 100, false)
        } else if roll < 0.8 {
            ((euros / 10.0) as u64 * 10 * 100, false)
        } else {
            let cents = [0, 50, 90, 99, 25, 75][rng.below(6) as usize];
            (euros as u64 * 100 + cents, true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips_and_knows_weekdays() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(
            civil_from_days(days_from_civil(2026, 12, 31) + 1),
            (2027, 1, 1)
        );
        for day in days_from_civil(2024, 1, 1)..days_from_civil(2027, 1, 1) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(
            weekday(days_from_civil(2025, 1, 1)),
            2,
            "2025-01-01 was a Wednesday"
        );
        assert_eq!(CREATE_DAYS, 546);
        let mut s = String::new();
        push_timestamp(&mut s, days_from_civil(2026, 9, 30) * DAY + 23 * 60 + 59);
        assert_eq!(s, "2026-09-30 23:59");
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut s = String::new();
        push_field(&mut s, "Dupont, Fils & Cie");
        s.push('|');
        push_field(&mut s, "Studio \"Nova\"");
        s.push('|');
        push_field(&mut s, "Hélène");
        assert_eq!(s, "\"Dupont, Fils & Cie\"|\"Studio \"\"Nova\"\"\"|Hélène");
    }

    #[test]
    fn special_industry_indices_point_at_their_industries() {
        assert_eq!(INDUSTRIES[INDUSTRY_EDUCATION].name, "Education");
        assert_eq!(INDUSTRIES[INDUSTRY_GOVERNMENT].name, "Government");
    }

    #[test]
    fn slugs_are_lowercase_ascii() {
        let mut s = String::new();
        push_ascii_slug(&mut s, "Hélène Lefèvre-O'Brien Œuvre Müller");
        assert_eq!(s, "helenelefevre-obrienoeuvremuller");
    }

    #[test]
    fn streaming_matches_in_memory() {
        let mut bytes = Vec::new();
        write_sample_csv(&mut bytes, 3000, 9).unwrap();
        assert_eq!(bytes, sample_csv(3000, 9).into_bytes());
    }
}
