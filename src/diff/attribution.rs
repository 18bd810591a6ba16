//! Who a sentence attributes its claim to, and with which verb.
//!
//! Candidates come from the lexicon's reporting verbs (`said`, `stressed`, `pointed out`)
//! and source markers (`according to`, `as cited by`). A verb's source is the noun phrase
//! before it (skipping `has also`, `still`), or after it when inverted (`,” said Lavrov`).
//! When a sentence has several candidates the one a reader takes as the sentence's
//! attribution wins, in this order:
//!
//! 1. a reporting clause right after a quotation (`,” the ministry said`);
//! 2. a clause after a comma that ends the sentence (`…, RT online reported.`);
//! 3. a subject at the sentence's start or after an opening phrase (`Earlier on Tuesday,
//!    Lavrov said that`);
//! 4. `according to X`;
//! 5. any other reporting verb with a subject;
//! 6. a participle (`…, saying that`), credited to the subject that opens the sentence.
//!
//! A relay (`as cited by RIA-Novosti`, `is cited by Reuters`) is kept as `via`.

use crate::model::{Attribution, Token, TokenKind};

use super::lexicon::Lexicon;
use super::phrases::Boundaries;
use super::tokens::{key, key_in, tokenize_range};

/// Longest source phrase, in words; a longer stretch is not a subject.
const MAX_SOURCE_WORDS: usize = 12;

/// Words between a subject and its verb that do not end the subject (`Lavrov has also said`).
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "also",
    "still",
    "further",
    "later",
    "then",
    "again",
    "earlier",
    "once",
    "already",
    "meanwhile",
    "been",
    "reportedly",
    "repeatedly",
    "publicly",
    "officially",
    "previously",
    "had",
    "too",
    "did",
    "does",
    "do",
    "has",
    "not",
];

/// Words that end a subject when walking back from its verb.
const SUBJECT_STOPS: &[&str] = &[
    "that", "which", "who", "whom", "but", "while", "when", "because", "after", "before", "since",
    "if", "although", "though", "where", "so", "than", "to", "with", "on", "in", "at", "by",
    "from", "into", "about", "over", "as", "not", "no", "whether",
];

/// Words after which a verb form is a noun (`of state`, `the report`).
const NOUN_CUES: &[&str] = &[
    "the", "a", "an", "of", "this", "that", "his", "her", "its", "their", "our", "my", "your",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "it", "i", "you"];

/// What a candidate's place in the sentence says about it; lower is stronger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    AfterQuote,
    ClosingClause,
    Opening,
    AccordingTo,
    Other,
    Participle,
}

struct Candidate {
    strength: Strength,
    position: usize,
    attribution: Attribution,
}

/// Sentences longer than this (in tokens) are not searched for attribution: the default
/// of the word diff's [`super::Budget::max_tokens`], past which the diff is coarse too.
pub const MAX_TOKENS: usize = 1500;

/// The attribution of the sentence `text[start..end]`, with spans into `text`; `None`
/// when it names no source.
pub fn extract(text: &str, start: usize, end: usize, lexicon: &Lexicon) -> Option<Attribution> {
    let sentence = text.get(start..end)?;
    extract_from_tokens(
        text,
        start,
        end,
        &tokenize_range(text, start, end),
        &Boundaries::new(sentence),
        lexicon,
    )
}

