//! Untrusted article text made safe at the last step before output.

use std::borrow::Cow;

/// Removes terminal control sequences and control characters from `text`.
///
/// Article text is untrusted: an ESC sequence could recolour the terminal, move the cursor,
/// set the window title or plant a hyperlink (OSC 8). Whole sequences are removed (CSI, OSC,
/// DCS/PM/APC strings, two-byte escapes), as are other C0/C1 controls, DEL and the Unicode
/// bidirectional overrides that can make text display in a different order than it reads.
/// Tabs and line breaks become spaces. Clean text is borrowed, not copied.
pub fn sanitize_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_sanitizing) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI and OSC/DCS/PM/APC introducers.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\t' | '\n' | '\r' => out.push(' '),
            c if needs_sanitizing(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_sanitizing(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']') | Some('P') | Some('^') | Some('_') | Some('X') => skip_string(chars),
        // Two-byte escapes (ESC c, ESC 7, …) and a lone ESC at the end.
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in `@`..=`~`.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
        if !(' '..='?').contains(&c) {
            break;
        }
    }
}

/// OSC and friends: everything up to BEL, ST (ESC \) or C1 ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> Cow<'_, str> {
    if !text.contains(['<', '>', '&', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize_for_terminal("Lavrov said “no”."),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn colour_and_cursor_sequences_are_removed() {
        assert_eq!(
            sanitize_for_terminal("a\u{1b}[31mred\u{1b}[0m\u{1b}[2J b"),
            "ared b"
        );
    }

    #[test]
    fn osc8_hyperlinks_and_titles_are_removed() {
        let text = "see \u{1b}]8;;http://evil.example\u{1b}\\here\u{1b}]8;;\u{1b}\\ and \u{1b}]0;title\u{7}done";
        assert_eq!(sanitize_for_terminal(text), "see here and done");
    }

    #[test]
    fn bell_c1_and_bidi_overrides_are_removed() {
        assert_eq!(
            sanitize_for_terminal("x\u{7}\u{9b}1mz\u{202e}abc\u{2066}"),
            "xzabc"
        );
    }

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
