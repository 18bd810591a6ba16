//! The shared vocabulary: plain types handed from one stage to the next.
//!
//! Byte offsets (`start`, `end`) always index into [`Source::text`], the decoded text of
//! the source. For UTF-8 text files that is the file's own bytes.

use std::collections::BTreeMap;
use std::ops::Range;

/// How the outlet of a source was determined, from most to least trustworthy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutletFrom {
    /// A `outlet:` line in the file's own header, or the `outlet` field of a JSON Lines record.
    Header,
    /// A `sources.toml` sidecar or a `--meta` file.
    Sidecar,
    /// The `--label` command-line option.
    Label,
    /// A cue in the text itself, such as `/TASS/`, `(IANS)` or `Xinhua,`.
    Cue,
    /// The file name.
    Filename,
    /// Nothing said which outlet this is.
    Unknown,
}

impl OutletFrom {
    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            OutletFrom::Header => "header",
            OutletFrom::Sidecar => "sidecar",
            OutletFrom::Label => "label",
            OutletFrom::Cue => "cue",
            OutletFrom::Filename => "filename",
            OutletFrom::Unknown => "unknown",
        }
    }
}

/// What is known about a source before its text is read: from a header, a sidecar, a
/// JSON Lines record or the command line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    /// The outlet (agency, channel, paper) that published the article.
    pub outlet: Option<String>,
    /// Where [`Metadata::outlet`] came from; `None` while no outlet is known.
    pub outlet_from: Option<OutletFrom>,
    /// Publication date, ISO 8601 (`2016-03-06`).
    pub date: Option<String>,
    /// The article's headline.
    pub title: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Language tag (`en`).
    pub lang: Option<String>,
    /// Any other `key: value` pairs of a header or record.
    pub extra: BTreeMap<String, String>,
}

/// One article as read from disk, decoded but not yet cleaned.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Stable id within one run (`s1`, `s2`, … in input order).
    pub id: String,
    /// The path as given (or `-` for standard input; `file.jsonl:3` for a JSON Lines record).
    pub path: String,
    /// The decoded text. All offsets of later stages index into this string.
    pub text: String,
    /// The byte range of `text` that holds the article (after a metadata header).
    pub body: Range<usize>,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: String,
    /// Metadata known before cleaning.
    pub meta: Metadata,
}

/// A piece of text that cleaning removed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    /// The removed text, exactly as in the source.
    pub text: String,
    /// Why it was removed: the rule's reason (`navigation`, `teaser`, `dateline`, `title`, …).
    pub reason: String,
    /// Byte offset of the first removed byte.
    pub start: usize,
    /// Byte offset one past the last removed byte.
    pub end: usize,
}

/// What cleaning found and kept.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cleaned {
    /// Everything removed, in text order.
    pub removed: Vec<Removal>,
    /// Byte ranges of body text left after cleaning, in order, not overlapping.
    pub kept: Vec<Range<usize>>,
    /// A headline found in the text.
    pub title: Option<String>,
    /// A dateline found in the text (`MOSCOW, March 6. /TASS/.`).
    pub dateline: Option<String>,
    /// The outlet named by a cue in the text (`TASS` from `/TASS/`).
    pub outlet_cue: Option<String>,
    /// A date (ISO 8601) read from the dateline or a time-stamp line, when it has a year.
    pub date: Option<String>,
}

/// One body sentence of a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Position among the source's sentences, from 0.
    pub index: usize,
    /// The sentence with every run of whitespace (line breaks included) collapsed to one space.
    pub text: String,
    /// Byte offset of the sentence's first non-whitespace byte.
    pub start: usize,
    /// Byte offset one past its last non-whitespace byte.
    pub end: usize,
    /// Index of the paragraph it stands in, from 0.
    pub paragraph: usize,
}

/// An article after ingest, cleaning and segmentation: what every later stage works on.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Stable id within one run (`s1`, `s2`, …).
    pub id: String,
    /// The path as given on the command line.
    pub path: String,
    /// The outlet, if known.
    pub outlet: Option<String>,
    /// How the outlet was found.
    pub outlet_from: OutletFrom,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// The encoding the file was decoded from.
    pub encoding: String,
    /// The dateline removed from the body, if any.
    pub dateline: Option<String>,
    /// Other metadata.
    pub extra: BTreeMap<String, String>,
    /// What cleaning removed.
    pub removed: Vec<Removal>,
    /// The body sentences.
    pub sentences: Vec<Sentence>,
    /// The decoded text that all offsets index into.
    pub text: String,
}

