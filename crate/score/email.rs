//! E-mail address tests: free-mail providers, role addresses, domains.

use crate::table::{Codes, Dict, Interner};
use std::sync::OnceLock;

/// The e-mail domains of a text column, dictionary-encoded: tests on domains (free-mail, a
/// list of domains) run once per distinct domain, not once per distinct address.
#[derive(Debug, Clone, Default)]
pub struct Domains {
    /// Domain id per code of the column (0: no domain), as narrow as the domains allow.
    pub of_code: Codes,
    /// Lower-case domains by id (id 0 is "": no domain).
    pub names: Dict,
    /// Whether each code's address is a role address (info@…): code `c` is bit `c % 64` of
    /// word `c / 64`.
    pub role: Vec<u64>,
}

impl Domains {
    /// The domains of the addresses in `dict` (a text column's dictionary).
    pub fn of(dict: &Dict) -> Self {
        // Ids as narrow as the domains allow, widened as they come.
        let mut of_code = Codes::U8(Vec::with_capacity(dict.len()));
        let mut role = vec![0u64; dict.len().div_ceil(64)];
        // Domains lower-cased, interned in one compact dictionary (its lookups stay in the
        // caches, where a map of strings pointing back into a million addresses did not).
        let mut hosts = Interner::new();
        let mut lower = String::new();
        for (c, v) in dict.iter().enumerate() {
            // From the end: the domain is short, the address before it may not be.
            let Some(at) = v.bytes().rposition(|b| b == b'@') else {
                of_code.push(0);
                continue;
            };
            if is_role_local_part(v.get(..at).unwrap_or_default()) {
                if let Some(w) = role.get_mut(c / 64) {
                    *w |= 1 << (c % 64);
                }
            }
            let host = v.get(at + 1..).unwrap_or_default();
            let id = if host.bytes().any(|b| b.is_ascii_uppercase()) {
                lower.clear();
                lower.push_str(host);
                lower.make_ascii_lowercase();
                hosts.code(&lower)
            } else {
                hosts.code(host)
            };
            of_code.push(id);
        }
        Domains {
            of_code,
            names: hosts.into_dict(),
            role,
        }
    }

    /// Whether code `c`'s address is a role address.
    #[inline]
    pub fn is_role(&self, c: usize) -> bool {
        self.role
            .get(c / 64)
            .is_some_and(|w| w >> (c % 64) & 1 == 1)
    }

    /// Whether these can be the domains of a column whose dictionary holds `values` codes
    /// (every domain id within the names).
    pub fn fits(&self, values: usize) -> bool {
        self.of_code.len() == values
            && self.role.len() == values.div_ceil(64)
            && self
                .of_code
                .iter()
                .all(|id| (id as usize) < self.names.len().max(1))
    }
}

/// Whether a column's first values look like e-mail addresses (most of the first distinct
/// ones hold an `@`): such a column's [`Domains`] are worked out ahead, when a file is read
/// in parts, by the part that types it.
pub fn looks_like_addresses<'a>(values: impl Iterator<Item = &'a str>) -> bool {
    let (mut seen, mut at) = (0usize, 0usize);
    for v in values.filter(|v| !v.is_empty()).take(64) {
        seen += 1;
        at += usize::from(v.contains('@'));
    }
    seen > 0 && at * 2 > seen
}

/// Free-mail providers (a domain, or `name.*` for every country domain of `name`).
pub(crate) const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.*",
    "ymail.com",
    "hotmail.*",
    "outlook.*",
    "live.*",
    "msn.com",
    "aol.*",
    "icloud.com",
    "me.com",
    "mac.com",
    "gmx.*",
    "web.de",
    "t-online.de",
    "freenet.de",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "neuf.fr",
    "laposte.net",
    "bbox.fr",
    "numericable.fr",
    "club-internet.fr",
    "protonmail.com",
    "proton.me",
    "pm.me",
    "yandex.*",
    "mail.ru",
    "libero.it",
    "virgilio.it",
    "tiscali.*",
    "bluewin.ch",
    "skynet.be",
    "telenet.be",
    "btinternet.com",
    "sky.com",
    "zoho.com",
    "zohomail.com",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "rediffmail.com",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "interia.pl",
    "sapo.pt",
    "terra.com.br",
    "uol.com.br",
];