/// [`extract`] given the sentence's tokens (`tokenize_range(text, start, end)`) and word
/// boundaries (`Boundaries::new(&text[start..end])`), for a caller that has them already.
pub(crate) fn extract_from_tokens(
    text: &str,
    start: usize,
    end: usize,
    tokens: &[Token],
    boundaries: &Boundaries,
    lexicon: &Lexicon,
) -> Option<Attribution> {
    text.get(start..end)?;
    // Past the budget a "sentence" is a text without punctuation, not one claim with one
    // speaker, and the search below is not linear in its length.
    if tokens.is_empty() || tokens.len() > MAX_TOKENS {
        return None;
    }
    let token_at = |offset: usize| tokens.iter().position(|t| t.start == offset);
    let mut candidates: Vec<Candidate> = Vec::new();
    let verbs = lexicon.find_verbs_in(boundaries);
    let markers = lexicon.find_source_markers_in(boundaries);

    let quoted = quoted_spans(tokens);
    for (range, lemma) in &verbs {
        let (vs, ve) = (start + range.start, start + range.end);
        // Words inside a quotation are the speaker's, not the attribution.
        if quoted.iter().any(|q| q.start <= vs && ve <= q.end) {
            continue;
        }
        if markers
            .iter()
            .any(|m| start + m.start <= vs && ve <= start + m.end)
        {
            continue;
        }
        let Some(first) = token_at(vs) else { continue };
        let Some(last) = tokens.iter().rposition(|t| t.end == ve) else {
            continue;
        };
        let verb_text = &text[vs..ve];
        // `Secretary of State`, `the report`: a noun, not a verb.
        let capitalised_inside = first > 0 && verb_text.starts_with(char::is_uppercase);
        let after_determiner = first > 0 && key_in(&tokens[first - 1].text, NOUN_CUES);
        if capitalised_inside || after_determiner {
            continue;
        }
        let participle = verb_text.to_lowercase().ends_with("ing")
            || verb_text
                .split_whitespace()
                .next()
                .is_some_and(|w| w.to_lowercase().ends_with("ing"));
        let make = |source: (usize, usize), strength: Strength| Candidate {
            strength,
            position: vs,
            attribution: Attribution {
                source: text[source.0..source.1].to_string(),
                source_span: source.0..source.1,
                verb: verb_text.to_string(),
                verb_lemma: lemma.clone(),
                verb_span: vs..ve,
                via: None,
            },
        };
        if participle {
            if first > 0 && is_punct(&tokens[first - 1], ",") {
                if let Some(subject) = opening_subject(tokens, lexicon) {
                    candidates.push(make(subject, Strength::Participle));
                }
            }
            continue;
        }
        match subject_before(tokens, first, lexicon) {
            Some(Subject::Found(from, to)) => {
                let before = from.checked_sub(1).map(|i| &tokens[i]);
                let after_quote = (from >= 1 && closes_quote(tokens, from - 1))
                    || (from >= 2
                        && closes_quote(tokens, from - 2)
                        && is_punct(&tokens[from - 1], ","));
                let after_comma = before.is_some_and(|t| is_punct(t, ","));
                // `…, the ministry said on Sunday.` closes the sentence; `…, Lavrov said
                // that …` or `…: “…”` opens what follows.
                let ends = tokens.get(last + 1).is_none_or(|t| {
                    let k = key(&t.text);
                    !(is_quote(t) || k == ":" || k == "that")
                });
                let strength = if after_quote {
                    Strength::AfterQuote
                } else if after_comma && ends {
                    Strength::ClosingClause
                } else if from == 0 || after_comma {
                    Strength::Opening
                } else {
                    Strength::Other
                };
                candidates.push(make((tokens[from].start, tokens[to].end), strength));
            }
            Some(Subject::Infinitive) => {}
            None => {
                // Inverted: `,” said Lavrov.`
                let inverted = first > 0
                    && (is_quote(&tokens[first - 1]) || is_punct(&tokens[first - 1], ","));
                if inverted {
                    if let Some(source) = phrase_after(tokens, last + 1, lexicon) {
                        candidates.push(make(source, Strength::AfterQuote));
                    }
                }
            }
        }
    }

    for m in &markers {
        let (ms, me) = (start + m.start, start + m.end);
        let marker = normalize(&text[ms..me]);
        let relay = ["cited by", "quoted by", "reported by", "stated by"]
            .iter()
            .any(|r| marker.ends_with(r));
        let Some(first) = token_at(ms) else { continue };
        let Some(last) = tokens.iter().rposition(|t| t.end == me) else {
            continue;
        };
        let Some(after) = phrase_after(tokens, last + 1, lexicon) else {
            continue;
        };
        let after_text = text[after.0..after.1].to_string();
        if relay {
            // `Lavrov explained as cited by RIA-Novosti`: the verb before keeps the source.
            let mut i = first;
            while i > 0 && key_in(&tokens[i - 1].text, &["is", "was", "as", "been"]) {
                i -= 1;
            }
            if let Some(c) = candidates
                .iter_mut()
                .find(|c| i > 0 && c.attribution.verb_span.end == tokens[i - 1].end)
            {
                c.attribution.via = Some(after_text);
                continue;
            }
            if let Some(Subject::Found(from, to)) = subject_before(tokens, i, lexicon) {
                let verb = marker.trim_start_matches("as ").to_string();
                candidates.push(Candidate {
                    strength: Strength::AfterQuote,
                    position: ms,
                    attribution: Attribution {
                        source: text[tokens[from].start..tokens[to].end].to_string(),
                        source_span: tokens[from].start..tokens[to].end,
                        verb_lemma: verb.clone(),
                        verb,
                        verb_span: ms..me,
                        via: Some(after_text),
                    },
                });
                continue;
            }
        }
        candidates.push(Candidate {
            strength: Strength::AccordingTo,
            position: ms,
            attribution: Attribution {
                source: after_text,
                source_span: after.0..after.1,
                verb: text[ms..me].to_string(),
                verb_lemma: marker,
                verb_span: ms..me,
                via: None,
            },
        });
    }
    // A verb inside another candidate's source is part of a name (`Syrian state news
    // agency SANA reported`); a candidate whose source ends in a verb (`said told`) has
    // no real source.
    let spans: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = candidates
        .iter()
        .map(|c| {
            (
                c.attribution.source_span.clone(),
                c.attribution.verb_span.clone(),
            )
        })
        .collect();
    candidates
        .into_iter()
        .filter(|c| {
            let verb = &c.attribution.verb_span;
            let source = &c.attribution.source_span;
            let inside_a_name = spans
                .iter()
                .any(|(s, _)| s.start <= verb.start && verb.end < s.end);
            let source_is_a_verb = spans.iter().any(|(_, v)| v.end == source.end && v != verb);
            !inside_a_name && !source_is_a_verb
        })
        .min_by_key(|c| (c.strength, c.position))
        .map(|c| c.attribution)
}

