//! Names that refer to one thing (`Daesh` / `Islamic State`), loaded from a data file.
//!
//! The built-in list is `data/aliases.txt`; users add their own with `--aliases FILE` in
//! the same format. Similarity treats the names of one group as one term; the diff still
//! shows which name each outlet chose, and framing tags the difference as `naming`.

use std::path::Path;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use crate::error::{Error, Result};

const BUILTIN: &str = include_str!("../../data/aliases.txt");

/// One group of names for the same thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasGroup {
    /// The name the group is known by (the first on its line).
    pub canonical: String,
    /// Every name of the group, the canonical one included.
    pub names: Vec<String>,
    /// A metonym link (`Moscow` for `Russia`): weaker evidence of the same referent.
    pub weak: bool,
}

/// A name as matched: its text, whether case matters, and its group.
type AliasName = (String, bool, usize);

/// A name found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the name's start.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Index into [`Aliases::groups`].
    pub group: usize,
}

/// A set of alias groups with a matcher for finding their names in text.
#[derive(Clone, Debug)]
pub struct Aliases {
    groups: Vec<AliasGroup>,
    /// Matches any name, longest first, with the names it was built from.
    matcher: Option<(Regex, Vec<AliasName>)>,
}

impl Aliases {
    /// The built-in list shipped with claimdiff.
    pub fn builtin() -> Aliases {
        // Compiling the matcher is the costly part, and options ask for the list more than
        // once per run: build it once per process; a clone shares the compiled regex.
        static BUILTIN_ALIASES: LazyLock<Aliases> = LazyLock::new(|| {
            let groups = parse(BUILTIN, Path::new("data/aliases.txt")).unwrap_or_default();
            Aliases::from_groups(groups)
        });
        BUILTIN_ALIASES.clone()
    }

    /// An empty list.
    pub fn empty() -> Aliases {
        Aliases::from_groups(Vec::new())
    }

    /// Adds the groups of a user file (same format as the built-in list).
    pub fn extend_from_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut groups = std::mem::take(&mut self.groups);
        groups.extend(parse(&text, path)?);
        *self = Aliases::from_groups(groups);
        Ok(())
    }

    /// Builds a matcher over the given groups.
    pub fn from_groups(groups: Vec<AliasGroup>) -> Aliases {
        // (name, case_sensitive, group), longest name first so that
        // "Islamic State of Iraq and the Levant" wins over "Islamic State".
        let mut names: Vec<AliasName> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group
                    .names
                    .iter()
                    .map(move |n| (n.clone(), is_acronym(n), g))
            })
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let matcher = if names.is_empty() {
            None
        } else {
            let alternatives: Vec<String> = names
                .iter()
                .map(|(n, sensitive, _)| {
                    let escaped = regex::escape(n);
                    if *sensitive {
                        escaped
                    } else {
                        format!("(?i:{escaped})")
                    }
                })
                .collect();
            // Word boundaries by hand: `\b` fails after a final dot (`U.S.`).
            let pattern = format!(r"(?:^|[^\w])({})(?:$|[^\w])", alternatives.join("|"));
            RegexBuilder::new(&pattern)
                .size_limit(1 << 24)
                .build()
                .ok()
                .map(|re| (re, names))
        };
        Aliases { groups, matcher }
    }

    /// All groups.
    pub fn groups(&self) -> &[AliasGroup] {
        &self.groups
    }

    /// The group a name belongs to (exact name, case-insensitive except for acronyms).
    pub fn group_of(&self, name: &str) -> Option<usize> {
        let (_, names) = self.matcher.as_ref()?;
        names
            .iter()
            .find(|(n, sensitive, _)| {
                if *sensitive {
                    n == name
                } else {
                    n.eq_ignore_ascii_case(name)
                }
            })
            .map(|(_, _, g)| *g)
    }

    /// Every name of every group found in `text`, in order, not overlapping, longest match
    /// first. A strong group wins over a weak one for the same words.
    pub fn find_mentions(&self, text: &str) -> Vec<Mention> {
        let Some((re, _)) = &self.matcher else {
            return Vec::new();
        };
        let mut mentions = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(caps) = re.captures_at(text, at) else {
                break;
            };
            let m = caps.get(1).expect("group 1 always takes part");
            if let Some(group) = self.resolve(m.as_str()) {
                mentions.push(Mention {
                    start: m.start(),
                    end: m.end(),
                    group,
                });
            }
            // The trailing boundary character may start the next name.
            at = m.end();
        }
        mentions
    }

    fn resolve(&self, found: &str) -> Option<usize> {
        let (_, names) = self.matcher.as_ref()?;
        let mut best: Option<usize> = None;
        for (n, sensitive, g) in names {
            let same = if *sensitive {
                n == found
            } else {
                n.eq_ignore_ascii_case(found) || n.to_lowercase() == found.to_lowercase()
            };
            if same {
                match best {
                    Some(b) if !self.groups[b].weak => {}
                    _ => best = Some(*g),
                }
            }
        }
        best
    }
}

/// A name in capitals (`US`, `IS`, `U.S.`, `UNSC`) is matched case-sensitively.
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
}

/// Parses the alias file format; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Vec<AliasGroup>> {
    let mut groups = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (weak, line) = match line.strip_prefix('~') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        let names: Vec<String> = line
            .split('|')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if names.len() < 2 {
            return Err(Error::Malformed {
                path: path.to_path_buf(),
                line: Some(i + 1),
                detail: "an alias line needs at least two names separated by `|`".into(),
            });
        }
        groups.push(AliasGroup {
            canonical: names[0].clone(),
            names,
            weak,
        });
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_parses() {
        let aliases = Aliases::builtin();
        assert!(aliases.groups().len() > 10);
    }

    #[test]
    fn daesh_and_islamic_state_are_one_group() {
        let aliases = Aliases::builtin();
        assert_eq!(aliases.group_of("Daesh"), aliases.group_of("Islamic State"));
        assert!(aliases.group_of("Daesh").is_some());
    }

    #[test]
    fn acronyms_do_not_match_common_words() {
        let aliases = Aliases::builtin();
        let text = "It is up to us, said the US envoy about IS.";
        let found: Vec<&str> = aliases
            .find_mentions(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, vec!["US", "IS"]);
    }

    #[test]
    fn longest_name_wins() {
        let aliases = Aliases::builtin();
        let text = "the United Nations Security Council and the U.S. side";
        let found: Vec<&str> = aliases
            .find_mentions(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, vec!["United Nations Security Council", "U.S."]);
    }
}
