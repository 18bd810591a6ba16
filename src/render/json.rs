//! The JSON wire format: a contract. Fields may be added, never renamed or removed.
//!
//! `claimdiff split --format json` prints:
//!
//! ```json
//! {"version": 1, "sources": [{
//!   "id": "s1",                 // stable within one run, in input order
//!   "path": "seeds/003_….txt",  // as given on the command line
//!   "outlet": "TASS",           // or null
//!   "outlet_from": "sidecar",   // header | sidecar | label | cue | filename | unknown
//!   "date": "2016-03-06",       // ISO 8601, or null
//!   "title": "…", "url": null,
//!   "encoding": "UTF-8",
//!   "dateline": "MOSCOW, March 6. /TASS/.",
//!   "lang": null, "extra": {},
//!   "removed": [{"text", "reason", "start", "end"}],
//!   "sentences": [{"index", "text", "start", "end", "paragraph"}]
//! }]}
//! ```
//!
//! `start`/`end` are byte offsets into the decoded text (for UTF-8 input, the file's own
//! bytes); a sentence's span has its surrounding whitespace trimmed, and its `text` has
//! every run of whitespace collapsed to one space.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{
    Attribution, ClaimGroup, FramingTag, GroupDiff, MemberDiff, OutletProfile, Removal, Sentence,
    SentenceRef, Source, TagSide, TitleRow,
};
use crate::pipeline::Comparison;

/// The version of the wire format.
pub const VERSION: u32 = 1;

/// One source on the wire.
#[derive(Serialize)]
pub struct SourceJson<'a> {
    id: &'a str,
    path: &'a str,
    outlet: Option<&'a str>,
    outlet_from: &'static str,
    date: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    encoding: &'a str,
    dateline: Option<&'a str>,
    lang: Option<&'a str>,
    extra: &'a BTreeMap<String, String>,
    removed: Vec<RemovalJson<'a>>,
    sentences: Vec<SentenceJson<'a>>,
}

#[derive(Serialize)]
struct RemovalJson<'a> {
    text: &'a str,
    reason: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    index: usize,
    text: &'a str,
    start: usize,
    end: usize,
    paragraph: usize,
}

impl<'a> SourceJson<'a> {
    /// The wire form of a source.
    pub fn new(source: &'a Source) -> Self {
        SourceJson {
            id: &source.id,
            path: &source.path,
            outlet: source.outlet.as_deref(),
            outlet_from: source.outlet_from.as_str(),
            date: source.date.as_deref(),
            title: source.title.as_deref(),
            url: source.url.as_deref(),
            encoding: &source.encoding,
            dateline: source.dateline.as_deref(),
            lang: source.lang.as_deref(),
            extra: &source.extra,
            removed: source.removed.iter().map(RemovalJson::new).collect(),
            sentences: source.sentences.iter().map(SentenceJson::new).collect(),
        }
    }
}

impl<'a> RemovalJson<'a> {
    fn new(r: &'a Removal) -> Self {
        RemovalJson {
            text: &r.text,
            reason: &r.reason,
            start: r.start,
            end: r.end,
        }
    }
}

impl<'a> SentenceJson<'a> {
    fn new(s: &'a Sentence) -> Self {
        SentenceJson {
            index: s.index,
            text: &s.text,
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
        }
    }
}

#[derive(Serialize)]
struct SplitJson<'a> {
    version: u32,
    sources: Vec<SourceJson<'a>>,
}

/// The output of `claimdiff split --format json`, pretty-printed, with a final newline.
pub fn split_to_string(sources: &[Source]) -> String {
    let doc = SplitJson {
        version: VERSION,
        sources: sources.iter().map(SourceJson::new).collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data always serialises");
    out.push('\n');
    out
}

/// A sentence reference on the wire: a source id and a sentence index.
#[derive(Serialize)]
pub struct SentenceRefJson<'a> {
    source: &'a str,
    sentence: usize,
}

impl<'a> SentenceRefJson<'a> {
    /// The wire form of `at` within `sources`.
    pub fn new(sources: &'a [Source], at: SentenceRef) -> Self {
        SentenceRefJson {
            source: sources.get(at.source).map_or("", |s| s.id.as_str()),
            sentence: at.sentence,
        }
    }
}

#[derive(Serialize)]
struct SharedTermJson<'a> {
    term: &'a str,
    weight: f64,
}