impl Source {
    /// A source of `text` already split into `sentences`, without metadata: for callers
    /// that bring their own text and segmentation (tests, synthetic benchmarks) instead of
    /// a file for [`crate::pipeline::prepare`]. Set other fields with struct update syntax.
    pub fn from_sentences(
        id: impl Into<String>,
        path: impl Into<String>,
        text: impl Into<String>,
        sentences: Vec<Sentence>,
    ) -> Source {
        Source {
            id: id.into(),
            path: path.into(),
            outlet: None,
            outlet_from: OutletFrom::Unknown,
            date: None,
            title: None,
            url: None,
            lang: None,
            encoding: "UTF-8".into(),
            dateline: None,
            extra: BTreeMap::new(),
            removed: Vec::new(),
            sentences,
            text: text.into(),
        }
    }

    /// A short name for people: the outlet, else the file name.
    pub fn display_name(&self) -> &str {
        match &self.outlet {
            Some(outlet) => outlet,
            None => self
                .path
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(self.path.as_str()),
        }
    }
}

/// Each source's name as `name` gives it, with the source id added where two sources
/// would read the same (`TASS (s1)`, `TASS (s3)`), so that a reader can tell them apart.
pub fn distinct_names(sources: &[Source], name: impl Fn(&Source) -> String) -> Vec<String> {
    let plain: Vec<String> = sources.iter().map(name).collect();
    sources
        .iter()
        .zip(&plain)
        .map(|(source, name)| {
            if plain.iter().filter(|n| *n == name).count() > 1 {
                format!("{name} ({})", source.id)
            } else {
                name.clone()
            }
        })
        .collect()
}

// --- alignment (align/) ---

/// A sentence of a comparison: an index into its sources and one into that source's
/// sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SentenceRef {
    /// Index into the comparison's sources.
    pub source: usize,
    /// Index into that source's sentences.
    pub sentence: usize,
}

/// A term two sentences share, with the weight it added to their similarity.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedTerm {
    /// The term as people read it (the canonical alias or the most common surface form).
    pub term: String,
    /// Its contribution to the score.
    pub weight: f64,
}

/// One sentence of a claim group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupMember {
    /// Which sentence.
    pub at: SentenceRef,
    /// Similarity to the group's pivot (1.0 for the pivot itself).
    pub score: f64,
    /// Terms shared with the pivot, heaviest first.
    pub shared_terms: Vec<SharedTerm>,
}

/// Sentences of different sources that state the same claim: at most one per source.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimGroup {
    /// Position in the comparison's list of groups, from 0.
    pub id: usize,
    /// The group's cohesion: mean similarity of its members to the pivot.
    pub score: f64,
    /// The member the others are diffed against.
    pub pivot: SentenceRef,
    /// All members, the pivot included, in source order.
    pub members: Vec<GroupMember>,
}

/// The outcome of aligning the sentences of several sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// Claim groups, those carried by most sources first.
    pub groups: Vec<ClaimGroup>,
    /// Sentences in no group: claims only one source reports.
    pub unmatched: Vec<SentenceRef>,
    /// The titles aligned as a row of their own, when two or more sources have one.
    pub titles: Option<TitleRow>,
    /// Notes on budgets hit and fallbacks taken, for the report.
    pub notes: Vec<String>,
}

/// The sources' titles, aligned as one row.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleRow {
    /// The source whose title the others are compared with.
    pub pivot: usize,
    /// Each source with a title, and its title's similarity to the pivot's.
    pub members: Vec<(usize, f64)>,
}

// --- diff (diff/) ---

/// What a token of a sentence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word (`U.S.`, `al-Nusra`, `don’t` are one word each).
    Word,
    /// A number written in digits (`2,254`, `18`, `3.5`).
    Number,
    /// A punctuation mark or other symbol, one per token.
    Punct,
}

/// One token of a sentence: a word, a number or a punctuation mark. Whitespace is not a
/// token; `start`/`end` index into [`Source::text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The token's text, exactly as in the source.
    pub text: String,
    /// What it is.
    pub kind: TokenKind,
}