enum Subject {
    /// Token indices of the subject's first and last word.
    Found(usize, usize),
    /// The verb is an infinitive (`to say`): no subject of its own.
    Infinitive,
}

/// The subject before the token at `verb`.
fn subject_before(tokens: &[Token], verb: usize, lexicon: &Lexicon) -> Option<Subject> {
    let mut i = verb;
    let mut passive = false;
    while i > 0 && key_in(&tokens[i - 1].text, BETWEEN_SUBJECT_AND_VERB) {
        passive |= key_in(&tokens[i - 1].text, &["was", "were", "is", "are", "been"]);
        i -= 1;
    }
    if i > 0 && key(&tokens[i - 1].text) == "to" || passive {
        // `agreed to say`, `has been accused`: the verb has no speaker of its own here.
        return Some(Subject::Infinitive);
    }
    // `John Kerry, also said`: the subject is the appositive before the comma. A clause
    // between commas (`Putin, speaking in Moscow, said`; `an official, who …, said`) is
    // stepped over to the subject before it.
    if i > 1 && is_punct(&tokens[i - 1], ",") && tokens[i - 2].kind == TokenKind::Word {
        i -= 1;
        let opening = tokens[..i].iter().rposition(|t| is_punct(t, ","));
        if let Some(c) = opening {
            let first = key(&tokens[c + 1].text);
            let clause =
                first.ends_with("ing") || ["who", "which", "whose"].contains(&first.as_str());
            if clause && c > 0 && tokens[c - 1].kind == TokenKind::Word {
                i = c;
            }
        }
    }
    let end = i.checked_sub(1)?;
    let mut from = i;
    let mut words = 0;
    while from > 0 {
        let t = &tokens[from - 1];
        let k = key(&t.text);
        if t.kind == TokenKind::Punct || SUBJECT_STOPS.contains(&k.as_str()) {
            break;
        }
        words += 1;
        if words > MAX_SOURCE_WORDS {
            return None;
        }
        from -= 1;
    }
    // Leading conjunctions are not part of the subject (`…, and Lavrov said`).
    while from <= end && key_in(&tokens[from].text, &["and", "or", "but", "nor"]) {
        from += 1;
    }
    if from > end {
        return None;
    }
    let head = &tokens[end];
    let head_key = key(&head.text);
    let valid_head = PRONOUNS.contains(&head_key.as_str())
        || head.text.chars().next().is_some_and(char::is_uppercase)
        || (head.kind == TokenKind::Word
            && lexicon.is_content(&head_key)
            && !head_key.ends_with("ly"));
    valid_head.then_some(Subject::Found(from, end))
}

