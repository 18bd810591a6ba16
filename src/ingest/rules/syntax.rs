//! The rules file's text format: sections, macros and outlets. Shared with `build.rs`, which
//! precompiles the built-in rules, so it uses nothing from the crate (only `regex-syntax`).

/// Where a rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// A whole line anywhere.
    Any,
    /// A whole line above the body.
    Head,
    /// A whole line below the body.
    Tail,
    /// The start of the first body line.
    Dateline,
    /// The end of the last body line.
    End,
}

/// The zone a rules file names with `word`.
pub fn zone_named(word: &str) -> Option<Zone> {
    Some(match word {
        "any" => Zone::Any,
        "head" => Zone::Head,
        "tail" => Zone::Tail,
        "dateline" => Zone::Dateline,
        "end" => Zone::End,
        _ => return None,
    })
}

/// A rules file's sections as written, macros not yet expanded.
#[derive(Clone, Debug, Default)]
pub struct Sections {
    /// `[macros]`: name and regex, in file order.
    pub macros: Vec<(String, String)>,
    /// `[outlets]`: canonical name and its aliases.
    pub outlets: Vec<(String, Vec<String>)>,
    /// `[rules]`, in file order.
    pub rules: Vec<RuleText>,
}

/// One `[rules]` line.
#[derive(Clone, Debug)]
pub struct RuleText {
    /// Why a match is removed.
    pub reason: String,
    /// Where it applies.
    pub zone: Zone,
    /// The regex as written.
    pub pattern: String,
    /// Its line number (from 1).
    pub line: usize,
}

/// Parses a rules file; an error is the line number and what is wrong with it.
pub fn parse_sections(text: &str) -> Result<Sections, (usize, String)> {
    let mut sections = Sections::default();
    let mut section = String::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = line[1..line.len() - 1].trim().to_string();
            if !matches!(section.as_str(), "macros" | "outlets" | "rules") {
                return Err((
                    line_no,
                    format!(
                        "unknown section [{section}] (expected [macros], [outlets] or [rules])"
                    ),
                ));
            }
            continue;
        }
        match section.as_str() {
            "macros" => {
                let (name, value) = line
                    .split_once('=')
                    .ok_or_else(|| (line_no, "expected `name = regex`".to_string()))?;
                sections
                    .macros
                    .push((name.trim().to_string(), value.trim().to_string()));
            }
            "outlets" => {
                let (name, aliases) = line.split_once('=').unwrap_or((line, line));
                let aliases: Vec<String> = aliases
                    .split('|')
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect();
                sections.outlets.push((name.trim().to_string(), aliases));
            }
            "rules" => {
                let reason = line.split(char::is_whitespace).next().unwrap_or_default();
                let after_reason = line[reason.len()..].trim_start();
                let zone_word = after_reason
                    .split(char::is_whitespace)
                    .next()
                    .unwrap_or_default();
                let pattern = after_reason[zone_word.len()..].trim();
                let zone = zone_named(zone_word).ok_or_else(|| {
                    (
                        line_no,
                        format!(
                            "unknown zone `{zone_word}` (expected any, head, tail, dateline or end)"
                        ),
                    )
                })?;
                if pattern.is_empty() {
                    return Err((line_no, "expected `reason zone regex`".to_string()));
                }
                sections.rules.push(RuleText {
                    reason: reason.to_string(),
                    zone,
                    pattern: pattern.to_string(),
                    line: line_no,
                });
            }
            _ => {
                return Err((
                    line_no,
                    "a line before any section (start with [macros], [outlets] or [rules])"
                        .to_string(),
                ))
            }
        }
    }
    Ok(sections)
}

/// The macros in force for rules: `{outlet}` (the outlets' alternation) first, then each
/// `[macros]` entry expanded with the ones before it.
pub fn expanded_macros(
    outlet_alternation: &str,
    macros: &[(String, String)],
) -> Vec<(String, String)> {
    let mut expanded: Vec<(String, String)> =
        vec![("outlet".to_string(), outlet_alternation.to_string())];
    for (name, value) in macros {
        let value = expand(value, &expanded);
        expanded.push((name.clone(), value));
    }
    expanded
}

/// A regex matching any of `aliases`, longest first; one that matches nothing when there
/// are none.
pub fn outlet_alternation<'a>(aliases: impl IntoIterator<Item = &'a str>) -> String {
    let mut aliases: Vec<&str> = aliases.into_iter().collect();
    // Longest first so `ITAR-TASS` wins over `TASS` and `Anadolu Agency` over `Anadolu`.
    aliases.sort_by_key(|a| std::cmp::Reverse(a.len()));
    if aliases.is_empty() {
        // Matches nothing: no outlet is known.
        return r"[^\s\S]".to_string();
    }
    let body: Vec<String> = aliases.iter().map(|a| regex_syntax::escape(a)).collect();
    format!("(?:{})", body.join("|"))
}

/// `pattern` with every `{name}` of `macros` replaced by its value.
pub fn expand(pattern: &str, macros: &[(String, String)]) -> String {
    let mut out = pattern.to_string();
    // Later macros may be built from earlier ones, already expanded; expanding the newest
    // first lets a pattern use any of them.
    for (name, value) in macros.iter().rev() {
        let key = format!("{{{name}}}");
        if out.contains(&key) {
            out = out.replace(&key, value);
        }
    }
    out
}

/// The regex that finds an outlet cue (`/TASS/`, `(IANS)`, `Xinhua,` at a line's start),
/// the alias in group 1, 2 or 3.
pub fn outlet_cue_pattern(outlet_alternation: &str) -> String {
    format!(
        r"(?:/\s*({outlet_alternation})\s*/|\(\s*({outlet_alternation})\s*\)|^\s*({outlet_alternation})\s*[,|])"
    )
}