/// How a stretch of the pivot's tokens becomes a stretch of the member's tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditKind {
    /// Both sides have the same words (compared ignoring case, with typographic quotes,
    /// apostrophes and dashes folded: `Russia’s` equals `russia's`).
    Equal,
    /// Words only the pivot has.
    Delete,
    /// Words only the member has.
    Insert,
    /// Different words in the same place.
    Replace,
}

impl EditKind {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EditKind::Equal => "equal",
            EditKind::Delete => "delete",
            EditKind::Insert => "insert",
            EditKind::Replace => "replace",
        }
    }
}

/// One edit of a word diff. Applying the edits in order to the pivot's tokens yields the
/// member's tokens: `Equal` copies `pivot`, `Delete` skips `pivot`, `Insert` adds `member`,
/// `Replace` skips `pivot` and adds `member`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// What the edit does.
    pub kind: EditKind,
    /// Token indices in the pivot (empty for an insertion).
    pub pivot: Range<usize>,
    /// Token indices in the member (empty for a deletion).
    pub member: Range<usize>,
    /// For a `Delete` or `Insert` that is half of a moved phrase, the move's id: the
    /// other half carries the same id.
    pub moved: Option<usize>,
}

/// How a token appears in the flat view of a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// In both sentences (the token is the member's).
    Equal,
    /// Only in the member.
    Inserted,
    /// Only in the pivot (the token is the pivot's).
    Deleted,
    /// A phrase of the pivot that the member has elsewhere: where it was.
    MovedFrom,
    /// The same phrase in the member: where it went.
    MovedTo,
}

impl Change {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Equal => "equal",
            Change::Inserted => "inserted",
            Change::Deleted => "deleted",
            Change::MovedFrom => "moved_from",
            Change::MovedTo => "moved_to",
        }
    }
}

/// A token of the flat view of a diff: the member's sentence with the pivot's deleted
/// words interleaved where they stood, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffToken {
    /// What happened to the token.
    pub change: Change,
    /// The sentence it belongs to (the pivot for `Deleted`/`MovedFrom`, else the member).
    pub at: SentenceRef,
    /// Byte offset into that source's text.
    pub start: usize,
    /// Byte offset one past the token.
    pub end: usize,
    /// The token's text.
    pub text: String,
    /// For moved tokens, the move's id (as in [`Edit::moved`]).
    pub moved: Option<usize>,
}

/// The kinds of framing tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagKind {
    /// The outlets name the same actor or place differently (`Daesh` / `Islamic State`).
    Naming,
    /// The claim is attributed to a different source, with a different verb, or not at all.
    Attribution,
    /// A loaded or evaluative word for an actor (`terrorist`, `regime`, `so-called`).
    Label,
    /// A hedge or intensifier (`reportedly`, `alleged`, `dramatically`).
    Hedge,
    /// Quantities that disagree.
    Number,
    /// Dates that disagree or differ in precision.
    Date,
    /// Words quoted in one sentence but paraphrased or unquoted in the other.
    Quote,
    /// A phrase with content that one sentence has and the other leaves out.
    Omission,
    /// One outlet's sentence repeats another's word for word (or nearly).
    Reuse,
}

impl TagKind {
    /// Every kind, in a fixed order.
    pub const ALL: [TagKind; 9] = [
        TagKind::Naming,
        TagKind::Attribution,
        TagKind::Label,
        TagKind::Hedge,
        TagKind::Number,
        TagKind::Date,
        TagKind::Quote,
        TagKind::Omission,
        TagKind::Reuse,
    ];

    /// The lowercase name used in JSON (`naming`, `attribution`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TagKind::Naming => "naming",
            TagKind::Attribution => "attribution",
            TagKind::Label => "label",
            TagKind::Hedge => "hedge",
            TagKind::Number => "number",
            TagKind::Date => "date",
            TagKind::Quote => "quote",
            TagKind::Omission => "omission",
            TagKind::Reuse => "reuse",
        }
    }
}

/// Text of one sentence that a tag points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagSide {
    /// The sentence.
    pub at: SentenceRef,
    /// Byte range into that source's text (empty when the tag concerns something absent,
    /// such as a missing attribution; then it sits at the sentence's end).
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The text of that range.
    pub text: String,
}