/// The name-like phrase that opens the sentence (`Moscow and Washington`).
fn opening_subject(tokens: &[Token], lexicon: &Lexicon) -> Option<(usize, usize)> {
    let mut end = None;
    for (i, t) in tokens.iter().enumerate().take(MAX_SOURCE_WORDS) {
        let k = key(&t.text);
        let capital = t.text.chars().next().is_some_and(char::is_uppercase);
        let glue = ["the", "and", "of", "'s"].contains(&k.as_str());
        if t.kind == TokenKind::Word && (capital || (glue && i > 0)) {
            if capital || !lexicon.is_function_word(&k) {
                end = Some(i);
            }
        } else {
            break;
        }
    }
    end.map(|e| (tokens[0].start, tokens[e].end))
}

/// The phrase starting at token `from`, up to punctuation, a clause word or
/// [`MAX_SOURCE_WORDS`] words (`the UN envoy`, `RIA-Novosti`).
fn phrase_after(tokens: &[Token], from: usize, lexicon: &Lexicon) -> Option<(usize, usize)> {
    let mut end = None;
    for (n, t) in tokens.iter().enumerate().skip(from) {
        let k = key(&t.text);
        let stop = t.kind == TokenKind::Punct
            || (n > from && SUBJECT_STOPS.contains(&k.as_str()) && k != "of")
            || n - from >= MAX_SOURCE_WORDS;
        if stop {
            break;
        }
        end = Some(n);
    }
    let end = end?;
    // A phrase of function words only names no one.
    let named = tokens[from..=end]
        .iter()
        .any(|t| lexicon.is_content(&key(&t.text)) || key_in(&t.text, PRONOUNS));
    named.then(|| (tokens[from].start, tokens[end].end))
}

fn is_punct(t: &Token, p: &str) -> bool {
    t.kind == TokenKind::Punct && t.text == p
}

/// Byte ranges inside quotation marks. A quotation left open runs to the sentence's
/// end; a closing mark with no opening one quotes from the start.
fn quoted_spans(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if !is_quote(t) || t.text == "'" || t.text == "’" {
            continue;
        }
        let closing = closes_quote(tokens, i);
        match open {
            Some(o) if closing || t.text == "\"" => {
                spans.push(o..t.start);
                open = None;
            }
            Some(_) => open = Some(t.end),
            None if closing && spans.is_empty() => spans.push(first.start..t.start),
            None => open = Some(t.end),
        }
    }
    if let Some(o) = open {
        spans.push(o..last.end);
    }
    spans
}

