//! Where e-mail goes: the configured SMTP server, or, when there is none, `.eml` files in the
//! mailbox directory, which administrators read in the portal.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use portico_api::notifications::{MailboxEntry, MailboxMessage};

use crate::clock::rfc3339;
use crate::domain::notice::Notice;

const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Mailbox(PathBuf),
}

/// Sends e-mail; cheap to clone, one per process.
#[derive(Clone)]
pub struct Mailer {
    transport: Arc<Transport>,
    from: Mailbox,
}

/// One e-mail to send: the notice, its address, and the id that makes a retry recognizable.
pub struct Email<'a> {
    pub to: &'a str,
    pub notice: Notice<'a>,
    /// Stable across attempts: the `Message-ID` and the mailbox file's name.
    pub id: &'a str,
    /// Where a mail client posts for one-click unsubscribe, with the notice's unsubscribe page.
    pub one_click_unsubscribe: Option<&'a str>,
}

impl Mailer {
    /// `smtp_url` as lettre reads it: `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtps://user:pass@host:465` (TLS from the start), or `smtp://host:25` for a local relay
    /// without TLS.
    pub fn new(smtp_url: Option<&str>, from: &str, mailbox: PathBuf) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("the sender address {from:?} is not valid: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("the SMTP URL is not valid: {e}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
            None => Transport::Mailbox(mailbox),
        };
        Ok(Mailer {
            transport: Arc::new(transport),
            from,
        })
    }

    /// The directory e-mail is written to when there is no SMTP server.
    pub fn mailbox(&self) -> Option<&Path> {
        match &*self.transport {
            Transport::Mailbox(dir) => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    pub async fn send(&self, email: &Email<'_>) -> Result<(), String> {
        let message = self.build(email)?;
        match &*self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(drop)
                .map_err(|e| format!("The SMTP server refused or failed: {e}")),
            Transport::Mailbox(dir) => write_to_mailbox(dir, email.id, &message.formatted())
                .await
                .map_err(|e| format!("Could not write to the mailbox: {e}")),
        }
    }

    fn build(&self, email: &Email<'_>) -> Result<Message, String> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| format!("The address {:?} is not valid: {e}", email.to))?;
        let domain = self.from.email.domain().to_owned();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.notice.subject)
            .message_id(Some(format!("<{}@{domain}>", email.id)));
        if let Some(url) = email.one_click_unsubscribe {
            // RFC 8058 one-click unsubscribe: mail clients POST to the link itself.
            builder = builder
                .raw_header(raw("List-Unsubscribe", format!("<{url}>")))
                .raw_header(raw(
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                email.notice.text(),
                email.notice.html(),
            ))
            .map_err(|e| format!("Could not build the e-mail: {e}"))
    }
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

/// Written under a temporary name and renamed, so a reader never sees half a message and a
/// retry replaces the file instead of adding a second one.
async fn write_to_mailbox(dir: &Path, id: &str, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let temporary = dir.join(format!(".{id}.tmp"));
    tokio::fs::write(&temporary, bytes).await?;
    tokio::fs::rename(&temporary, dir.join(format!("{id}.eml"))).await
}

/// The mailbox's messages, newest first.
pub async fn list_mailbox(dir: &Path, limit: usize) -> std::io::Result<Vec<MailboxEntry>> {
    let mut files = Vec::new();
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".eml") && !name.starts_with('.') {
            let modified = entry.metadata().await?.modified()?;
            files.push((modified, name));
        }
    }
    files.sort_by(|a, b| b.cmp(a));
    let mut listed = Vec::with_capacity(files.len().min(limit));
    for (modified, name) in files.into_iter().take(limit) {
        if let Some(message) = read_mailbox(dir, &name, modified).await? {
            listed.push(message.entry);
        }
    }
    Ok(listed)
}

/// One message by its file name; `None` for a name that is not a mailbox file.
pub async fn open_mailbox(dir: &Path, name: &str) -> std::io::Result<Option<MailboxMessage>> {
    if !is_mailbox_name(name) {
        return Ok(None);
    }
    let modified = match tokio::fs::metadata(dir.join(name)).await {
        Ok(meta) => meta.modified()?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    read_mailbox(dir, name, modified).await
}

/// Only names the mailbox itself writes, so a request cannot reach outside the directory.
fn is_mailbox_name(name: &str) -> bool {
    name.strip_suffix(".eml").is_some_and(|stem| {
        !stem.is_empty()
            && stem.len() <= 100
            && stem
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

async fn read_mailbox(
    dir: &Path,
    name: &str,
    modified: std::time::SystemTime,
) -> std::io::Result<Option<MailboxMessage>> {
    let bytes = tokio::fs::read(dir.join(name)).await?;
    let written_at = modified
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(parse(&bytes).map(|parsed| parsed.into_message(name, rfc3339(written_at))))
}

/// The parts of an e-mail the mailbox page and the tests read.
pub struct Parsed {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub headers: Vec<(String, String)>,
}

impl Parsed {
    fn into_message(self, name: &str, written_at: String) -> MailboxMessage {
        let links = links_in(&self.text);
        MailboxMessage {
            entry: MailboxEntry {
                name: name.to_owned(),
                to: self.to,
                subject: self.subject,
                written_at,
            },
            from: self.from,
            text: self.text,
            links,
        }
    }
}

/// Decodes an e-mail (any transfer encoding lettre chose).
pub fn parse(bytes: &[u8]) -> Option<Parsed> {
    let message = mail_parser::MessageParser::default().parse(bytes)?;
    let address = |a: Option<&mail_parser::Address>| {
        a.and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_owned()
    };
    Some(Parsed {
        from: address(message.from()),
        to: address(message.to()),
        subject: message.subject().unwrap_or_default().to_owned(),
        text: message.body_text(0).unwrap_or_default().into_owned(),
        html: message.body_html(0).unwrap_or_default().into_owned(),
        headers: message
            .headers_raw()
            .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
            .collect(),
    })
}

/// The http(s) links in plain text, in order.
pub fn links_in(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
        .map(|w| w.trim_end_matches(['.', ',', ')', '>']).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use portico_api::notifications::Category;

    #[tokio::test]
    async fn a_mailbox_message_reads_back_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::new(
            None,
            "Portico <portico@acme.example>",
            dir.path().to_path_buf(),
        )
        .unwrap();
        let link = format!("https://portal.example/sign-in/{}", "t".repeat(90));
        let email = Email {
            to: "alice@northwind.example",
            notice: Notice {
                category: Category::SignInLink,
                subject: "Your sign-in link — Portico",
                body: "Use this link to sign in.",
                link: Some(&link),
                unsubscribe: None,
            },
            id: "delivery-1",
            one_click_unsubscribe: None,
        };
        mailer.send(&email).await.unwrap();
        mailer.send(&email).await.unwrap();
        let listed = list_mailbox(dir.path(), 10).await.unwrap();
        assert_eq!(listed.len(), 1, "a retry replaces the file");
        assert_eq!(listed[0].name, "delivery-1.eml");
        assert_eq!(listed[0].to, "alice@northwind.example");
        assert_eq!(listed[0].subject, "Your sign-in link — Portico");
        let message = open_mailbox(dir.path(), "delivery-1.eml")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(message.links, vec![link]);
        assert_eq!(message.from, "portico@acme.example");
        assert!(
            open_mailbox(dir.path(), "../secret.key")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            open_mailbox(dir.path(), "nope.eml")
                .await
                .unwrap()
                .is_none()
        );
    }
}
