//! Every phrase the engine writes, in English and French. Written side by side so that a
//! translator reads both; compiled into one table per language. `{}` marks what is filled in,
//! in order. French follows the vocabulary of the seven components of a sales–marketing SLA
//! (objectifs communs, définitions, qualification des prospects, transfert des leads, nourrir
//! les prospects, gestion des prospects et activation des ventes, indicateurs clés de
//! performance), with French spacing (no-break space before `:`, inside « »).

macro_rules! phrases {
    ($($id:ident = $en:literal | $fr:literal;)*) => {
        /// A phrase of the tables. (Fields, KPIs and stages are reached by offset from their
        /// first phrase, so some variants are never named.)
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[allow(dead_code)]
        pub(crate) enum W { $($id),* }
        /// The English phrases, in [`W`] order, each ended by `\u{1}` (one string rather than a
        /// table of pointers: smaller in the WebAssembly).
        pub(crate) const EN: &str = concat!($($en, "\u{1}"),*);
        /// The French phrases, likewise.
        pub(crate) const FR: &str = concat!($($fr, "\u{1}"),*);
        /// How many phrases there are.
        #[cfg(test)]
        pub(crate) const COUNT: usize = [$(W::$id),*].len();
    };
}

/// Canonical fields in the order of their phrases (`FLeadId`…).
pub(crate) const FIELD_KEYS: &[&str] = &[
    "lead_id",
    "email",
    "first_name",
    "last_name",
    "company",
    "job_title",
    "company_size",
    "industry",
    "country",
    "lead_source",
    "create_date",
    "page_views",
    "sessions",
    "form_submissions",
    "email_opens",
    "email_clicks",
    "recent_conversion",
    "last_activity_date",
    "lifecycle_stage",
    "mql_date",
    "sql_date",
    "opportunity_date",
    "customer_date",
    "first_touch_date",
    "sales_activities",
    "owner",
    "outcome",
    "deal_amount",
    "do_not_contact",
    "fit",
    "interest",
    "grade",
    "stage",
    "reason",
];

/// KPI ids in the order of their phrases (`KMqlAcceptance`…); the first seven are rates.
pub(crate) const KPI_KEYS: &[&str] = &[
    "mql_acceptance_rate",
    "first_touch_within_sla",
    "recycle_rate",
    "disqualification_rate",
    "lead_to_mql",
    "mql_to_sql",
    "sql_to_won",
    "speed_to_lead_median_hours",
    "speed_to_lead_p90_hours",
    "overdue_now",
    "attempts_per_week",
    "attempts_per_lead",
];

/// Funnel steps in the order of their short names (`SVisitor`…).
pub(crate) const STAGE_KEYS: &[&str] = &[
    "visitor",
    "lead",
    "mql",
    "sal",
    "sql",
    "opportunity",
    "won",
    "customer",
];

