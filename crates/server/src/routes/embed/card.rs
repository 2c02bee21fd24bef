//! The card's HTML: one small server-rendered page with its own CSS and no script, readable in
//! a 300 to 400 pixel wide CRM frame. Every value is escaped.

use crate::domain::markdown::escape;
use std::fmt::Write as _;
use std::sync::LazyLock;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// What a card says about one deal, ready to show.
pub struct Card {
    pub title: String,
    pub partner: String,
    pub tier: &'static str,
    pub motion: &'static str,
    pub registration: &'static str,
    /// E.g. "Protected until 2026-12-01 (38 days left)".
    pub protection: String,
    /// Whether the protection needs attention (expiring or expired).
    pub protection_warning: bool,
    /// E.g. "Sourced, 40 % attribution".
    pub role: Option<String>,
    /// The competing claim, for vendor staff.
    pub conflict: Option<String>,
    pub stage: Option<&'static str>,
    pub next_step: Option<String>,
    pub last_partner_activity: Option<String>,
    pub link: String,
}

const STYLE: &str = "\
body{margin:0;font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1c2430;background:#fff}\
main{padding:12px 14px;max-width:420px}\
h1{font-size:16px;margin:0 0 2px}\
.partner{margin:0 0 10px;color:#4a5565}\
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 10px;margin:0 0 10px}\
dt{color:#4a5565}dd{margin:0;font-weight:500;overflow-wrap:anywhere}\
.warn{color:#8a4b00}\
.conflict{border-left:3px solid #b42318;background:#fef3f2;padding:6px 8px;margin:0 0 10px}\
a{color:#1d4ed8}a:focus{outline:2px solid #1d4ed8;outline-offset:2px}\
.refused{color:#4a5565}";

/// The CSP hash of the one inline style, so the card needs no `'unsafe-inline'`.
pub static STYLE_HASH: LazyLock<String> = LazyLock::new(|| {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()))
    )
});

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{}</title><style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>",
        escape(title)
    )
}

pub fn page(card: &Card) -> String {
    let mut body = String::with_capacity(2048);
    let _ = write!(
        body,
        "<h1>{}</h1><p class=\"partner\">{} · {} · {}</p>",
        escape(&card.title),
        escape(&card.partner),
        card.tier,
        card.motion
    );
    if let Some(conflict) = &card.conflict {
        let _ = write!(
            body,
            "<p class=\"conflict\" role=\"note\"><strong>Conflict:</strong> {}</p>",
            escape(conflict)
        );
    }
    body.push_str("<dl>");
    let mut row = |term: &str, value: &str, class: &str| {
        let _ = write!(body, "<dt>{term}</dt><dd{class}>{}</dd>", escape(value));
    };
    row("Registration", card.registration, "");
    let warn = if card.protection_warning {
        " class=\"warn\""
    } else {
        ""
    };
    row("Protection", &card.protection, warn);
    if let Some(role) = &card.role {
        row("Partner role", role, "");
    }
    if let Some(stage) = card.stage {
        row("Stage", stage, "");
    }
    if let Some(next) = &card.next_step {
        row("Next step", next, "");
    }
    row(
        "Last partner activity",
        card.last_partner_activity.as_deref().unwrap_or("None yet"),
        "",
    );
    body.push_str("</dl>");
    let _ = write!(
        body,
        "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">Open in Portico</a>",
        escape(&card.link)
    );
    document(&card.title, &body)
}

/// A page that shows no data: the link is wrong, expired, or names nothing.
pub fn refusal(message: &str) -> String {
    document(
        "Portico card",
        &format!(
            "<p class=\"refused\" role=\"alert\">{}</p>",
            escape(message)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> Card {
        Card {
            title: "Initech <script>".into(),
            partner: "Northwind & Co".into(),
            tier: "Gold",
            motion: "Reseller",
            registration: "Approved",
            protection: "Protected until 2026-12-01 (38 days left)".into(),
            protection_warning: false,
            role: Some("Sourced, 40 % attribution".into()),
            conflict: Some("same domain as R-1 by \"Globex\"".into()),
            stage: Some("Proposal"),
            next_step: None,
            last_partner_activity: None,
            link: "https://p.example/opportunities/1?a=1&b=2".into(),
        }
    }

    #[test]
    fn escapes_every_value_and_stays_small() {
        let html = page(&card());
        assert!(html.contains("Initech &lt;script&gt;"));
        assert!(html.contains("Northwind &amp; Co"));
        assert!(html.contains("&quot;Globex&quot;"));
        assert!(html.contains("?a=1&amp;b=2"));
        assert!(!html.contains("<script"));
        assert!(html.len() < 4_000, "{}", html.len());
    }

    #[test]
    fn refusals_show_only_the_message() {
        let html = refusal("This card link has expired.");
        assert!(html.contains("role=\"alert\">This card link has expired.</p>"));
        assert!(!html.contains("<dl>"));
    }
}