/// Local parts that name a function, not a person.
pub(crate) const ROLE_LOCAL_PARTS: &[&str] = &[
    "info",
    "contact",
    "sales",
    "hello",
    "admin",
    "administration",
    "support",
    "office",
    "marketing",
    "team",
    "noreply",
    "no-reply",
    "webmaster",
    "service",
    "services",
    "accueil",
    "commercial",
    "compta",
    "comptabilite",
    "rh",
    "hr",
    "jobs",
    "careers",
    "recrutement",
    "billing",
    "facturation",
    "enquiries",
    "inquiries",
    "help",
    "mail",
    "postmaster",
    "secretariat",
    "direction",
    "general",
    "reception",
];

/// The domain of an e-mail address or web address, lower-cased, without `www.`.
pub fn domain(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    let host = match v.rsplit_once('@') {
        Some((_, d)) => d.to_string(),
        None => {
            let rest = v.split_once("://").map_or(v.as_str(), |(_, r)| r);
            rest.split(['/', '?', '#', ':'])
                .next()
                .unwrap_or("")
                .to_string()
        }
    };
    let host = host
        .strip_prefix("www.")
        .unwrap_or(&host)
        .trim_end_matches('.')
        .to_string();
    (host.contains('.') && !host.contains(' ')).then_some(host)
}

/// Whether `value` is an address at a free-mail provider.
pub fn is_free_mail(value: &str) -> bool {
    value.contains('@') && domain(value).is_some_and(|d| is_free_mail_domain(&d))
}

/// Whether `value` is a role address (info@, contact@…). Allocation-free: it runs once per
/// distinct address, a million times on a big export.
pub fn is_role_address(value: &str) -> bool {
    let v = value.trim();
    let Some(at) = memchr::memrchr(b'@', v.as_bytes()) else {
        return false;
    };
    is_role_local_part(&v[..at])
}

/// Whether `local` (what comes before the @) names a role, "+tags" aside.
pub fn is_role_local_part(local: &str) -> bool {
    // The longest role name has 14 letters: most personal addresses stop here. Otherwise
    // lower-cased on the stack and looked up (it runs once per distinct address).
    const LONGEST: usize = 14;
    // The part before a "+tag", read up to the first byte that rules it out: role names are
    // letters and hyphens (a test holds the list to it), so "jane.doe" or "jdoe42", most
    // personal addresses, are told in a few bytes, without a lookup (and without `memchr`,
    // a call that costs more than the bytes it reads in WebAssembly).
    let bytes = local.as_bytes();
    let mut n = 0;
    while let Some(&b) = bytes.get(n).filter(|&&b| b != b'+') {
        if n == LONGEST || !(b.is_ascii_alphabetic() || b == b'-') {
            return false;
        }
        n += 1;
    }
    let base = &bytes[..n];
    if base.is_empty() {
        return false;
    }
    let roles = &sets().roles;
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..base.len()];
    lower.copy_from_slice(base);
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|l| holds(roles, l))
}

/// Whether `domain` (lower-case) is a free-mail provider's.
pub fn is_free_mail_domain(d: &str) -> bool {
    // (domains, `name` of every `name.*`), looked up instead of a walk down the list: this
    // runs once per distinct domain, a hundred thousand times on a big export.
    let Sets {
        free, free_names, ..
    } = sets();
    holds(free, d)
        || d.split_once('.')
            .is_some_and(|(first, _)| holds(free_names, first))
}