#[derive(Serialize)]
struct MemberJson<'a> {
    source: &'a str,
    sentence: usize,
    score: f64,
    shared_terms: Vec<SharedTermJson<'a>>,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    id: usize,
    score: f64,
    pivot: SentenceRefJson<'a>,
    members: Vec<MemberJson<'a>>,
}

#[derive(Serialize)]
struct TitleMemberJson<'a> {
    source: &'a str,
    title: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct TitlesJson<'a> {
    pivot: &'a str,
    members: Vec<TitleMemberJson<'a>>,
}

/// Rounds a score for output: four decimals are plenty and keep snapshots stable.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn group_json<'a>(sources: &'a [Source], group: &'a ClaimGroup) -> GroupJson<'a> {
    GroupJson {
        id: group.id,
        score: round(group.score),
        pivot: SentenceRefJson::new(sources, group.pivot),
        members: group
            .members
            .iter()
            .map(|m| MemberJson {
                source: sources.get(m.at.source).map_or("", |s| s.id.as_str()),
                sentence: m.at.sentence,
                score: round(m.score),
                shared_terms: m
                    .shared_terms
                    .iter()
                    .map(|t| SharedTermJson {
                        term: &t.term,
                        weight: round(t.weight),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn titles_json<'a>(sources: &'a [Source], row: &'a TitleRow) -> TitlesJson<'a> {
    TitlesJson {
        pivot: sources.get(row.pivot).map_or("", |s| s.id.as_str()),
        members: row
            .members
            .iter()
            .filter_map(|&(i, score)| {
                let source = sources.get(i)?;
                Some(TitleMemberJson {
                    source: &source.id,
                    title: source.title.as_deref()?,
                    score: round(score),
                })
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct TagSideJson<'a> {
    source: &'a str,
    sentence: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct TagJson<'a> {
    kind: &'static str,
    member: TagSideJson<'a>,
    counterpart: Option<TagSideJson<'a>>,
    explanation: &'a str,
}

#[derive(Serialize)]
struct AttributionJson<'a> {
    source: &'a str,
    source_start: usize,
    source_end: usize,
    verb: &'a str,
    verb_lemma: &'a str,
    verb_start: usize,
    verb_end: usize,
    via: Option<&'a str>,
}

#[derive(Serialize)]
struct DiffTokenJson<'a> {
    change: &'static str,
    source: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved: Option<usize>,
}

#[derive(Serialize)]
struct EditJson {
    kind: &'static str,
    pivot: [usize; 2],
    member: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    moved: Option<usize>,
}

#[derive(Serialize)]
struct MemberDiffJson<'a> {
    ratio: f64,
    tokens: Vec<DiffTokenJson<'a>>,
    edits: Vec<EditJson>,
    fallback: Option<&'a str>,
}

/// A member of a compared group: [`MemberJson`]'s fields, then its own (written out by
/// hand: `#[serde(flatten)]` would do the same through a slower map serializer, and a
/// corpus run writes thousands of these).
struct ComparedMemberJson<'a> {
    base: MemberJson<'a>,
    attribution: Option<AttributionJson<'a>>,
    /// Null for the pivot.
    diff: Option<MemberDiffJson<'a>>,
    tags: Vec<TagJson<'a>>,
}

impl Serialize for ComparedMemberJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let base = &self.base;
        let mut member = serializer.serialize_struct("ComparedMemberJson", 7)?;
        member.serialize_field("source", base.source)?;
        member.serialize_field("sentence", &base.sentence)?;
        member.serialize_field("score", &base.score)?;
        member.serialize_field("shared_terms", &base.shared_terms)?;
        member.serialize_field("attribution", &self.attribution)?;
        member.serialize_field("diff", &self.diff)?;
        member.serialize_field("tags", &self.tags)?;
        member.end()
    }
}

#[derive(Serialize)]
struct ComparedGroupJson<'a> {
    id: usize,
    score: f64,
    pivot: SentenceRefJson<'a>,
    members: Vec<ComparedMemberJson<'a>>,
    /// Tags about the group as a whole (number/date conflicts, reuse).
    tags: Vec<TagJson<'a>>,
}

#[derive(Serialize)]
struct PositionJson {
    group: usize,
    sentence: usize,
    rank: usize,
    lede: bool,
    title: bool,
}

#[derive(Serialize)]
struct ReuseJson<'a> {
    sentence: usize,
    other: SentenceRefJson<'a>,
}

