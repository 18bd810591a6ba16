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

mod writer;

pub(crate) use writer::JsonWriter;

use crate::model::{
    Attribution, ClaimGroup, FramingTag, GroupDiff, MemberDiff, OutletProfile, Removal, Sentence,
    SentenceRef, Source, TagSide, TitleRow,
};
use crate::pipeline::Comparison;

/// The version of the wire format.
pub const VERSION: u32 = 1;

/// The output of `claimdiff split --format json`, pretty-printed, with a final newline.
pub fn split_to_string(sources: &[Source]) -> String {
    let mut out = String::new();
    JsonWriter::pretty(&mut out).object(|o| {
        o.field("version").uint(VERSION as usize);
        o.field("sources").array_spread(sources, write_source);
    });
    out.push('\n');
    out
}

/// One source, as `split` and `compare` write it.
fn write_source(json: &mut JsonWriter<'_>, source: &Source) {
    json.object(|o| {
        o.field("id").string(&source.id);
        o.field("path").string(&source.path);
        o.field("outlet").opt_string(source.outlet.as_deref());
        o.field("outlet_from").string(source.outlet_from.as_str());
        o.field("date").opt_string(source.date.as_deref());
        o.field("title").opt_string(source.title.as_deref());
        o.field("url").opt_string(source.url.as_deref());
        o.field("encoding").string(&source.encoding);
        o.field("dateline").opt_string(source.dateline.as_deref());
        o.field("lang").opt_string(source.lang.as_deref());
        o.field("extra").object(|extra| {
            for (key, value) in &source.extra {
                extra.entry(key).string(value);
            }
        });
        o.field("removed").array(&source.removed, |json, removal| {
            write_removal(json, removal)
        });
        o.field("sentences")
            .array(&source.sentences, |json, sentence| {
                write_sentence(json, sentence)
            });
    });
}

fn write_removal(json: &mut JsonWriter<'_>, removal: &Removal) {
    json.object(|o| {
        o.field("text").string(&removal.text);
        o.field("reason").string(&removal.reason);
        o.field("start").uint(removal.start);
        o.field("end").uint(removal.end);
    });
}

fn write_sentence(json: &mut JsonWriter<'_>, sentence: &Sentence) {
    json.object(|o| {
        o.field("index").uint(sentence.index);
        o.field("text").string(&sentence.text);
        o.field("start").uint(sentence.start);
        o.field("end").uint(sentence.end);
        o.field("paragraph").uint(sentence.paragraph);
    });
}

/// Rounds a score for output: four decimals are plenty and keep snapshots stable.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A source's id, or "" for an index out of range.
fn id_of(sources: &[Source], index: usize) -> &str {
    sources.get(index).map_or("", |s| s.id.as_str())
}

/// A sentence reference: `{"source": id, "sentence": index}`.
fn write_sentence_ref(json: &mut JsonWriter<'_>, sources: &[Source], at: SentenceRef) {
    json.object(|o| {
        o.field("source").string(id_of(sources, at.source));
        o.field("sentence").uint(at.sentence);
    });
}

fn write_titles(json: &mut JsonWriter<'_>, sources: &[Source], row: &TitleRow) {
    json.object(|o| {
        o.field("pivot").string(id_of(sources, row.pivot));
        let members = row.members.iter().filter_map(|&(i, score)| {
            let source = sources.get(i)?;
            Some((source, source.title.as_deref()?, score))
        });
        o.field("members")
            .array(members, |json, (source, title, score)| {
                json.object(|o| {
                    o.field("source").string(&source.id);
                    o.field("title").string(title);
                    o.field("score").float(round(score));
                });
            });
    });
}

fn write_tag_side(json: &mut JsonWriter<'_>, sources: &[Source], side: &TagSide) {
    json.object(|o| {
        o.field("source").string(id_of(sources, side.at.source));
        o.field("sentence").uint(side.at.sentence);
        o.field("start").uint(side.start);
        o.field("end").uint(side.end);
        o.field("text").string(&side.text);
    });
}

fn write_tag(json: &mut JsonWriter<'_>, sources: &[Source], tag: &FramingTag) {
    json.object(|o| {
        o.field("kind").string(tag.kind.as_str());
        write_tag_side(o.field("member"), sources, &tag.member);
        match &tag.counterpart {
            Some(side) => write_tag_side(o.field("counterpart"), sources, side),
            None => o.field("counterpart").null(),
        }
        o.field("explanation").string(&tag.explanation);
    });
}

fn write_attribution(json: &mut JsonWriter<'_>, a: &Attribution) {
    json.object(|o| {
        o.field("source").string(&a.source);
        o.field("source_start").uint(a.source_span.start);
        o.field("source_end").uint(a.source_span.end);
        o.field("verb").string(&a.verb);
        o.field("verb_lemma").string(&a.verb_lemma);
        o.field("verb_start").uint(a.verb_span.start);
        o.field("verb_end").uint(a.verb_span.end);
        o.field("via").opt_string(a.via.as_deref());
    });
}

