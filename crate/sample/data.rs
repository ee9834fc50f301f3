//! Reference data of the sample generator: names, companies, titles, industries, weights.

// ---------------------------------------------------------------------------------------------
// Reference data. Weights are relative integers.

pub(super) struct Country {
    pub(super) name: &'static str,
    pub(super) weight: u32,
    /// Probability that a person there has a French name (and often a French job title).
    pub(super) french: f64,
    /// Probability, for someone without a French name, of a local name rather than an English one.
    pub(super) local: f64,
    pub(super) local_names: &'static Names,
    pub(super) tld: &'static str,
    pub(super) legal: &'static [&'static str],
    pub(super) free_mail: &'static [(&'static str, u32)],
    pub(super) core_market: bool,
}

pub(super) const LEGAL_FR: &[&str] = &["SAS", "SA", "SARL", "SAS", "SASU"];
pub(super) const LEGAL_US: &[&str] = &["Inc.", "LLC", ", Inc.", "Corp.", "Inc."];
pub(super) const LEGAL_UK: &[&str] = &["Ltd", "Ltd", "PLC", "Limited"];
pub(super) const LEGAL_DE: &[&str] = &["GmbH", "GmbH", "AG", "GmbH & Co. KG"];
pub(super) const LEGAL_BE: &[&str] = &["SA", "SRL", "NV", "BV"];
pub(super) const LEGAL_CH: &[&str] = &["SA", "AG", "Sàrl", "GmbH"];
pub(super) const LEGAL_CA: &[&str] = &["Inc.", "Ltée", ", Inc.", "Ltd"];
pub(super) const LEGAL_ES: &[&str] = &["S.L.", "S.A."];
pub(super) const LEGAL_NL: &[&str] = &["B.V.", "N.V."];
pub(super) const LEGAL_IT: &[&str] = &["S.r.l.", "S.p.A."];
pub(super) const LEGAL_LU: &[&str] = &["S.A.", "S.à r.l."];

#[rustfmt::skip]
pub(super) const FREE_FR: &[(&str, u32)] = &[
    ("gmail.com", 30), ("orange.fr", 14), ("hotmail.fr", 10), ("yahoo.fr", 10), ("free.fr", 8),
    ("laposte.net", 6), ("outlook.fr", 6), ("sfr.fr", 4), ("wanadoo.fr", 4), ("hotmail.com", 5),
    ("outlook.com", 3),
];
#[rustfmt::skip]
pub(super) const FREE_INTL: &[(&str, u32)] = &[
    ("gmail.com", 45), ("outlook.com", 14), ("hotmail.com", 12), ("yahoo.com", 12),
    ("icloud.com", 7), ("aol.com", 3), ("protonmail.com", 2),
];
#[rustfmt::skip]
pub(super) const FREE_UK: &[(&str, u32)] = &[
    ("gmail.com", 40), ("hotmail.co.uk", 15), ("outlook.com", 15), ("yahoo.co.uk", 10),
    ("btinternet.com", 8), ("icloud.com", 6),
];
#[rustfmt::skip]
pub(super) const FREE_DE: &[(&str, u32)] = &[
    ("gmail.com", 30), ("gmx.de", 25), ("web.de", 20), ("t-online.de", 10), ("outlook.com", 8),
    ("yahoo.de", 7),
];
#[rustfmt::skip]
pub(super) const FREE_BE: &[(&str, u32)] = &[
    ("gmail.com", 40), ("skynet.be", 15), ("hotmail.com", 15), ("outlook.com", 10),
    ("telenet.be", 10), ("yahoo.fr", 10),
];
#[rustfmt::skip]
pub(super) const FREE_CH: &[(&str, u32)] = &[
    ("gmail.com", 40), ("bluewin.ch", 30), ("hotmail.com", 10), ("outlook.com", 10), ("gmx.ch", 10),
];
#[rustfmt::skip]
pub(super) const FREE_CA: &[(&str, u32)] = &[
    ("gmail.com", 40), ("hotmail.com", 15), ("outlook.com", 15), ("yahoo.ca", 10),
    ("videotron.ca", 10), ("icloud.com", 10),
];

