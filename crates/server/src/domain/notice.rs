//! A message from the outbox as each channel shows it: an e-mail's plain-text and HTML parts,
//! and a Slack Block Kit payload. Everything a person wrote is escaped for the channel, and an
//! announcement's Markdown goes through the same sanitizer as in the portal.

use portico_api::notifications::Category;
use serde_json::{Value, json};

use crate::domain::markdown::{escape, to_safe_html};
use crate::domain::token::{self, TokenHasher};

const UNSUBSCRIBE_PURPOSE: &str = "unsubscribe";

/// The query of a user's unsubscribe links for one category; signed, so nobody can turn off
/// someone else's e-mail. People open `/unsubscribe?…` (a page that asks first); mail clients
/// post to `/api/unsubscribe?…` (one click, RFC 8058).
pub fn unsubscribe_query(tokens: &TokenHasher, user_id: i64, category: Category) -> String {
    let sig = tokens.hash(
        UNSUBSCRIBE_PURPOSE,
        &format!("{user_id}:{}", category.as_str()),
    );
    format!("user={user_id}&category={}&sig={sig}", category.as_str())
}

pub fn unsubscribe_signed(tokens: &TokenHasher, user_id: i64, category: &str, sig: &str) -> bool {
    let expected = tokens.hash(UNSUBSCRIBE_PURPOSE, &format!("{user_id}:{category}"));
    token::same(&expected, sig)
}

/// What to show, with links already absolute.
pub struct Notice<'a> {
    pub category: Category,
    pub subject: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
    /// Present on e-mails to a user in a category they can turn off: the page that does it.
    pub unsubscribe: Option<&'a str>,
}

impl Notice<'_> {
    /// Announcements are written in Markdown; every other body is plain text.
    fn body_html(&self) -> String {
        if self.category == Category::Announcement {
            to_safe_html(self.body)
        } else {
            self.body
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
                .collect()
        }
    }

    fn link_label(&self) -> &'static str {
        match self.category {
            Category::Announcement => "Read it in Portico",
            Category::RegistrationDecision
            | Category::ProtectionReminder
            | Category::ApprovalSla => "Open the registration",
            Category::SignInLink => "Sign in to Portico",
            Category::Invitation => "Accept the invitation",
            Category::AccountSecurity => "Review your account security",
            Category::TierChange => "See the tier",
            Category::CertificationExpiry => "See your certifications",
            Category::EarningQuestion => "Answer the question",
        }
    }

    fn footer(&self) -> &'static str {
        match self.category {
            Category::SignInLink => {
                "The link works once, for 15 minutes. If you did not ask for it, ignore this e-mail."
            }
            Category::Invitation => "The invitation works for 7 days.",
            Category::AccountSecurity => {
                "If this was not you, sign in with a sign-in link, set a new password and tell \
                 your partner manager."
            }
            _ => "You get this from your partner program's portal.",
        }
    }

    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n{}\n", self.subject, self.body.trim_end());
        if let Some(link) = self.link {
            out.push_str(&format!("\n{}: {link}\n", self.link_label()));
        }
        out.push_str(&format!("\n-- \n{}\n", self.footer()));
        if let Some(url) = self.unsubscribe {
            out.push_str(&format!(
                "Stop these e-mails ({}): {url}\n",
                self.category.label()
            ));
        }
        out
    }

    pub fn html(&self) -> String {
        let button = self.link.map_or_else(String::new, |link| {
            format!(
                "<p><a href=\"{}\" style=\"display:inline-block;padding:10px 16px;\
                 background:#1d4ed8;color:#fff;text-decoration:none;border-radius:6px\">{}</a></p>",
                escape(link),
                self.link_label()
            )
        });
        let unsubscribe = self.unsubscribe.map_or_else(String::new, |url| {
            format!(
                "<br><a href=\"{}\">Stop these e-mails ({})</a>",
                escape(url),
                self.category.label()
            )
        });
        format!(
            "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;\
             max-width:600px;margin:auto;color:#111\"><h1 style=\"font-size:20px\">{}</h1>\
             {}{button}<p style=\"color:#555;font-size:13px\">{}{unsubscribe}</p></body></html>",
            escape(self.subject),
            self.body_html(),
            self.footer()
        )
    }

    /// The Slack incoming-webhook payload: a header, the body, and a button into the portal.
    pub fn slack(&self) -> Value {
        let mut blocks = vec![
            json!({"type": "header", "text": {"type": "plain_text", "text": clip(self.subject, 150)}}),
            json!({"type": "section", "text": {"type": "mrkdwn", "text": clip(&slack_escape(self.body), 3000)}}),
        ];
        if let Some(link) = self.link {
            blocks.push(json!({"type": "actions", "elements": [{
                "type": "button",
                "text": {"type": "plain_text", "text": self.link_label()},
                "url": link,
            }]}));
        }
        json!({"text": self.subject, "blocks": blocks})
    }
}

