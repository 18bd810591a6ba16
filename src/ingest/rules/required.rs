//! What every match of a rule's pattern must contain, read from its syntax tree: the
//! strings behind the cleaning rules' literal prefilter. Shared with `build.rs`, which
//! stores the built-in rules' results, so it uses nothing from the crate.

use std::collections::BTreeSet;

use regex_syntax::ast::{
    AssertionKind, Ast, ClassSet, ClassSetItem, RepetitionKind, RepetitionRange,
};

/// A rule's filter: strings one of which every match contains (`set`), and strings one of
/// which starts every match (`prefixes`, for a rule anchored with `^`); `None`: no short
/// set of non-empty strings was found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleFilter {
    /// Strings one of which every match contains.
    pub set: Option<BTreeSet<Vec<u8>>>,
    /// Strings one of which starts every match.
    pub prefixes: Option<Vec<Vec<u8>>>,
}

/// The filter of one pattern.
pub fn filter_of(pattern: &str) -> RuleFilter {
    // A concatenation's parts are analysed once for both filters.
    let (prefixes, set) = match &parse_ast(pattern) {
        Some(Ast::Concat(concat)) => {
            let found: Vec<Required> = concat.asts.iter().map(Required::of).collect();
            let prefix = required_prefixes_with(&concat.asts, &found, pattern);
            (prefix, Required::of_found(found).useful_set())
        }
        Some(ast) => (None, required_strings_in(ast)),
        None => (None, None),
    };
    RuleFilter { set, prefixes }
}

/// Most strings a rule's filter may hold; a rule needing more always runs.
pub const MAX_FILTER_STRINGS: usize = 256;
/// Most strings a run of fixed parts may expand to (each small class multiplies them).
const MAX_PRODUCT: usize = 64;
/// Largest character class taken as a set of one-character strings.
const MAX_CLASS_CHARS: usize = 10;

/// [`required_prefixes_with`] of a pattern's text.
/// Every string of `heads` followed by every string of `tails`.
fn product(heads: &BTreeSet<Vec<u8>>, tails: &BTreeSet<Vec<u8>>) -> BTreeSet<Vec<u8>> {
    heads
        .iter()
        .flat_map(|head| {
            tails.iter().map(move |tail| {
                let mut joined = head.clone();
                joined.extend_from_slice(tail);
                joined
            })
        })
        .collect()
}

#[cfg(test)]
pub fn required_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let ast = parse_ast(pattern)?;
    let Ast::Concat(concat) = &ast else {
        return None;
    };
    let found: Vec<Required> = concat.asts.iter().map(Required::of).collect();
    required_prefixes_with(&concat.asts, &found, pattern)
}

/// Strings one of which starts every match of `pattern`, whose syntax tree is the
/// concatenation `parts` (`found`: what each part requires), when it begins with `^` (and
/// no `m` flag lets `^` match after a line break): `None` when no short set of non-empty
/// strings was found.
fn required_prefixes_with(
    parts: &[Ast],
    found: &[Required],
    pattern: &str,
) -> Option<Vec<Vec<u8>>> {
    if pattern.contains("(?") && multi_line_flag(pattern) {
        return None;
    }
    let (first, rest) = parts.split_first()?;
    let anchored = matches!(
        first,
        Ast::Assertion(a) if matches!(a.kind, AssertionKind::StartLine | AssertionKind::StartText)
    );
    if !anchored {
        return None;
    }
    let set = Required::prefixes_of_concat(rest, found.get(1..))?;
    let useful =
        !set.is_empty() && set.len() <= MAX_FILTER_STRINGS && !set.iter().any(Vec::is_empty);
    useful.then(|| set.into_iter().collect())
}

/// Whether a flag group of `pattern` may set `m` (checked loosely: any `(?…m…)`).
fn multi_line_flag(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(at, _)| {
        pattern[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .any(|c| c == 'm')
    })
}

/// [`required_strings_in`] of a pattern's text.
#[cfg(test)]
pub fn required_strings(pattern: &str) -> Option<BTreeSet<Vec<u8>>> {
    required_strings_in(&parse_ast(pattern)?)
}

/// Strings one of which every match of the pattern parsed as `ast` contains, or `None` when
/// no short set of non-empty strings was found.
fn required_strings_in(ast: &Ast) -> Option<BTreeSet<Vec<u8>>> {
    Required::of(ast).useful_set()
}

/// A pattern's syntax tree; `None` when it does not parse.
fn parse_ast(pattern: &str) -> Option<Ast> {
    regex_syntax::ast::parse::Parser::new().parse(pattern).ok()
}