/// The lists above as sets, made once.
struct Sets {
    /// Free-mail domains.
    free: Interner,
    /// The `name` of every free-mail `name.*`.
    free_names: Interner,
    roles: Interner,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets {
        free: Interner::of(FREE_MAIL.iter().filter(|f| !f.ends_with(".*")).copied()),
        free_names: Interner::of(FREE_MAIL.iter().filter_map(|f| f.strip_suffix(".*"))),
        roles: Interner::of(ROLE_LOCAL_PARTS.iter().copied()),
    })
}

/// Whether `set` holds `v` (not the empty string every interner starts with).
fn holds(set: &Interner, v: &str) -> bool {
    set.find(v).is_some_and(|c| c != 0)
}

/// Whether `domain` (lower-case) is one of `domains` or a subdomain of one.
pub fn domain_matches(d: &str, domains: &[String]) -> bool {
    domains.iter().any(|x| {
        d == x
            || d.len() > x.len()
                && d.ends_with(x.as_str())
                && d.as_bytes()[d.len() - x.len() - 1] == b'.'
    })
}

/// Whether the domain of `value` is one of `domains` (already lower-cased), or a subdomain.
pub fn domain_in(value: &str, domains: &[String]) -> bool {
    domain(value).is_some_and(|d| domain_matches(&d, domains))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_looks_like_addresses_when_most_first_values_hold_an_at() {
        let look = |v: &[&str]| looks_like_addresses(v.iter().copied());
        assert!(look(&["", "a@x.com", "b@y.org", "n/a"]));
        assert!(!look(&["a@x.com", "Paris", "Lyon"]));
        assert!(!look(&["", ""]), "nothing filled");
        // Only the first 64 filled values are looked at.
        let mut v = vec!["Paris"; 64];
        v.extend(["a@x.com"; 200]);
        assert!(!look(&v));
    }

    #[test]
    fn free_mail_role_and_domains() {
        assert!(is_free_mail("Jean.Dupont@Orange.fr"));
        assert!(is_free_mail("x@yahoo.co.uk"));
        assert!(is_free_mail("x@hotmail.fr"));
        assert!(!is_free_mail("x@acme.io"));
        assert!(!is_free_mail("gmail.com"), "not an address");
        // The lookups compare lower-case text up to 14 bytes long.
        // ... of letters and hyphens only (anything else is told apart before the lookup).
        assert!(ROLE_LOCAL_PARTS.iter().all(|r| r.len() <= 14
            && *r == r.to_ascii_lowercase()
            && r.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        for role in ROLE_LOCAL_PARTS {
            assert!(
                is_role_address(&format!("{}@acme.io", role.to_uppercase())),
                "{role}"
            );
        }
        assert!(is_role_address("no-reply@acme.io"));
        assert!(!is_role_address("info2@acme.io") && !is_role_address("in.fo@acme.io"));
        assert!(is_role_address("INFO@acme.io"));
        assert!(!is_role_address("@acme.io") && !is_role_address("+x@acme.io"));
        assert!(is_free_mail_domain("yahoo.co.uk") && is_free_mail_domain("gmail.com"));
        for d in ["", ".", ".com", "gmail", "mail.com"] {
            assert!(!is_free_mail_domain(d), "{d:?}");
        }
        assert!(is_role_address("info@acme.io"));
        assert!(is_role_address("Contact+web@acme.fr"));
        // The tag after "+" may hold anything; the part before it is what counts.
        assert!(is_role_address("info+news.2024@acme.io"));
        assert!(
            !is_role_address("in-fo+x@acme.io") && !is_role_address("infoinfoinfoinfo@acme.io")
        );
        assert!(!is_role_address("ana@acme.io"));
        let comp = vec!["rival.com".to_string()];
        assert!(domain_in("bob@rival.com", &comp));
        assert!(domain_in("bob@eu.rival.com", &comp));
        assert!(domain_in("https://www.rival.com/about", &comp));
        assert!(!domain_in("bob@notrival.com", &comp));
        assert_eq!(domain("no address"), None);
    }
}