#[rustfmt::skip]
pub(super) const COUNTRIES: &[Country] = &[
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
pub(super) const FIRST_EN_M: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
    "Daniel", "Matthew", "Mark", "Paul", "Steven", "Andrew", "Kevin", "Brian", "Ryan", "Jason",
    "Oliver", "Harry", "Jack", "George", "Ethan", "Liam", "Noah", "Samuel", "Christopher",
];
#[rustfmt::skip]
pub(super) const FIRST_EN_F: &[&str] = &[
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Sarah", "Jessica", "Karen", "Emily",
    "Emma", "Olivia", "Sophie", "Hannah", "Laura", "Rachel", "Megan", "Amy", "Lauren", "Charlotte",
    "Grace", "Chloe", "Zoe", "Anna", "Julia", "Rebecca", "Natalie",
];
#[rustfmt::skip]
pub(super) const FIRST_FR_M: &[&str] = &[
    "Jean", "Pierre", "Nicolas", "Julien", "Thomas", "Alexandre", "Sébastien", "Stéphane",
    "Frédéric", "Jérôme", "Éric", "Laurent", "Olivier", "François", "Antoine", "Mathieu", "Benoît",
    "Guillaume", "Hervé", "Loïc", "Cédric", "Jean-Pierre", "Jean-François", "Rémi", "Théo", "Hugo",
    "Maxime", "Raphaël", "Gaël", "Noël", "Aurélien", "Clément", "Grégoire", "Yannick", "Bruno",
];
#[rustfmt::skip]
pub(super) const FIRST_FR_F: &[&str] = &[
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Céline", "Hélène", "Amélie",
    "Cécile", "Élodie", "Émilie", "Aurélie", "Virginie", "Stéphanie", "Julie", "Camille", "Léa",
    "Chloé", "Manon", "Inès", "Zoé", "Anaïs", "Gaëlle", "Maëlle", "Mélanie", "Valérie", "Béatrice",
    "Agnès", "Marie-Claire", "Anne-Sophie", "Noémie", "Laëtitia", "Clémence",
];
#[rustfmt::skip]
pub(super) const LAST_EN: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Miller", "Davis", "Wilson",
    "Anderson", "Thomas", "Moore", "Clark", "Walker", "Hall", "Young", "King", "Wright", "Scott",
    "Green", "Baker", "O'Brien", "Murphy", "Campbell", "Patel", "Nguyen", "Evans", "Roberts",
    "Hughes", "Edwards", "Cooper", "Kelly", "Lee", "Harris", "Morgan", "Bennett",
];
#[rustfmt::skip]
pub(super) const LAST_FR: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
    "Perrin", "Chevalier", "Gauthier", "Lemaire", "Barbier", "Brun", "Dumont", "Fontaine",
    "Leclerc", "Lefebvre", "Le Gall", "Benoît", "Ménard", "Hébert", "Crépin", "Delacroix",
];
/// First names (masculine, feminine) and last names of one language area.
pub(super) struct Names {
    pub(super) male: &'static [&'static str],
    pub(super) female: &'static [&'static str],
    pub(super) last: &'static [&'static str],
}

