//! Naming tags: the same referent under different names from the alias list.

use std::collections::{BTreeMap, BTreeSet};

use crate::diff::tokens::key;
use crate::model::{FramingTag, TagKind};
use crate::similarity::aliases::{Aliases, Mention};

use super::{quoted, Side};

/// Same name but for case, dots, hyphens and spaces (`U.S.` / `US`, `cease-fire`), or one
/// the plain initials of the other (`UN` / `United Nations`, `IS` / `Islamic State`): a
/// short form, not a choice of name.
fn spelling_variant(a: &str, b: &str) -> bool {
    same_letters(a, b) || initials_of(a, b) || initials_of(b, a)
}

fn initials_of(short: &str, long: &str) -> bool {
    let letters: String = short.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.chars().all(char::is_uppercase) {
        return false;
    }
    let initials: String = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    initials.len() > 1 && initials == letters
}

fn same_letters(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> String { key(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    squash(a) == squash(b)
}

/// The names of a sentence's referents: by referent (its canonical name, lowercase), each
/// name's span relative to the sentence and its text, in order.
pub(super) type Referents = BTreeMap<String, Vec<(usize, usize, String)>>;

/// [`Referents`] of `sentence`, whose alias-list names are `mentions`.
pub(super) fn referents(sentence: &str, mentions: &[Mention], aliases: &Aliases) -> Referents {
    let groups = aliases.groups();
    let mut by = Referents::new();
    for m in mentions {
        // `midnight Damascus time` names a time zone, not an actor.
        let rest = sentence.get(m.end..).unwrap_or("");
        let next_word = rest
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty());
        if rest.starts_with(char::is_whitespace) && next_word == Some("time") {
            continue;
        }
        if let Some(g) = groups.get(m.group) {
            let name = sentence.get(m.start..m.end).unwrap_or("").to_string();
            by.entry(g.canonical.to_lowercase())
                .or_default()
                .push((m.start, m.end, name));
        }
    }
    by
}

pub(super) fn naming_tags(
    pivot: &Side,
    member: &Side,
    aliases: &Aliases,
    tags: &mut Vec<FramingTag>,
) {
    let groups = aliases.groups();
    let weak_group = |name: &str| {
        aliases
            .find_mentions(name)
            .first()
            .and_then(|m| groups.get(m.group))
            .is_some_and(|g| g.weak)
    };
    let in_pivot = pivot.referents(aliases);
    let in_member = member.referents(aliases);
    for (r, member_names) in in_member {
        let Some(pivot_names) = in_pivot.get(r) else {
            continue;
        };
        let only = |names: &[(usize, usize, String)], others: &[(usize, usize, String)]| {
            let mut seen = BTreeSet::new();
            names
                .iter()
                .filter(|(_, _, n)| !others.iter().any(|(_, _, o)| spelling_variant(n, o)))
                .filter(|(_, _, n)| seen.insert(key(n)))
                .cloned()
                .collect::<Vec<_>>()
        };
        let member_only = only(member_names, pivot_names);
        let pivot_only = only(pivot_names, member_names);
        let mut pairs = Vec::new();
        for (i, m) in member_only.iter().enumerate() {
            let p = pivot_only
                .get(i)
                .or(pivot_only.first())
                .unwrap_or(&pivot_names[0]);
            pairs.push((m.clone(), p.clone()));
        }
        // Names only the pivot uses, each shown once against the member's name.
        for p in pivot_only.iter().skip(member_only.len().max(1)) {
            let m = member_only.first().unwrap_or(&member_names[0]);
            pairs.push((m.clone(), p.clone()));
        }
        if member_only.is_empty() {
            if let Some(p) = pivot_only.first() {
                pairs.push((member_names[0].clone(), p.clone()));
            }
        }
        for ((s, e, name), (ps, pe, pname)) in pairs {
            let weak = weak_group(&name) != weak_group(&pname);
            let explanation = if weak {
                format!(
                    "{} says {}; {} says {}: one names a capital or seat of power in place of the state, which can make a government's act sound like the country's (or the reverse).",
                    pivot.outlet,
                    quoted(&pname),
                    member.outlet,
                    quoted(&name)
                )
            } else {
                format!(
                    "{} calls it {}; {} calls it {}. Different names for the same actor or thing can carry a stance.",
                    pivot.outlet,
                    quoted(&pname),
                    member.outlet,
                    quoted(&name)
                )
            };
            tags.push(FramingTag {
                kind: TagKind::Naming,
                member: member.local(s..e),
                counterpart: Some(pivot.local(ps..pe)),
                explanation,
            });
        }
    }
}