/// Whether the token at `i` is a closing quotation mark: `”`, or a straight quote stuck to
/// what comes before it.
fn closes_quote(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else { return false };
    match t.text.as_str() {
        "”" | "’" | "»" => true,
        "\"" | "'" => i > 0 && tokens[i - 1].end == t.start,
        _ => false,
    }
}

fn is_quote(t: &Token) -> bool {
    t.kind == TokenKind::Punct && key_in(&t.text, &["\"", "'"])
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(text: &str) -> Option<(String, String, Option<String>)> {
        extract(text, 0, text.len(), &Lexicon::builtin()).map(|a| (a.source, a.verb, a.via))
    }

    fn pair(s: &str, v: &str) -> Option<(String, String, Option<String>)> {
        Some((s.into(), v.into(), None))
    }

    #[test]
    fn reporting_clause_after_a_quote_wins() {
        assert_eq!(
            attr("\"The sides agreed,\" the ministry said, adding that the call was initiated by the U.S. side."),
            pair("the ministry", "said")
        );
    }

    #[test]
    fn closing_clause_names_the_outlet() {
        assert_eq!(
            attr("The statement recognized \"the progress\", but highlighted \"difficulties,\" RT online reported."),
            pair("RT online", "reported")
        );
    }

    #[test]
    fn subject_skips_auxiliaries_and_opening_phrases() {
        assert_eq!(
            attr("Earlier on Tuesday, Lavrov has also said that Russia and the US agree."),
            pair("Lavrov", "said")
        );
    }

    #[test]
    fn relay_is_kept_as_via() {
        assert_eq!(
            attr("“One can’t have a ceasefire without incidents,” Lavrov explained as cited by RIA-Novosti."),
            Some(("Lavrov".into(), "explained".into(), Some("RIA-Novosti".into())))
        );
        assert_eq!(
            attr("\"So we call on all the parties,\" Kerry is cited by Reuters."),
            Some(("Kerry".into(), "cited by".into(), Some("Reuters".into())))
        );
    }

    #[test]
    fn according_to_and_inverted_clauses() {
        assert_eq!(
            attr("According to Kerry, the two sides found common ground."),
            pair("Kerry", "According to")
        );
        assert_eq!(
            attr("“We talked a lot,” said Lavrov."),
            pair("Lavrov", "said")
        );
    }

    #[test]
    fn plain_statement_has_no_attribution() {
        assert_eq!(
            attr("The truce took effect on February 27 across Syria."),
            None
        );
        assert_eq!(attr("Rebels agreed to comment later."), None);
    }

    #[test]
    fn common_news_phrasings_are_attributed() {
        let cases = [
            (
                "Officials told Reuters the strike killed 12 people.",
                "Officials",
                "told",
            ),
            (
                "“We will respond,” a spokesman for the ministry told reporters.",
                "a spokesman for the ministry",
                "told",
            ),
            (
                "The talks collapsed, state media reported.",
                "state media",
                "reported",
            ),
            (
                "Syrian state news agency SANA reported that five soldiers were killed.",
                "Syrian state news agency SANA",
                "reported",
            ),
            (
                "Putin, speaking at a news conference in Moscow, said Russia would not back down.",
                "Putin",
                "said",
            ),
            (
                "A senior official, who spoke on condition of anonymity, said the talks stalled.",
                "A senior official",
                "said",
            ),
            ("The army says it has retaken the town.", "The army", "says"),
        ];
        for (text, source, verb) in cases {
            assert_eq!(attr(text), pair(source, verb), "{text}");
        }
    }

    #[test]
    fn verbs_inside_quotations_and_passives_are_not_attributions() {
        assert_eq!(
            attr("“We will respond and we say no,” he said."),
            pair("he", "said")
        );
        assert_eq!(attr("Rebels have been accused of shelling the town."), None);
        assert_eq!(
            attr("\"Our common target is to secure a long term ceasefire, I say."),
            None
        );
    }
}
