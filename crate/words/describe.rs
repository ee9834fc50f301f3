//! A rule as a sentence: `Job title contains “vp”, “director” or 4 more: +35`.

use super::phrases::W;
use super::{cat, decay_words, own, Lang};
use crate::agreement::Rule;

/// Keywords shown before "or N more" in a short description.
const SHORT: usize = 3;

/// `rule` in words, in `lang` ("en" or "fr"; anything else is English), with long keyword lists
/// shortened ("or 4 more").
pub fn describe_rule(rule: &Rule, lang: &str) -> String {
    describe(rule, Lang::of(lang), SHORT)
}

/// `rule` in words, showing at most `max` keywords of a list.
pub(crate) fn describe(r: &Rule, l: Lang, max: usize) -> String {
    let each = |subject: String, w: W| {
        let mut s = l.f(
            w,
            &[
                &subject,
                &l.pts(r.per_unit.unwrap_or(0.0)),
                &r.max.map_or_else(|| own("—"), |m| l.num(m)),
            ],
        );
        if let Some(d) = &r.decay {
            s.push_str(", ");
            s.push_str(&decay_words(
                l,
                d.half_life_days,
                d.step_percent,
                d.period_days,
            ));
        }
        s
    };
    if let Some(types) = &r.activity {
        let subject = if types.is_empty() {
            own(l.w(W::AnyEvent))
        } else {
            l.f(W::Events, &[&l.list(types, max, W::Or, true)])
        };
        return each(subject, W::EachEvent);
    }
    let mut s = condition(r, l, max);
    if r.per_unit.is_some() && s == l.w(W::NoCondition) {
        return each(field(r, l), W::EachUnit);
    }
    if let Some(p) = r.points {
        s = l.f(W::Colon, &[&s, &l.pts(p)]);
    }
    if let Some(reason) = &r.reason {
        s.push_str(" — ");
        s.push_str(&l.q(reason));
    }
    s
}

fn field(r: &Rule, l: Lang) -> String {
    r.field.as_deref().map_or_else(String::new, |f| l.field(f))
}

/// The condition alone (no points): what `all_of` / `any_of` join.
fn condition(r: &Rule, l: Lang, max: usize) -> String {
    let f = field(r, l);
    let words = |list: &Vec<String>| l.list(list, max, W::Or, true);
    let one = |w: W, x: &str| l.f(w, &[&f, x]);
    let yes_no = |b: bool, yes: W, no: W| l.f(if b { yes } else { no }, &[&f]);
    if let Some(v) = &r.contains_any {
        return one(W::Contains, &words(v));
    }
    if let Some(v) = &r.equals_any {
        return one(W::Equals, &words(v));
    }
    if let Some(v) = &r.starts_with {
        return one(W::Starts, &words(v));
    }
    if let Some(b) = r.is_empty {
        return yes_no(b, W::Empty, W::NotEmpty);
    }
    if let Some([lo, hi]) = r.between {
        return l.f(W::Between, &[&f, &l.num(lo), &l.num(hi)]);
    }
    if let Some(x) = r.at_least {
        return one(W::AtLeast, &l.num(x));
    }
    if let Some(x) = r.at_most {
        return one(W::AtMost, &l.num(x));
    }
    if let Some(x) = r.within_days {
        return one(W::Within, &l.num(x));
    }
    if let Some(x) = r.older_than_days {
        return one(W::Older, &l.num(x));
    }
    if let Some(b) = r.free_mail {
        return yes_no(b, W::FreeMail, W::NotFreeMail);
    }
    if let Some(b) = r.role_address {
        return yes_no(b, W::Role, W::NotRole);
    }
    if let Some(v) = &r.domain_in {
        return one(W::Domain, &words(v));
    }
    if let Some(b) = r.is {
        return yes_no(b, W::IsYes, W::IsNo);
    }
    for (parts, joiner) in [(&r.all_of, W::And), (&r.any_of, W::Or)] {
        if let Some(parts) = parts {
            let texts: Vec<String> = parts
                .iter()
                .map(|p| {
                    let c = condition(p, l, max);
                    if p.all_of.is_some() || p.any_of.is_some() {
                        cat(&["(", &c, ")"])
                    } else {
                        c
                    }
                })
                .collect();
            return texts.join(l.w(joiner));
        }
    }
    own(l.w(W::NoCondition))
}