#[derive(Serialize)]
struct ProfileJson<'a> {
    source: &'a str,
    outlet: &'a str,
    sentences: usize,
    claims_covered: usize,
    claims_only_here: &'a [usize],
    claims_omitted: &'a [usize],
    positions: Vec<PositionJson>,
    tag_counts: BTreeMap<&'static str, usize>,
    attribution_verbs: &'a BTreeMap<String, usize>,
    attributed_sentences: usize,
    reuse: Vec<ReuseJson<'a>>,
}

#[derive(Serialize)]
struct CompareJson<'a> {
    version: u32,
    sources: Vec<SourceJson<'a>>,
    titles: Option<TitlesJson<'a>>,
    groups: Vec<ComparedGroupJson<'a>>,
    unmatched: Vec<SentenceRefJson<'a>>,
    profiles: Vec<ProfileJson<'a>>,
    warnings: &'a [String],
}

fn id_of(sources: &[Source], index: usize) -> &str {
    sources.get(index).map_or("", |s| s.id.as_str())
}

fn tag_side_json<'a>(sources: &'a [Source], side: &'a TagSide) -> TagSideJson<'a> {
    TagSideJson {
        source: id_of(sources, side.at.source),
        sentence: side.at.sentence,
        start: side.start,
        end: side.end,
        text: &side.text,
    }
}

fn tag_json<'a>(sources: &'a [Source], tag: &'a FramingTag) -> TagJson<'a> {
    TagJson {
        kind: tag.kind.as_str(),
        member: tag_side_json(sources, &tag.member),
        counterpart: tag.counterpart.as_ref().map(|c| tag_side_json(sources, c)),
        explanation: &tag.explanation,
    }
}

fn attribution_json(a: &Attribution) -> AttributionJson<'_> {
    AttributionJson {
        source: &a.source,
        source_start: a.source_span.start,
        source_end: a.source_span.end,
        verb: &a.verb,
        verb_lemma: &a.verb_lemma,
        verb_start: a.verb_span.start,
        verb_end: a.verb_span.end,
        via: a.via.as_deref(),
    }
}

fn member_diff_json<'a>(sources: &'a [Source], d: &'a MemberDiff) -> MemberDiffJson<'a> {
    MemberDiffJson {
        ratio: round(d.ratio),
        tokens: d
            .tokens
            .iter()
            .map(|t| DiffTokenJson {
                change: t.change.as_str(),
                source: id_of(sources, t.at.source),
                start: t.start,
                end: t.end,
                text: &t.text,
                moved: t.moved,
            })
            .collect(),
        edits: d
            .edits
            .iter()
            .map(|e| EditJson {
                kind: e.kind.as_str(),
                pivot: [e.pivot.start, e.pivot.end],
                member: [e.member.start, e.member.end],
                moved: e.moved,
            })
            .collect(),
        fallback: d.fallback.as_deref(),
    }
}

