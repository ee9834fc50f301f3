//! Deterministic generator of realistic B2B leads as a HubSpot-like CSV export, for demos,
//! benchmarks and tests.
//!
//! Each lead gets a hidden *fit* (seniority, company size, industry, company e-mail, department)
//! and *interest* (engagement, high-intent conversions). The funnel (MQL, sales touch, SQL,
//! opportunity, won or lost) is simulated from them plus noise on a fixed calendar, so a sensible
//! scoring model clearly beats a random one. Only integer and basic IEEE float arithmetic is
//! used (no `ln`/`exp`, no float formatting): a `(rows, seed)` pair gives the same bytes
//! everywhere.

mod data;
mod rng;

use data::*;
use rng::*;
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

pub(crate) const MINUTES_PER_DAY: i64 = 1440;
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
