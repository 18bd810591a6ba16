//! What every HTML page claimdiff writes shares: a Content-Security-Policy that allows
//! exactly its own inline style and script (by hash) and nothing else, and the cleaning of
//! untrusted text before the templates escape it.

use std::borrow::Cow;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::render::escape::sanitize_for_terminal;

/// The policy of a self-contained page: no source at all but the inline `style` and, when
/// given, the inline `script`, each named by its hash.
pub(crate) fn content_security_policy(style: &str, script: Option<&str>) -> String {
    let script = script.map_or_else(
        || "'none'".to_string(),
        |script| format!("'{}'", sha256_source(script)),
    );
    format!(
        "default-src 'none'; script-src {script}; style-src '{}'; base-uri 'none'; form-action 'none'",
        sha256_source(style)
    )
}

/// The CSP source expression of an inline element's exact text.
pub(crate) fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Untrusted text as shown: control characters, terminal escape sequences and
/// bidirectional overrides removed (they are noise, or deception, in a page too). The
/// templates escape the rest.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    sanitize_for_terminal(text)
}