pub(super) const NAMES_EN: Names = Names {
    male: FIRST_EN_M,
    female: FIRST_EN_F,
    last: LAST_EN,
};
pub(super) const NAMES_FR: Names = Names {
    male: FIRST_FR_M,
    female: FIRST_FR_F,
    last: LAST_FR,
};
pub(super) const NAMES_DE: Names = Names {
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
pub(super) const NAMES_ES: Names = Names {
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
pub(super) const NAMES_NL: Names = Names {
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
pub(super) const NAMES_IT: Names = Names {
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
pub(super) const BRANDS: &[&str] = &[
    "Nordwind", "Solaris", "Meridian", "Kestrel", "Helix", "Polaris", "Summit", "Vertex", "Zenith",
    "Atlas", "Borealis", "Cobalt", "Evergreen", "Granite", "Horizon", "Ironbridge", "Juniper",
    "Keystone", "Lighthouse", "Northstar", "Oakridge", "Pinnacle", "Riverside", "Sapphire",
    "Tidewater", "Alpine", "Beacon", "Crescent", "Falcon", "Harbor", "Azur", "Lumière", "Étoile",
    "Hermine", "Mistral", "Sirocco", "Cigale", "Calanque", "Belvédère", "Ardoise", "Garonne",
    "Vauban", "Colbert", "Orée", "Brocéliande",
];
#[rustfmt::skip]
pub(super) const BRAND_ROOTS: &[&str] = &[
    "Nord", "Sol", "Lum", "Ver", "Aqua", "Terra", "Astr", "Cyber", "Dat", "Nex", "Opti", "Quant",
    "Vel", "Zen", "Alt", "Clar", "Flex", "Gen", "Hex", "Kin", "Lex", "Omn", "Prim", "Syn", "Tri",
    "Vit", "Arc", "Cor", "Nov", "Sen",
];
#[rustfmt::skip]
pub(super) const BRAND_ENDINGS: &[&str] = &[
    "wind", "aris", "ex", "ia", "on", "ix", "ora", "ium", "ity", "ent", "wave", "ly", "ify", "io",
    "era", "ova", "ara", "ys", "ica", "eo",
];
#[rustfmt::skip]
pub(super) const CITIES_FR: &[&str] = &[
    "Lyon", "Nantes", "Bordeaux", "Lille", "Rennes", "Grenoble", "Montpellier", "Strasbourg",
    "Toulouse", "Besançon", "Orléans", "Nîmes", "Saint-Étienne", "Angers",
];
#[rustfmt::skip]
pub(super) const CITIES_EN: &[&str] = &[
    "Leeds", "Bristol", "Manchester", "Boston", "Austin", "Denver", "Toronto", "Dublin",
    "Edinburgh", "Portland", "Ottawa", "Cambridge",
];
#[rustfmt::skip]
pub(super) const QUOTED_COMPANIES: &[(&str, &str)] = &[
    ("Les Ateliers \"Lumière\"", "ateliers-lumiere"), ("Studio \"Nova\"", "studionova"),
    ("Brasserie \"Le Zinc\"", "lezinc"), ("\"Blue Door\" Ventures", "bluedoor"),
];

pub(super) struct Industry {
    pub(super) name: &'static str,
    pub(super) weight: u32,
    /// How well the industry fits the (imaginary) vendor's ideal customer profile, 0..=1.
    pub(super) fit: f64,
    pub(super) words_en: &'static [&'static str],
    pub(super) words_fr: &'static [&'static str],
}

#[rustfmt::skip]
pub(super) const INDUSTRIES: &[Industry] = &[
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
pub(super) const INDUSTRY_GOVERNMENT: usize = 6;
pub(super) const INDUSTRY_EDUCATION: usize = 5;

#[rustfmt::skip]
pub(super) const LEAD_SOURCES: &[(&str, u32)] = &[
    ("Organic Search", 28), ("Paid Search", 18), ("Social", 14), ("Referral", 10), ("Email", 12),
    ("Event", 9), ("Direct", 9),
];

#[rustfmt::skip]
pub(super) const SIZE_BANDS: &[(&str, i64, i64, u32)] = &[
    ("1-10", 1, 10, 17), ("11-50", 11, 50, 22), ("51-200", 51, 200, 20), ("201-500", 201, 500, 13),
    ("501-1000", 501, 1000, 9), ("1001-5000", 1001, 5000, 11), ("5001-10000", 5001, 10000, 4),
    ("10000+", 10001, 200_000, 4),
];

#[rustfmt::skip]
pub(super) const ROLE_ADDRESSES: &[&str] = &[
    "info", "contact", "sales", "hello", "marketing", "bonjour", "admin",
];

#[rustfmt::skip]
pub(super) const OWNERS_FR: &[&str] = &[
    "Camille Laurent", "Julien Moreau", "Léa Fontaine", "Nicolas Bernard",
];
#[rustfmt::skip]
pub(super) const OWNERS_EN: &[&str] = &[
    "Sarah Johnson", "David Miller", "Emma Wilson", "James O'Connor",
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Seniority {
    CLevel,
    Vp,
    Director,
    Head,
    Manager,
    Contributor,
    Student,
}

impl Seniority {
    pub(super) fn fit(self) -> f64 {
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
pub(super) const SENIORITIES: &[(Seniority, u32)] = &[
    (Seniority::CLevel, 4), (Seniority::Vp, 5), (Seniority::Director, 11), (Seniority::Head, 6),
    (Seniority::Manager, 25), (Seniority::Contributor, 38), (Seniority::Student, 7),
];

#[derive(Clone, Copy)]
pub(super) enum Dept {
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
    pub(super) fn fit(self) -> f64 {
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
pub(super) const TITLES_EN: &[(Seniority, &[TitlesEn])] = &[
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
pub(super) const TITLES_FR: &[(Seniority, &[TitleFr])] = &[
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