fn compared_group_json<'a>(
    sources: &'a [Source],
    group: &'a ClaimGroup,
    diff: Option<&'a GroupDiff>,
) -> ComparedGroupJson<'a> {
    let base = group_json(sources, group);
    let members = base
        .members
        .into_iter()
        .zip(&group.members)
        .map(|(json, member)| {
            let member_diff = diff.and_then(|d| d.members.iter().find(|m| m.member == member.at));
            let attribution = diff
                .and_then(|d| d.attributions.iter().find(|(at, _)| *at == member.at))
                .and_then(|(_, a)| a.as_ref())
                .map(attribution_json);
            ComparedMemberJson {
                base: json,
                attribution,
                diff: member_diff.map(|d| member_diff_json(sources, d)),
                tags: member_diff
                    .map(|d| d.tags.iter().map(|t| tag_json(sources, t)).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    ComparedGroupJson {
        id: group.id,
        score: base.score,
        pivot: SentenceRefJson::new(sources, diff.map_or(group.pivot, |d| d.pivot)),
        members,
        tags: diff
            .map(|d| d.tags.iter().map(|t| tag_json(sources, t)).collect())
            .unwrap_or_default(),
    }
}

fn profile_json<'a>(sources: &'a [Source], p: &'a OutletProfile) -> ProfileJson<'a> {
    ProfileJson {
        source: id_of(sources, p.source),
        outlet: &p.outlet,
        sentences: p.sentences,
        claims_covered: p.claims_covered,
        claims_only_here: &p.claims_only_here,
        claims_omitted: &p.claims_omitted,
        positions: p
            .positions
            .iter()
            .map(|x| PositionJson {
                group: x.group,
                sentence: x.sentence,
                rank: x.rank,
                lede: x.lede,
                title: x.title,
            })
            .collect(),
        tag_counts: p.tag_counts.iter().map(|(k, n)| (k.as_str(), *n)).collect(),
        attribution_verbs: &p.attribution_verbs,
        attributed_sentences: p.attributed_sentences,
        reuse: p
            .reuse
            .iter()
            .map(|(sentence, other)| ReuseJson {
                sentence: *sentence,
                other: SentenceRefJson::new(sources, *other),
            })
            .collect(),
    }
}

/// The output of `claimdiff compare --format json`, pretty-printed, with a final newline.
///
/// ```json
/// {"version": 1,
///  "sources": [ … exactly as `split` … ],
///  "titles": {"pivot": "s2", "members": [{"source", "title", "score"}]} | null,
///  "groups": [{"id", "score", "pivot": {"source", "sentence"},
///              "members": [{"source", "sentence", "score", "shared_terms": [{"term", "weight"}],
///                           "attribution": {"source", "verb", "verb_lemma", "via", …} | null,
///                           "diff": {"ratio", "tokens": [{"change", "source", "start", "end", "text", "moved"?}],
///                                    "edits": [{"kind", "pivot": [a, b], "member": [a, b], "moved"?}],
///                                    "fallback"} | null (the pivot),
///                           "tags": [{"kind", "member": {"source", "sentence", "start", "end", "text"},
///                                     "counterpart": {…} | null, "explanation"}]}],
///              "tags": [ group-level tags: number/date conflicts, reuse ]}],
///  "unmatched": [{"source", "sentence"}],
///  "profiles": [{"source", "outlet", "sentences", "claims_covered", "claims_only_here",
///                "claims_omitted", "positions", "tag_counts", "attribution_verbs",
///                "attributed_sentences", "reuse"}],
///  "warnings": ["…"]}
/// ```
///
/// `source` is always a source id; `sentence` an index into that source's `sentences`.
/// Token `change` is one of `equal`, `inserted`, `deleted`, `moved_from`, `moved_to`; edit
/// `kind` one of `equal`, `delete`, `insert`, `replace` (token index ranges, half-open);
/// tag `kind` one of `naming`, `attribution`, `label`, `hedge`, `number`, `date`, `quote`,
/// `omission`, `reuse`.
pub fn compare_to_string(comparison: &Comparison) -> String {
    let mut out = serde_json::to_string_pretty(&compare_json(comparison))
        .expect("plain data always serialises");
    out.push('\n');
    out
}

/// Appends the same JSON object as [`compare_to_string`] to `out`, on one line without a
/// final newline: one event of `claimdiff corpus` (see `render::corpus`), written into the
/// line's buffer rather than copied there.
pub fn write_compact(comparison: &Comparison, out: &mut Vec<u8>) {
    serde_json::to_writer(out, &compare_json(comparison)).expect("plain data always serialises");
}

fn compare_json(comparison: &Comparison) -> CompareJson<'_> {
    let sources = &comparison.sources;
    let alignment = &comparison.alignment;
    CompareJson {
        version: VERSION,
        sources: sources.iter().map(SourceJson::new).collect(),
        titles: alignment.titles.as_ref().map(|t| titles_json(sources, t)),
        groups: alignment
            .groups
            .iter()
            .map(|g| {
                let diff = comparison.diff_of(g);
                compared_group_json(sources, g, diff)
            })
            .collect(),
        unmatched: alignment
            .unmatched
            .iter()
            .map(|&at| SentenceRefJson::new(sources, at))
            .collect(),
        profiles: comparison
            .profiles
            .iter()
            .map(|p| profile_json(sources, p))
            .collect(),
        warnings: &comparison.warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compared_member_has_every_field_of_a_member_first_then_its_own() {
        let member = || MemberJson {
            source: "s2",
            sentence: 3,
            score: 0.5,
            shared_terms: vec![SharedTermJson {
                term: "ceasefire",
                weight: 1.25,
            }],
        };
        let compared = ComparedMemberJson {
            base: member(),
            attribution: None,
            diff: None,
            tags: Vec::new(),
        };
        let plain = serde_json::to_string(&member()).expect("serialises");
        let compared = serde_json::to_string(&compared).expect("serialises");
        // The member's own object, its closing brace replaced by the compared fields.
        let expected = format!(
            "{},\"attribution\":null,\"diff\":null,\"tags\":[]}}",
            plain.strip_suffix('}').expect("an object")
        );
        assert_eq!(compared, expected);
    }
}
