//! Everything that differs between the SQL dialects the generator writes: identifier quoting,
//! string literals, types, regular expressions, string positions and date arithmetic. The
//! generator itself only calls these methods.

/// A SQL dialect `accord sql` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    DuckDb,
    BigQuery,
    Snowflake,
    Spark,
}

/// Every dialect, as named on the command line.
pub const DIALECTS: &[(&str, Dialect)] = &[
    ("postgres", Dialect::Postgres),
    ("duckdb", Dialect::DuckDb),
    ("bigquery", Dialect::BigQuery),
    ("snowflake", Dialect::Snowflake),
    ("spark", Dialect::Spark),
];

impl Dialect {
    /// The dialect named `name` (`postgres`, `duckdb`, `bigquery`, `snowflake`, `spark`).
    pub fn parse(name: &str) -> Option<Dialect> {
        let n = name.trim().to_ascii_lowercase();
        let n = match n.as_str() {
            "postgresql" | "pg" => "postgres",
            "databricks" => "spark",
            other => other,
        };
        DIALECTS.iter().find(|(k, _)| *k == n).map(|(_, d)| *d)
    }

    /// The dialect's name on the command line.
    pub fn name(self) -> &'static str {
        DIALECTS
            .iter()
            .find(|(_, d)| *d == self)
            .map_or("postgres", |(k, _)| k)
    }

    /// Whether the dialect has a 32-bit float type, so that scores are computed exactly as the
    /// engine computes them (`f32`). BigQuery and Snowflake only have 64-bit floats.
    pub fn has_f32(self) -> bool {
        matches!(self, Dialect::Postgres | Dialect::DuckDb | Dialect::Spark)
    }

    /// A column name as the dialect can store it: BigQuery column names hold only letters,
    /// digits and underscores, so a header such as `Job Title` is loaded as `Job_Title`.
    pub fn column_name(self, header: &str) -> String {
        if self != Dialect::BigQuery {
            return header.to_string();
        }
        let mut s: String = header
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
            s.insert(0, '_');
        }
        s
    }

    /// A quoted identifier (a column, table or view name); a dotted name (`schema.table`) is
    /// quoted part by part.
    pub fn ident(self, name: &str) -> String {
        match self {
            Dialect::BigQuery | Dialect::Spark => {
                let esc = if self == Dialect::BigQuery {
                    name.replace('\\', "\\\\").replace('`', "\\`")
                } else {
                    name.replace('`', "``")
                };
                format!("`{esc}`")
            }
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// A table or view name given as `a.b.c`: each part quoted.
    pub fn qualified(self, name: &str) -> String {
        name.split('.')
            .map(|p| self.ident(p))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// A string literal holding exactly `s`.
    pub fn string(self, s: &str) -> String {
        match self {
            // Standard strings: only the quote is special.
            Dialect::Postgres | Dialect::DuckDb => format!("'{}'", s.replace('\'', "''")),
            // Backslash escapes.
            Dialect::BigQuery | Dialect::Snowflake | Dialect::Spark => {
                let mut out = String::with_capacity(s.len() + 2);
                out.push('\'');
                for c in s.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\'' => out.push_str("\\'"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c => out.push(c),
                    }
                }
                out.push('\'');
                out
            }
        }
    }

    /// The text type.
    pub fn text_type(self) -> &'static str {
        match self {
            Dialect::Postgres => "TEXT",
            Dialect::BigQuery | Dialect::Spark => "STRING",
            Dialect::DuckDb | Dialect::Snowflake => "VARCHAR",
        }
    }

    /// The 64-bit float type.
    pub fn double_type(self) -> &'static str {
        match self {
            Dialect::Postgres => "DOUBLE PRECISION",
            Dialect::BigQuery => "FLOAT64",
            _ => "DOUBLE",
        }
    }

    /// The type scores are computed in: 32-bit where there is one.
    pub fn score_type(self) -> &'static str {
        match self {
            Dialect::Postgres => "REAL",
            Dialect::DuckDb | Dialect::Spark => "FLOAT",
            _ => self.double_type(),
        }
    }

    /// The integer type.
    pub fn int_type(self) -> &'static str {
        match self {
            Dialect::BigQuery => "INT64",
            _ => "BIGINT",
        }
    }

    /// The type of a date (with time) column.
    pub fn timestamp_type(self) -> &'static str {
        match self {
            Dialect::BigQuery => "DATETIME",
            Dialect::Snowflake => "TIMESTAMP_NTZ",
            _ => "TIMESTAMP",
        }
    }

    /// The boolean type.
    pub fn bool_type(self) -> &'static str {
        match self {
            Dialect::BigQuery => "BOOL",
            _ => "BOOLEAN",
        }
    }

    /// `e` in the score type.
    pub fn score(self, e: &str) -> String {
        format!("CAST({e} AS {})", self.score_type())
    }

    /// `e` as a 64-bit float.
    pub fn double(self, e: &str) -> String {
        format!("CAST({e} AS {})", self.double_type())
    }

    /// `e` as text.
    pub fn text(self, e: &str) -> String {
        format!("CAST({e} AS {})", self.text_type())
    }

    /// Whether `text` contains a match of the regular expression `pattern` (a pattern written
    /// with the syntax all five engines share: anchors, groups, alternation, `[^x]`, and
    /// backslash before punctuation).
    pub fn regex_matches(self, text: &str, pattern: &str) -> String {
        let p = self.string(pattern);
        match self {
            Dialect::Postgres => format!("({text} ~ {p})"),
            Dialect::DuckDb => format!("regexp_matches({text}, {p})"),
            Dialect::BigQuery => format!("REGEXP_CONTAINS({text}, {p})"),
            Dialect::Snowflake => format!("(REGEXP_INSTR({text}, {p}) > 0)"),
            Dialect::Spark => format!("({text} RLIKE {p})"),
        }
    }

    /// `text` with the first match of `pattern` (an anchored pattern) removed.
    pub fn regex_remove(self, text: &str, pattern: &str) -> String {
        let p = self.string(pattern);
        format!("REGEXP_REPLACE({text}, {p}, '')")
    }

    /// The 1-based position of `needle` in `text`, 0 when absent.
    pub fn strpos(self, text: &str, needle: &str) -> String {
        match self {
            Dialect::Postgres | Dialect::DuckDb | Dialect::BigQuery => {
                format!("STRPOS({text}, {needle})")
            }
            Dialect::Snowflake => format!("POSITION({needle}, {text})"),
            Dialect::Spark => format!("INSTR({text}, {needle})"),
        }
    }

    /// `text` without any of `chars` at either end.
    pub fn trim_chars(self, text: &str, chars: &str) -> String {
        self.trim_set(text, &self.string(chars))
    }

    /// `text` without any of the characters of the string expression `c` at either end.
    pub fn trim_set(self, text: &str, c: &str) -> String {
        match self {
            Dialect::Postgres => format!("BTRIM({text}, {c})"),
            Dialect::Spark => format!("TRIM(BOTH {c} FROM {text})"),
            _ => format!("TRIM({text}, {c})"),
        }
    }

    /// The one-character string of code point `n`.
    pub fn char_of(self, n: u32) -> String {
        match self {
            Dialect::BigQuery => format!("CODE_POINTS_TO_STRING([{n}])"),
            Dialect::Spark => format!("CHAR({n})"),
            _ => format!("CHR({n})"),
        }
    }

    /// The length of `text` in characters.
    pub fn length(self, text: &str) -> String {
        format!("LENGTH({text})")
    }

    /// The date `YYYY-MM-DD`, or today when `None`.
    pub fn day(self, day: Option<&str>) -> String {
        match day {
            Some(d) => format!("DATE {}", self.string(d)),
            None => "CURRENT_DATE".to_string(),
        }
    }

    /// Whole days from the date (or timestamp) `col` to the day `today`: 0 the same day.
    pub fn days_since(self, col: &str, today: &str) -> String {
        let d = format!("CAST({col} AS DATE)");
        match self {
            Dialect::Postgres => format!("({today} - {d})"),
            Dialect::DuckDb => format!("date_diff('day', {d}, {today})"),
            Dialect::BigQuery => format!("DATE_DIFF({today}, {d}, DAY)"),
            Dialect::Snowflake => format!("DATEDIFF(day, {d}, {today})"),
            Dialect::Spark => format!("DATEDIFF({today}, {d})"),
        }
    }

    /// The keyword that keeps a common table expression from being inlined into every place
    /// that reads it (with a trailing space), where the dialect has one.
    pub fn materialized(self) -> &'static str {
        match self {
            Dialect::Postgres | Dialect::DuckDb => "MATERIALIZED ",
            _ => "",
        }
    }

    /// `CREATE OR REPLACE VIEW name AS` (Postgres: without changing column types in place).
    pub fn create_view(self, name: &str) -> String {
        format!("CREATE OR REPLACE VIEW {} AS", self.qualified(name))
    }
}
