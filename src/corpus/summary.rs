//! The corpus summary: per outlet, across all events, what it covered and left out, its
//! framing tags and attribution verbs, and how it names each entity.
//!
//! Every figure is a count, and every count is a sum over events, so the summaries of
//! disjoint sets of events (the shards of one corpus) add up to the summary of their union:
//! [`CorpusSummary::merge`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::pipeline::Comparison;
use crate::similarity::aliases::Aliases;

/// The version of the summary's JSON form.
pub const SUMMARY_VERSION: u32 = 1;

/// What a corpus run found, summed over its events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusSummary {
    /// [`SUMMARY_VERSION`].
    pub version: u32,
    /// Articles in the events summed here.
    pub articles: usize,
    /// Events formed.
    pub events: usize,
    /// Events compared (they had enough outlets).
    pub events_compared: usize,
    /// Events not compared: fewer outlets than `--min-outlets`, or fewer than two distinct
    /// texts.
    pub events_skipped: usize,
    /// Claim groups found across the compared events.
    pub claim_groups: usize,
    /// Per outlet (its display name), in name order.
    pub outlets: BTreeMap<String, OutletSummary>,
}

/// One outlet across the events of a corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutletSummary {
    /// Its articles (in compared and skipped events).
    pub articles: usize,
    /// Compared events it has an article in: its coverage.
    pub events: usize,
    /// Body sentences of its articles in compared events.
    pub sentences: usize,
    /// Claim groups it has a sentence in.
    pub claims_covered: usize,
    /// Its sentences that no other outlet's match.
    pub claims_only_here: usize,
    /// Claims most other outlets carry that it leaves out: its omissions.
    pub claims_omitted: usize,
    /// Its sentences that attribute their claim to someone.
    pub attributed_sentences: usize,
    /// Framing tags it takes part in, by kind.
    pub tag_counts: BTreeMap<String, usize>,
    /// Attribution verbs (dictionary form) it uses.
    pub attribution_verbs: BTreeMap<String, usize>,
    /// How it names each entity of the alias list: entity (canonical name) → the name as
    /// written (in the alias list's spelling) → mentions.
    pub naming: BTreeMap<String, BTreeMap<String, usize>>,
}

impl CorpusSummary {
    /// An empty summary.
    pub fn new() -> CorpusSummary {
        CorpusSummary {
            version: SUMMARY_VERSION,
            ..CorpusSummary::default()
        }
    }