fn write_member_diff(json: &mut JsonWriter<'_>, sources: &[Source], d: &MemberDiff) {
    json.object(|o| {
        o.field("ratio").float(round(d.ratio));
        o.field("tokens").array(&d.tokens, |json, t| {
            json.object(|o| {
                o.field("change").string(t.change.as_str());
                o.field("source").string(id_of(sources, t.at.source));
                o.field("start").uint(t.start);
                o.field("end").uint(t.end);
                o.field("text").string(&t.text);
                if let Some(moved) = t.moved {
                    o.field("moved").uint(moved);
                }
            });
        });
        o.field("edits").array(&d.edits, |json, e| {
            json.object(|o| {
                o.field("kind").string(e.kind.as_str());
                o.field("pivot")
                    .array([e.pivot.start, e.pivot.end], JsonWriter::uint);
                o.field("member")
                    .array([e.member.start, e.member.end], JsonWriter::uint);
                if let Some(moved) = e.moved {
                    o.field("moved").uint(moved);
                }
            });
        });
        o.field("fallback").opt_string(d.fallback.as_deref());
    });
}

/// A claim group with its diff: the group's members, each with its attribution, diff
/// (null for the pivot) and tags, then the group-level tags.
fn write_compared_group(
    json: &mut JsonWriter<'_>,
    sources: &[Source],
    group: &ClaimGroup,
    diff: Option<&GroupDiff>,
) {
    json.object(|o| {
        o.field("id").uint(group.id);
        o.field("score").float(round(group.score));
        write_sentence_ref(
            o.field("pivot"),
            sources,
            diff.map_or(group.pivot, |d| d.pivot),
        );
        o.field("members").array(&group.members, |json, member| {
            let member_diff = diff.and_then(|d| d.members.iter().find(|m| m.member == member.at));
            let attribution = diff
                .and_then(|d| d.attributions.iter().find(|(at, _)| *at == member.at))
                .and_then(|(_, a)| a.as_ref());
            json.object(|o| {
                o.field("source").string(id_of(sources, member.at.source));
                o.field("sentence").uint(member.at.sentence);
                o.field("score").float(round(member.score));
                o.field("shared_terms")
                    .array(&member.shared_terms, |json, t| {
                        json.object(|o| {
                            o.field("term").string(&t.term);
                            o.field("weight").float(round(t.weight));
                        });
                    });
                match attribution {
                    Some(a) => write_attribution(o.field("attribution"), a),
                    None => o.field("attribution").null(),
                }
                match member_diff {
                    Some(d) => write_member_diff(o.field("diff"), sources, d),
                    None => o.field("diff").null(),
                }
                let tags = member_diff.map_or(&[][..], |d| &d.tags[..]);
                o.field("tags")
                    .array(tags, |json, tag| write_tag(json, sources, tag));
            });
        });
        let tags = diff.map_or(&[][..], |d| &d.tags[..]);
        o.field("tags")
            .array(tags, |json, tag| write_tag(json, sources, tag));
    });
}

fn write_profile(json: &mut JsonWriter<'_>, sources: &[Source], p: &OutletProfile) {
    json.object(|o| {
        o.field("source").string(id_of(sources, p.source));
        o.field("outlet").string(&p.outlet);
        o.field("sentences").uint(p.sentences);
        o.field("claims_covered").uint(p.claims_covered);
        o.field("claims_only_here")
            .array(p.claims_only_here.iter().copied(), JsonWriter::uint);
        o.field("claims_omitted")
            .array(p.claims_omitted.iter().copied(), JsonWriter::uint);
        o.field("positions").array(&p.positions, |json, x| {
            json.object(|o| {
                o.field("group").uint(x.group);
                o.field("sentence").uint(x.sentence);
                o.field("rank").uint(x.rank);
                o.field("lede").bool(x.lede);
                o.field("title").bool(x.title);
            });
        });
        // By name, as a map keyed by the names writes them.
        let tag_counts: BTreeMap<&str, usize> =
            p.tag_counts.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        o.field("tag_counts").object(|counts| {
            for (kind, n) in tag_counts {
                counts.entry(kind).uint(n);
            }
        });
        o.field("attribution_verbs").object(|verbs| {
            for (verb, n) in &p.attribution_verbs {
                verbs.entry(verb).uint(*n);
            }
        });
        o.field("attributed_sentences").uint(p.attributed_sentences);
        o.field("reuse").array(&p.reuse, |json, (sentence, other)| {
            json.object(|o| {
                o.field("sentence").uint(*sentence);
                write_sentence_ref(o.field("other"), sources, *other);
            });
        });
    });
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
    let mut out = String::new();
    write_comparison(&mut JsonWriter::pretty(&mut out), comparison);
    out.push('\n');
    out
}

/// Appends the same JSON object as [`compare_to_string`] to `out`, on one line without a
/// final newline: one event of `claimdiff corpus` (see `render::corpus`), written into the
/// line's buffer rather than copied there.
pub fn write_compact(comparison: &Comparison, out: &mut String) {
    write_comparison(&mut JsonWriter::compact(out), comparison);
}

/// The comparison object [`compare_to_string`] documents.
pub(crate) fn write_comparison(json: &mut JsonWriter<'_>, comparison: &Comparison) {
    let sources = &comparison.sources;
    let alignment = &comparison.alignment;
    json.object(|o| {
        o.field("version").uint(VERSION as usize);
        o.field("sources").array_spread(sources, write_source);
        match &alignment.titles {
            Some(row) => write_titles(o.field("titles"), sources, row),
            None => o.field("titles").null(),
        }
        o.field("groups")
            .array_spread(&alignment.groups, |json, group| {
                write_compared_group(json, sources, group, comparison.diff_of(group));
            });
        o.field("unmatched")
            .array(alignment.unmatched.iter().copied(), |json, at| {
                write_sentence_ref(json, sources, at)
            });
        o.field("profiles").array(&comparison.profiles, |json, p| {
            write_profile(json, sources, p)
        });
        o.field("warnings")
            .array(&comparison.warnings, |json, w| json.string(w));
    });
}