phrases! {
    // Joining and small words.
    Or = " or " | " ou ";
    And = " and " | " et ";
    More = "{} more" | "{} autres";
    Colon = "{}: {}" | "{}\u{a0}: {}";
    None = "none" | "aucun";
    Today = "today" | "aujourd’hui";
    Yes = "yes" | "oui";
    No = "no" | "non";
    Fit = "fit" | "adéquation";
    Interest = "interest" | "intérêt";
    NotAvailable = "not available" | "non disponible";
    Needs = "not available: needs column {}" | "non disponible (à ajouter\u{a0}: {})";

    // Conditions (describe).
    Contains = "{} contains {}" | "{} contient {}";
    Equals = "{} is {}" | "{} est {}";
    Starts = "{} starts with {}" | "{} commence par {}";
    Empty = "{} is empty" | "{} est vide";
    NotEmpty = "{} is not empty" | "{} n’est pas vide";
    Between = "{} is between {} and {}" | "{} est entre {} et {}";
    AtLeast = "{} is at least {}" | "{} vaut au moins {}";
    AtMost = "{} is at most {}" | "{} vaut au plus {}";
    Within = "{} is within the last {} days" | "{} date de {} jours ou moins";
    Older = "{} is more than {} days ago" | "{} date de plus de {} jours";
    FreeMail = "{} is at a free-mail provider" | "{} est chez un fournisseur de messagerie gratuite";
    NotFreeMail = "{} is not at a free-mail provider" | "{} n’est pas chez un fournisseur de messagerie gratuite";
    Role = "{} is a role address (info@, contact@…)" | "{} est une adresse générique (info@, contact@…)";
    NotRole = "{} is not a role address" | "{} n’est pas une adresse générique";
    Domain = "{} is at {}" | "{} est chez {}";
    IsYes = "{} is yes" | "{} est oui";
    IsNo = "{} is no" | "{} est non";
    EachUnit = "{}: {} each, at most {}" | "{}\u{a0}: {} par unité, au plus {}";
    EachEvent = "{}: {} each, at most {}" | "{}\u{a0}: {} par événement, au plus {}";
    Events = "Events {}" | "Événements {}";
    AnyEvent = "Any event" | "Tout événement";
    NoCondition = "no condition" | "aucune condition";
    DecayHalf = "half after {} days" | "moitié moins après {} jours";
    DecayStep = "−{} every {} days" | "−{} tous les {} jours";

    // Differences (diff).
    ListChange = "{} {}" | "{} — {}";
    Added = "added {}" | "ajout\u{a0}: {}";
    Removed = "removed {}" | "retrait\u{a0}: {}";
    NewOrder = "{}: new order {}" | "{}\u{a0}: nouvel ordre {}";
    Rule = "Rule {} ({}, {})" | "Règle {} ({}, {})";
    RuleAdded = "Rule {} added to {} ({}): {}" | "Règle {} ajoutée à {} ({})\u{a0}: {}";
    RuleRemoved = "Rule {} removed from {} ({})" | "Règle {} retirée de {} ({})";
    RuleMoved = "Rule {} moved from {} to {} ({})" | "Règle {} déplacée de {} vers {} ({})";
    RulesOf = "Rules of {} ({})" | "Règles de {} ({})";
    Group = "Group {} ({})" | "Groupe {} ({})";
    GroupAdded = "Group {} added to {}{}" | "Groupe {} ajouté ({}{})";
    GroupRemoved = "Group {} removed from {}" | "Groupe {} retiré ({})";
    Groups = "Groups ({})" | "Groupes ({})";
    Cap = "cap {}" | "plafond {}";
    CapSuffix = " (cap {})" | ", plafond {}";
    Disqualifier = "Disqualifier {}" | "Règle de disqualification {}";
    Disqualifiers = "Disqualifiers" | "Règles de disqualification";
    FastTrack = "Fast-track {}" | "Demande prioritaire {}";
    FastTracks = "Fast-track rules" | "Demandes prioritaires";
    Stage = "Stage {}" | "Étape {}";
    Stages = "Stages" | "Étapes";
    Track = "Nurture track {}" | "Parcours de nurturing {}";
    Tracks = "Nurture tracks" | "Parcours de nurturing";
    AddedF = "{} added: {}" | "{} ajoutée\u{a0}: {}";
    RemovedF = "{} removed" | "{} retirée";
    AddedM = "{} added: {}" | "{} ajouté\u{a0}: {}";
    RemovedM = "{} removed" | "{} retiré";

    // Labels of what changed.
    Name = "Name" | "Nom";
    Locale = "Language" | "Langue";
    AsOf = "As-of date" | "Date de référence";
    Version = "Version" | "Version";
    RevenueTarget = "Revenue target" | "Objectif de chiffre d’affaires";
    Currency = "Currency" | "Devise";
    Period = "Period" | "Période";
    PeriodStart = "Period start" | "Début de la période";
    PeriodEnd = "Period end" | "Fin de la période";
    DealSize = "Average deal size" | "Montant moyen d’une affaire";
    PlannedRate = "Planned rate {}" | "Taux prévu {}";
    Capacity = "Sales capacity" | "Capacité commerciale";
    Reps = "Sales reps" | "Commerciaux";
    LeadsPerRep = "Leads per rep per month" | "Leads par commercial et par mois";
    StageMapOf = "Export label {}" | "Libellé de l’export {}";
    MappingOf = "Column for {}" | "Colonne pour {}";
    Mode = "Threshold mode" | "Mode des seuils";
    ModeAxes = "each axis" | "par axe";
    ModeCombined = "combined" | "combiné";
    Threshold = "{} {} threshold" | "Seuil {} d’{}";
    CombinedLine = "Combined {} threshold" | "Seuil {} combiné";
    WeightOf = "Weight of {}" | "Poids de l’{}";
    GradeOf = "{} grade {}" | "Note {} {}";
    DecayOf = "Decay of {}" | "Atténuation de l’{}";
    Triggers = "Handoff triggers" | "Déclencheurs du transfert";
    HandoffFields = "Fields sent to sales" | "Champs transmis aux ventes";
    AfterAttempts = "Return to marketing after (attempts)" | "Renvoi au marketing après (tentatives)";
    AfterDays = "Return to marketing after (days)" | "Renvoi au marketing après (jours)";
    RecycleTrack = "Track of returned leads" | "Parcours des leads renvoyés";
    Reasons = "Return reasons" | "Raisons de renvoi";
    OverrideOf = "Track placed by hand for {}" | "Parcours choisi à la main pour {}";
    FirstTouch = "First-touch deadline (business hours)" | "Délai du premier contact (heures ouvrées)";
    Attempts = "Attempts before return" | "Tentatives avant renvoi";
    Channels = "Channels" | "Canaux";
    Cadence = "Cadence (days after the handoff)" | "Cadence (jours après le transfert)";
    BusinessHours = "Business hours" | "Heures ouvrées";
    Days = "Working days" | "Jours ouvrés";
    Open = "Opening time" | "Ouverture";
    Close = "Closing time" | "Fermeture";
    TimeZone = "Time zone" | "Fuseau horaire";
    Holidays = "Holidays" | "Jours fériés";
    TargetOf = "Target: {}" | "Objectif\u{a0}: {}";
    Points = "points" | "points";
    PerUnit = "points per unit" | "points par unité";
    Max = "at most" | "plafond";
    Field = "field" | "champ";
    Keywords = "keywords" | "mots-clés";
    Values = "values" | "valeurs";
    Prefixes = "prefixes" | "préfixes";
    Domains = "domains" | "domaines";
    EventTypes = "event types" | "types d’événements";
    Range = "range" | "intervalle";
    Minimum = "minimum" | "minimum";
    Maximum = "maximum" | "maximum";
    WithinDays = "within (days)" | "depuis moins de (jours)";
    OlderDays = "older than (days)" | "depuis plus de (jours)";
    DecayWord = "decay" | "atténuation";
    Reason = "reason" | "raison";
    Definition = "definition" | "définition";
    NameWord = "name" | "nom";
    Step = "buyer-journey step" | "étape du parcours d’achat";
    Entry = "entry: {}" | "entrée\u{a0}: {}";
    InterestGrade = "interest grade {}" | "note d’intérêt {}";
    FitGrade = "fit grade {}" | "note d’adéquation {}";
    Persona = "job title contains {}" | "l’intitulé du poste contient {}";
    LastConversion = "last conversion contains {}" | "la dernière conversion contient {}";
    Recycled = "returned by sales" | "renvoyé par les ventes";
    NotRecycled = "not returned by sales" | "non renvoyé par les ventes";
    RecycleReason = "return reason {}" | "raison du renvoi {}";
    Everyone = "every lead" | "tous les leads";
    Awareness = "Awareness" | "Sensibilisation";
    Consideration = "Consideration" | "Considération";
    Decision = "Decision" | "Décision";

    // The SLA document.
    Title = "Service-level agreement between marketing and sales" | "Accord de niveau de service (SLA) entre le marketing et les ventes";
    SubData = "{} — {} leads in the data" | "{} — {} leads dans les données";
    SubNoData = "{} — no data loaded" | "{} — aucune donnée chargée";
    P1 = "Shared goals" | "Objectifs communs";
    P2 = "Definitions" | "Définitions";
    P3 = "Lead qualification" | "Qualification des prospects";
    P4 = "Lead handoff" | "Transfert des leads";
    P5 = "Lead nurturing" | "Nourrir les prospects";
    P6 = "Lead follow-up and sales enablement" | "Gestion des prospects et activation des ventes";
    P7 = "Key performance indicators (KPIs)" | "Indicateurs clés de performance (KPI)";
    NoData = "No data loaded: the measured figures appear once leads are loaded." | "Aucune donnée chargée\u{a0}: les chiffres mesurés apparaissent une fois les leads chargés.";
    NotSet = "not set" | "non défini";
    Entered = "entered" | "saisi";
    FromWon = "from the export’s won deals" | "d’après les affaires gagnées de l’export";
    FunnelIntro = "To reach the target, the funnel is worked back from the wins through the planned rates (else those measured on the data):" | "Pour atteindre l’objectif, l’entonnoir est remonté depuis les affaires gagnées avec les taux prévus (sinon ceux mesurés sur les données)\u{a0}:";
    NoFunnel = "No reverse funnel: it needs a revenue target and a deal size (entered, or won deals with amounts in the export)." | "Pas d’entonnoir inversé\u{a0}: il faut un objectif de chiffre d’affaires et un montant d’affaire (saisi, ou des affaires gagnées avec montant dans l’export).";
    HStage = "Stage" | "Étape";
    HNeeded = "Needed" | "Nécessaires";
    HPerMonth = "Per month" | "Par mois";
    HRate = "Rate to the next stage" | "Taux vers l’étape suivante";
    Planned = "{} (planned)" | "{} (prévu)";
    Measured = "{} (measured)" | "{} (mesuré)";
    NoRate = "{} → {}: no rate planned, and the data cannot measure it" | "{} → {}\u{a0}: aucun taux prévu, et les données ne permettent pas de le mesurer";
    Won = "Won deals" | "Affaires gagnées";
    Visitors = "Visitors" | "Visiteurs";
    CapacityV = "{} reps × {} leads = {} leads a month" | "{} commerciaux × {} leads = {} leads par mois";
    MqlsPerMonth = "MQLs a month (from the data)" | "MQL par mois (d’après les données)";
    Spare = "{} to spare" | "{} de marge";
    TooMany = "{} more than sales can work" | "{} de plus que les ventes ne peuvent traiter";
    HDefinition = "Definition" | "Définition";
    NoStages = "No stage is defined." | "Aucune étape n’est définie.";
    StageMapIntro = "Export labels read as a stage:" | "Libellés de l’export lus comme une étape\u{a0}:";
    MqlLine = "MQL line" | "Seuil MQL";
    SqlLine = "SQL line" | "Seuil SQL";
    AxesLine = "fit ≥ {} and interest ≥ {}" | "adéquation ≥ {} et intérêt ≥ {}";
    WeightedLine = "{} × fit + {} × interest ≥ {}" | "{} × adéquation + {} × intérêt ≥ {}";
    LinesNote = "A lead is an MQL when it reaches the MQL line or a fast-track rule applies, and an SQL when it reaches the SQL line; a disqualified lead is neither." | "Un lead est MQL quand il atteint le seuil MQL ou qu’une demande prioritaire s’applique, et SQL quand il atteint le seuil SQL\u{a0}; un lead disqualifié n’est ni l’un ni l’autre.";
    FitGrades = "Fit grades" | "Notes d’adéquation";
    InterestGrades = "Interest grades" | "Notes d’intérêt";
    FitIntro = "Fit — who the lead is. Each group’s points are capped; a score is the sum of its groups, from 0 to 100." | "Adéquation — qui est le lead. Les points de chaque groupe sont plafonnés\u{a0}; un score est la somme de ses groupes, de 0 à 100.";
    InterestIntro = "Interest — what the lead has done." | "Intérêt — ce que le lead a fait.";
    DecayIntro = "Activity points lose weight with age: {}." | "Les points d’activité s’atténuent avec le temps\u{a0}: {}.";
    HGroup = "Group" | "Groupe";
    HCap = "Cap" | "Plafond";
    HRule = "Rule" | "Règle";
    HLeads = "Leads" | "Leads";
    HReason = "Reason" | "Raison";
    Disqualified = "Disqualified" | "Disqualifiés";
    FastTracked = "Fast-tracked" | "Demandes prioritaires";
    DqIntro = "Disqualified leads are excluded, with the reason sales will read:" | "Les leads disqualifiés sont exclus, avec la raison que liront les ventes\u{a0}:";
    FtIntro = "Fast-track requests go to sales whatever the scores:" | "Les demandes prioritaires passent aux ventes quels que soient les scores\u{a0}:";
    Mqls = "MQLs" | "MQL";
    Sqls = "SQLs" | "SQL";
    OfLeads = "{} of the leads" | "{} des leads";
    SentWhen = "A lead goes to sales when:" | "Un lead passe aux ventes quand\u{a0}:";
    TrigMql = "it reaches the MQL line" | "il atteint le seuil MQL";
    TrigFt = "a fast-track rule applies (part 3)" | "une demande prioritaire s’applique (partie 3)";
    Receives = "With each lead, sales receives:" | "Avec chaque lead, les ventes reçoivent\u{a0}:";
    ReturnAfter = "Sales returns a lead to marketing {} without reaching SQL." | "Les ventes renvoient un lead au marketing {} sans passage en SQL.";
    AfterN = "after {} attempts" | "après {} tentatives";
    AfterD = "after {} days" | "après {} jours";
    IntoTrack = "It then enters the nurture track {}." | "Il entre alors dans le parcours {}.";
    ReasonsIntro = "Reasons sales gives when it returns a lead:" | "Raisons données par les ventes quand elles renvoient un lead\u{a0}:";
    SentNow = "Leads the agreement sends to sales" | "Leads que l’accord transmet aux ventes";
    HandedExport = "Handed over in the export" | "Transmis dans l’export";
    ReturnedN = "Returned to marketing" | "Renvoyés au marketing";
    NurtureIntro = "Every lead not with sales follows the first track whose entry conditions hold; sales can place a lead in a track by hand." | "Chaque lead qui n’est pas aux ventes suit le premier parcours dont les conditions d’entrée sont remplies\u{a0}; les ventes peuvent placer un lead dans un parcours à la main.";
    HTrack = "Track" | "Parcours";
    HStep = "Step" | "Étape";
    HEnters = "Who enters" | "Qui y entre";
    Overrides = "{} leads placed in a track by hand." | "{} leads placés dans un parcours à la main.";
    NoTracks = "No nurture track is defined." | "Aucun parcours n’est défini.";
    Untracked = "Leads in no track" | "Leads sans parcours";
    FirstTouchIn = "First touch within" | "Premier contact sous";
    BizHours = "{} business hours" | "{} heures ouvrées";
    ClockHours = "{} hours, round the clock" | "{} heures, 24 h sur 24";
    HoursV = "{}, {}–{}, {}" | "{}, {}–{}, {}";
    RecordNote = "Sales records every attempt, and why a lead does not move forward (the reasons of part 4)." | "Les ventes consignent chaque tentative, et pourquoi un lead n’avance pas (les raisons de la partie 4).";
    Hours = "{} h" | "{} h";
    HKpi = "Indicator" | "Indicateur";
    HValue = "Value" | "Valeur";
    HTarget = "Target" | "Objectif";
    HMet = "Met" | "Atteint";
    Review = "Marketing and sales review these figures together every month." | "Le marketing et les ventes examinent ces indicateurs ensemble chaque mois.";

    // Canonical fields (in FIELD_KEYS order).
    FLeadId = "Lead ID" | "ID du lead";
    FEmail = "E-mail" | "E-mail";
    FFirstName = "First name" | "Prénom";
    FLastName = "Last name" | "Nom";
    FCompany = "Company" | "Entreprise";
    FJobTitle = "Job title" | "Intitulé du poste";
    FCompanySize = "Company size" | "Taille de l’entreprise";
    FIndustry = "Industry" | "Secteur";
    FCountry = "Country" | "Pays";
    FLeadSource = "Lead source" | "Source du lead";
    FCreateDate = "Create date" | "Date de création";
    FPageViews = "Page views" | "Pages vues";
    FSessions = "Sessions" | "Sessions";
    FFormSubmissions = "Form submissions" | "Formulaires soumis";
    FEmailOpens = "E-mail opens" | "Ouvertures d’e-mails";
    FEmailClicks = "E-mail clicks" | "Clics dans les e-mails";
    FRecentConversion = "Recent conversion" | "Dernière conversion";
    FLastActivity = "Last activity date" | "Date de dernière activité";
    FLifecycle = "Lifecycle stage" | "Phase du cycle de vie";
    FMqlDate = "MQL date" | "Date MQL";
    FSqlDate = "SQL date" | "Date SQL";
    FOpportunityDate = "Opportunity date" | "Date d’opportunité";
    FCustomerDate = "Customer date" | "Date client";
    FFirstTouch = "First touch date" | "Date du premier contact";
    FSalesActivities = "Sales activities" | "Activités commerciales";
    FOwner = "Owner" | "Propriétaire";
    FOutcome = "Outcome" | "Résultat";
    FDealAmount = "Deal amount" | "Montant de l’affaire";
    FDoNotContact = "Do not contact" | "Ne pas contacter";
    FFit = "Fit score" | "Score d’adéquation";
    FInterest = "Interest score" | "Score d’intérêt";
    FGrade = "Grade" | "Note";
    FStage = "Stage" | "Étape";
    FReason = "Reason" | "Raison";

    // KPIs (in KPI_KEYS order).
    KMqlAcceptance = "MQL acceptance rate" | "Taux d’acceptation des MQL";
    KFirstTouch = "First touch within the SLA" | "Premier contact dans le délai";
    KRecycle = "Recycle rate" | "Taux de renvoi au marketing";
    KDisqualification = "Disqualification rate" | "Taux de disqualification";
    KLeadToMql = "Lead to MQL" | "Lead → MQL";
    KMqlToSql = "MQL to SQL" | "MQL → SQL";
    KSqlToWon = "SQL to won" | "SQL → gagné";
    KSpeedMedian = "Speed to lead (median)" | "Délai de premier contact (médiane)";
    KSpeedP90 = "Speed to lead (90th percentile)" | "Délai de premier contact (90e centile)";
    KOverdue = "Overdue now" | "En retard actuellement";
    KAttemptsWeek = "Attempt frequency (median, per week)" | "Fréquence des tentatives (médiane, par semaine)";
    KAttemptsLead = "Contact attempts per lead" | "Tentatives de contact par lead";

    // Funnel steps, short (in STAGE_KEYS order).
    SVisitor = "visitor" | "visiteur";
    SLead = "lead" | "lead";
    SMql = "MQL" | "MQL";
    SSal = "SAL" | "SAL";
    SSql = "SQL" | "SQL";
    SOpportunity = "opportunity" | "opportunité";
    SWon = "won" | "gagné";
    SCustomer = "customer" | "client";
}

// The key lists and their phrases must line up.
const _: () = assert!(FIELD_KEYS.len() == W::FReason as usize - W::FLeadId as usize + 1);
const _: () = assert!(KPI_KEYS.len() == W::KAttemptsLead as usize - W::KMqlAcceptance as usize + 1);
const _: () = assert!(STAGE_KEYS.len() == W::SCustomer as usize - W::SVisitor as usize + 1);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_tables_have_every_phrase_and_no_separator_inside() {
        for table in [EN, FR] {
            assert_eq!(table.matches('\u{1}').count(), COUNT);
        }
    }
}