    /// Counts an event's articles by outlet (compared or not).
    pub fn add_event<'a>(&mut self, outlets: impl IntoIterator<Item = &'a str>) {
        self.events += 1;
        for outlet in outlets {
            self.articles += 1;
            self.outlets.entry(outlet.to_string()).or_default().articles += 1;
        }
    }

    /// Counts what one compared event's comparison found; `aliases` finds the names.
    pub fn add_comparison(&mut self, comparison: &Comparison, aliases: &Aliases) {
        self.events_compared += 1;
        self.claim_groups += comparison.alignment.groups.len();
        let mut seen: Vec<&str> = Vec::new();
        // The names in a sentence, by its text: wire copy repeats sentences across outlets.
        let mut names_by_text: rustc_hash::FxHashMap<&str, Vec<(&str, &str)>> = Default::default();
        for (index, source) in comparison.sources.iter().enumerate() {
            let name = source.display_name();
            let outlet = self.outlets.entry(name.to_string()).or_default();
            if !seen.contains(&name) {
                seen.push(name);
                outlet.events += 1;
            }
            outlet.sentences += source.sentences.len();
            for sentence in &source.sentences {
                let names = names_by_text
                    .entry(sentence.text.as_str())
                    .or_insert_with(|| names_in(aliases, &sentence.text));
                for (canonical, spelling) in names.iter() {
                    *outlet
                        .naming
                        .entry((*canonical).to_string())
                        .or_default()
                        .entry((*spelling).to_string())
                        .or_default() += 1;
                }
            }
            let Some(profile) = comparison.profiles.iter().find(|p| p.source == index) else {
                continue;
            };
            outlet.claims_covered += profile.claims_covered;
            outlet.claims_only_here += profile.claims_only_here.len();
            outlet.claims_omitted += profile.claims_omitted.len();
            outlet.attributed_sentences += profile.attributed_sentences;
            for (kind, n) in &profile.tag_counts {
                *outlet
                    .tag_counts
                    .entry(kind.as_str().to_string())
                    .or_default() += n;
            }
            for (verb, n) in &profile.attribution_verbs {
                *outlet.attribution_verbs.entry(verb.clone()).or_default() += n;
            }
        }
    }

    /// Counts an event that was not compared.
    pub fn add_skipped(&mut self) {
        self.events_skipped += 1;
    }

    /// Adds another summary's counts (of other events) to this one.
    pub fn merge(&mut self, other: &CorpusSummary) {
        self.articles += other.articles;
        self.events += other.events;
        self.events_compared += other.events_compared;
        self.events_skipped += other.events_skipped;
        self.claim_groups += other.claim_groups;
        for (name, theirs) in &other.outlets {
            let ours = self.outlets.entry(name.clone()).or_default();
            ours.articles += theirs.articles;
            ours.events += theirs.events;
            ours.sentences += theirs.sentences;
            ours.claims_covered += theirs.claims_covered;
            ours.claims_only_here += theirs.claims_only_here;
            ours.claims_omitted += theirs.claims_omitted;
            ours.attributed_sentences += theirs.attributed_sentences;
            add_counts(&mut ours.tag_counts, &theirs.tag_counts);
            add_counts(&mut ours.attribution_verbs, &theirs.attribution_verbs);
            for (entity, names) in &theirs.naming {
                add_counts(ours.naming.entry(entity.clone()).or_default(), names);
            }
        }
    }
}

fn add_counts(ours: &mut BTreeMap<String, usize>, theirs: &BTreeMap<String, usize>) {
    for (key, n) in theirs {
        *ours.entry(key.clone()).or_default() += n;
    }
}

/// The names `aliases` finds in `text`, each as (its entity's canonical name, the spelling
/// used: the alias list's own spelling when it differs only in case).
fn names_in<'a>(aliases: &'a Aliases, text: &'a str) -> Vec<(&'a str, &'a str)> {
    aliases
        .find_mentions(text)
        .into_iter()
        .filter_map(|mention| {
            let group = aliases.groups().get(mention.group)?;
            let found = text.get(mention.start..mention.end)?;
            let spelling = group
                .names
                .iter()
                .find(|n| n.as_str() == found)
                .or_else(|| group.names.iter().find(|n| n.eq_ignore_ascii_case(found)))
                .map_or(found, String::as_str);
            Some((group.canonical.as_str(), spelling))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_adds_every_count() {
        let mut a = CorpusSummary::new();
        a.add_event(["TASS", "RT"]);
        a.outlets.entry("TASS".into()).or_default().naming.insert(
            "Islamic State".into(),
            BTreeMap::from([("Daesh".to_string(), 2)]),
        );
        let mut b = CorpusSummary::new();
        b.add_event(["TASS"]);
        b.add_skipped();
        b.outlets.entry("TASS".into()).or_default().naming.insert(
            "Islamic State".into(),
            BTreeMap::from([("Daesh".to_string(), 1), ("IS".to_string(), 1)]),
        );
        a.merge(&b);
        assert_eq!(a.events, 2);
        assert_eq!(a.articles, 3);
        assert_eq!(a.events_skipped, 1);
        let tass = &a.outlets["TASS"];
        assert_eq!(tass.articles, 2);
        assert_eq!(tass.naming["Islamic State"]["Daesh"], 3);
        assert_eq!(tass.naming["Islamic State"]["IS"], 1);
    }
}