/// A literal character as a string to require, ASCII letters in lowercase; `None` for a
/// character that case folding could match with another (a non-ASCII letter).
fn literal_bytes(c: char) -> Option<Vec<u8>> {
    if c.is_ascii() {
        return Some(vec![c.to_ascii_lowercase() as u8]);
    }
    let caseless = !c.is_alphabetic()
        && c.to_lowercase().eq(std::iter::once(c))
        && c.to_uppercase().eq(std::iter::once(c));
    caseless.then(|| c.to_string().into_bytes())
}

/// The characters of a bracketed class made only of single characters (`[:/|]`), pushed
/// onto `chars`; `false` for anything else (ranges, named classes, set operations).
fn class_literals(set: &ClassSet, chars: &mut Vec<char>) -> bool {
    fn item_literals(item: &ClassSetItem, chars: &mut Vec<char>) -> bool {
        match item {
            ClassSetItem::Literal(literal) => {
                chars.push(literal.c);
                true
            }
            ClassSetItem::Union(union) => union.items.iter().all(|i| item_literals(i, chars)),
            _ => false,
        }
    }
    match set {
        ClassSet::Item(item) => item_literals(item, chars),
        ClassSet::BinaryOp(_) => false,
    }
}

/// What every match of a piece of pattern contains.
#[derive(Clone, Debug)]
struct Required {
    /// One of these strings is in every match; `None`: nothing known.
    set: Option<BTreeSet<Vec<u8>>>,
    /// Every match is exactly one of the strings.
    exact: bool,
}

impl Required {
    fn unknown() -> Required {
        Required {
            set: None,
            exact: false,
        }
    }

    fn exact(strings: impl IntoIterator<Item = Vec<u8>>) -> Required {
        Required {
            set: Some(strings.into_iter().collect()),
            exact: true,
        }
    }

    /// The strings, when every match is exactly one of them.
    fn exact_strings(&self) -> Option<&BTreeSet<Vec<u8>>> {
        self.set.as_ref().filter(|_| self.exact)
    }

    /// A set that can filter: not empty, no empty string.
    fn is_useful(&self) -> bool {
        self.set
            .as_ref()
            .is_some_and(|s| !s.is_empty() && s.len() <= MAX_FILTER_STRINGS && !s.contains(&[][..]))
    }

    /// The set, when it can filter.
    fn useful_set(self) -> Option<BTreeSet<Vec<u8>>> {
        if self.is_useful() {
            self.set
        } else {
            None
        }
    }

    /// Higher is a sharper filter: longer shortest string, then fewer strings.
    fn score(&self) -> (usize, std::cmp::Reverse<usize>) {
        let set = self.set.as_ref().filter(|_| self.is_useful());
        match set {
            Some(set) => (
                set.iter().map(Vec::len).min().unwrap_or(0),
                std::cmp::Reverse(set.len()),
            ),
            None => (0, std::cmp::Reverse(0)),
        }
    }