/// Slack reads `&`, `<` and `>` as its own markup; escaped, a partner's text is only text.
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Slack refuses blocks over their limits, so long text is cut with an ellipsis.
fn clip(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max_chars - 1).collect();
    clipped.push('…');
    clipped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(category: Category, body: &'static str) -> Notice<'static> {
        Notice {
            category,
            subject: "REG-7 <approved>",
            body,
            link: Some("https://portal.example/registrations/7?a=1&b=2"),
            unsubscribe: Some("https://portal.example/unsubscribe?user=1"),
        }
    }

    #[test]
    fn unsubscribe_links_are_signed_per_user_and_category() {
        let tokens = TokenHasher::new("k".repeat(32).as_str());
        let query = unsubscribe_query(&tokens, 7, Category::Announcement);
        let sig = query.rsplit("sig=").next().unwrap();
        assert!(query.starts_with("user=7&category=announcement&sig="));
        assert!(unsubscribe_signed(&tokens, 7, "announcement", sig));
        assert!(!unsubscribe_signed(&tokens, 8, "announcement", sig));
        assert!(!unsubscribe_signed(&tokens, 7, "protection_reminder", sig));
    }

    #[test]
    fn html_escapes_what_people_wrote() {
        let html = notice(Category::RegistrationDecision, "<script>x</script>\n\nok").html();
        assert!(html.contains("REG-7 &lt;approved&gt;"));
        assert!(html.contains("<p>&lt;script&gt;x&lt;/script&gt;</p><p>ok</p>"));
        assert!(html.contains("registrations/7?a=1&amp;b=2"));
        assert!(html.contains("Stop these e-mails (Registration decisions)"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn announcements_render_sanitized_markdown() {
        let html = notice(
            Category::Announcement,
            "**New** tiers <img src=x onerror=y>",
        )
        .html();
        assert!(html.contains("<strong>New</strong>"));
        assert!(!html.contains("onerror"));
    }

    #[test]
    fn text_has_the_link_and_the_way_out() {
        let text = notice(Category::ProtectionReminder, "Expires in 7 days.").text();
        assert!(text.starts_with("REG-7 <approved>\n\nExpires in 7 days.\n"));
        assert!(text.contains("Open the registration: https://portal.example/registrations/7"));
        assert!(text.contains("Stop these e-mails (Protection reminders): https://"));
    }

    #[test]
    fn slack_blocks_escape_and_clip() {
        let long = "x".repeat(4000);
        let body: &'static str = Box::leak(format!("<!channel> & {long}").into_boxed_str());
        let payload = notice(Category::RegistrationDecision, body).slack();
        let section = payload["blocks"][1]["text"]["text"].as_str().unwrap();
        assert!(section.starts_with("&lt;!channel&gt; &amp; x"));
        assert_eq!(section.chars().count(), 3000);
        assert_eq!(
            payload["blocks"][2]["elements"][0]["url"],
            "https://portal.example/registrations/7?a=1&b=2"
        );
        assert_eq!(payload["text"], "REG-7 <approved>");
    }
}