/// A framing difference between a member and the pivot (or between two members).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FramingTag {
    /// What kind of difference.
    pub kind: TagKind,
    /// Where it is in the member (the sentence being compared).
    pub member: TagSide,
    /// What stands for it in the other sentence, when something does.
    pub counterpart: Option<TagSide>,
    /// One sentence a student understands (`RT calls the group “Islamic State”; Press TV
    /// calls it “Daesh”.`).
    pub explanation: String,
}

/// Who a sentence attributes its claim to, and with which verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The source as written (`the ministry`, `Lavrov`, `he`).
    pub source: String,
    /// Byte range of the source in the source text.
    pub source_span: Range<usize>,
    /// The reporting verb as written (`said`, `stressed`, `cited by`, `according to`).
    pub verb: String,
    /// The verb's dictionary form (`say`, `stress`, `cite`, `according to`).
    pub verb_lemma: String,
    /// Byte range of the verb.
    pub verb_span: Range<usize>,
    /// An outlet the claim was relayed through (`RIA-Novosti` in `as cited by RIA-Novosti`).
    pub via: Option<String>,
}

/// The word diff of one group member against the group's pivot.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberDiff {
    /// The member.
    pub member: SentenceRef,
    /// The pivot's tokens.
    pub pivot_tokens: Vec<Token>,
    /// The member's tokens.
    pub member_tokens: Vec<Token>,
    /// Edits turning the pivot's tokens into the member's.
    pub edits: Vec<Edit>,
    /// The flat view: the member's tokens with the pivot's deleted words interleaved.
    pub tokens: Vec<DiffToken>,
    /// Share of tokens the two sentences have in common (0–1).
    pub ratio: f64,
    /// Framing tags of this member against the pivot.
    pub tags: Vec<FramingTag>,
    /// Set when the diff's budget ran out and a coarser diff was used; says what happened.
    pub fallback: Option<String>,
}

/// The diff of one claim group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDiff {
    /// The group's id ([`ClaimGroup::id`]).
    pub group: usize,
    /// The sentence the others were diffed against.
    pub pivot: SentenceRef,
    /// One diff per member other than the pivot, in the group's member order.
    pub members: Vec<MemberDiff>,
    /// The attribution of every member, the pivot included, in member order.
    pub attributions: Vec<(SentenceRef, Option<Attribution>)>,
    /// Tags that concern the group as a whole: number and date conflicts between any two
    /// members, and reuse between members.
    pub tags: Vec<FramingTag>,
}

/// Where a claim stands in an outlet's article.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimPosition {
    /// The claim group.
    pub group: usize,
    /// The sentence of this outlet in that group.
    pub sentence: usize,
    /// Rank of the sentence in the article, from 1.
    pub rank: usize,
    /// The sentence is in the lede (the first two sentences).
    pub lede: bool,
    /// The article's title states the claim too (most of the title's content words are in
    /// the sentence).
    pub title: bool,
}

/// How one outlet covered the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct OutletProfile {
    /// Index into the comparison's sources.
    pub source: usize,
    /// The outlet's display name.
    pub outlet: String,
    /// Number of claim groups this outlet has a sentence in.
    pub claims_covered: usize,
    /// Sentences of this outlet in no group: claims only it reports.
    pub claims_only_here: Vec<usize>,
    /// Groups reported by most other outlets that this one leaves out.
    pub claims_omitted: Vec<usize>,
    /// Where each covered claim stands in the article.
    pub positions: Vec<ClaimPosition>,
    /// Tags on differences this outlet takes part in (as member or counterpart), by kind.
    pub tag_counts: BTreeMap<TagKind, usize>,
    /// Attribution verbs (dictionary form) used, with their counts.
    pub attribution_verbs: BTreeMap<String, usize>,
    /// Sentences of this outlet with an attribution, out of [`OutletProfile::sentences`].
    pub attributed_sentences: usize,
    /// Number of body sentences.
    pub sentences: usize,
    /// Sentences that repeat another outlet's sentence word for word or nearly: (this
    /// outlet's sentence, the other sentence).
    pub reuse: Vec<(usize, SentenceRef)>,
}