    /// What the syntax tree `ast` requires. Literals are taken in ASCII lowercase, to be
    /// matched ASCII case-insensitively: right whatever the `i` flag says, as long as the
    /// text has no character that case folding maps to an ASCII letter (checked per line).
    /// Working on the syntax tree, before translation, spares building Unicode classes.
    fn of(ast: &Ast) -> Required {
        match ast {
            Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => Required::exact([Vec::new()]),
            Ast::Literal(literal) => match literal_bytes(literal.c) {
                Some(bytes) => Required::exact([bytes]),
                None => Required::unknown(),
            },
            Ast::ClassBracketed(class) if !class.negated => {
                let mut chars = Vec::new();
                if !class_literals(&class.kind, &mut chars) || chars.len() > MAX_CLASS_CHARS {
                    return Required::unknown();
                }
                match chars
                    .into_iter()
                    .map(literal_bytes)
                    .collect::<Option<Vec<_>>>()
                {
                    Some(strings) => Required::exact(strings),
                    None => Required::unknown(),
                }
            }
            Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) | Ast::ClassBracketed(_) => {
                Required::unknown()
            }
            Ast::Group(group) => Required::of(&group.ast),
            Ast::Repetition(repetition) => {
                let (min, max) = repetition_bounds(&repetition.op.kind);
                if min == 0 {
                    // May match the empty string: requires nothing.
                    return Required {
                        set: Some([Vec::new()].into_iter().collect()),
                        exact: false,
                    };
                }
                let inner = Required::of(&repetition.ast);
                if min == 1 && max == Some(1) {
                    inner
                } else {
                    Required {
                        set: inner.set,
                        exact: false,
                    }
                }
            }
            Ast::Alternation(alternation) => {
                let mut union = BTreeSet::new();
                let mut exact = true;
                for alternative in &alternation.asts {
                    let found = Required::of(alternative);
                    exact &= found.exact;
                    match found.set {
                        Some(set) if union.len() + set.len() <= MAX_FILTER_STRINGS => {
                            union.extend(set)
                        }
                        _ => return Required::unknown(),
                    }
                }
                Required {
                    set: Some(union),
                    exact,
                }
            }
            Ast::Concat(concat) => Required::of_concat(&concat.asts),
        }
    }

    /// Strings one of which starts every match of `ast`; `None`: nothing known.
    fn prefixes_of(ast: &Ast) -> Option<BTreeSet<Vec<u8>>> {
        match ast {
            Ast::Group(group) => Required::prefixes_of(&group.ast),
            Ast::Concat(concat) => Required::prefixes_of_concat(&concat.asts, None),
            Ast::Alternation(alternation) => {
                let mut union = BTreeSet::new();
                for alternative in &alternation.asts {
                    union.extend(Required::prefixes_of(alternative)?);
                    if union.len() > MAX_FILTER_STRINGS {
                        return None;
                    }
                }
                Some(union)
            }
            Ast::Repetition(repetition) if repetition_min(&repetition.op.kind) > 0 => {
                Required::prefixes_of(&repetition.ast)
            }
            _ => Required::of(ast).exact_strings().cloned(),
        }
    }

    /// A concatenation's prefixes: its leading exact parts multiplied out, then the
    /// prefixes of the first part that is not exact. `found`: what each part requires,
    /// when already known.
    fn prefixes_of_concat(parts: &[Ast], found: Option<&[Required]>) -> Option<BTreeSet<Vec<u8>>> {
        let mut run: BTreeSet<Vec<u8>> = [Vec::new()].into_iter().collect();
        for (index, part) in parts.iter().enumerate() {
            let known = found.and_then(|f| f.get(index));
            let exact = match known {
                Some(known) => known.exact_strings().cloned(),
                None => Required::of(part).exact_strings().cloned(),
            };
            let (next, last) = match exact {
                Some(set) => (set, false),
                _ => match Required::prefixes_of(part) {
                    Some(set) => (set, true),
                    None => return Some(run),
                },
            };
            if run.len() * next.len() > MAX_PRODUCT {
                return Some(run);
            }
            run = product(&run, &next);
            if last {
                return Some(run);
            }
        }
        Some(run)
    }

    /// A concatenation: runs of exact parts multiply into longer strings; the sharpest of
    /// those runs and of the other parts' sets is required.
    fn of_concat(parts: &[Ast]) -> Required {
        Required::of_found(parts.iter().map(Required::of))
    }

    /// [`Required::of_concat`] given what each part requires.
    fn of_found(parts: impl IntoIterator<Item = Required>) -> Required {
        let mut best = Required::unknown();
        let mut run: Option<BTreeSet<Vec<u8>>> = Some([Vec::new()].into_iter().collect());
        let mut all_exact = true;
        let consider = |candidate: Required, best: &mut Required| {
            if candidate.score() > best.score() {
                *best = Required {
                    set: candidate.set,
                    exact: false,
                };
            }
        };
        for found in parts {
            match (found.exact, found.set) {
                (true, Some(set)) => {
                    let current = run.take().unwrap_or_default();
                    if current.len() * set.len() <= MAX_PRODUCT {
                        run = Some(product(&current, &set));
                    } else {
                        all_exact = false;
                        consider(Required::exact(current), &mut best);
                        run = Some(set);
                    }
                }
                (_, set) => {
                    all_exact = false;
                    if let Some(current) = run.take() {
                        consider(Required::exact(current), &mut best);
                    }
                    run = Some([Vec::new()].into_iter().collect());
                    consider(Required { set, exact: false }, &mut best);
                }
            }
        }
        let run = run.unwrap_or_default();
        if all_exact {
            return Required::exact(run);
        }
        consider(Required::exact(run), &mut best);
        best
    }
}

/// The least and most times a repetition repeats (`None`: no most).
fn repetition_bounds(kind: &RepetitionKind) -> (u32, Option<u32>) {
    match kind {
        RepetitionKind::ZeroOrOne => (0, Some(1)),
        RepetitionKind::ZeroOrMore => (0, None),
        RepetitionKind::OneOrMore => (1, None),
        RepetitionKind::Range(RepetitionRange::Exactly(n)) => (*n, Some(*n)),
        RepetitionKind::Range(RepetitionRange::AtLeast(n)) => (*n, None),
        RepetitionKind::Range(RepetitionRange::Bounded(m, n)) => (*m, Some(*n)),
    }
}

fn repetition_min(kind: &RepetitionKind) -> u32 {
    repetition_bounds(kind).0
}
