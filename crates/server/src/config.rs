//! Command-line flags (each with an environment variable) and what they resolve to.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use portico_api::Role;

use crate::domain::proxies::TrustedProxies;
use crate::domain::sepa::Debtor;

#[derive(Debug, Parser)]
#[command(
    name = "portico",
    version,
    about = "Portico partner portal server",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage user accounts from the command line (e.g. to create the first administrator).
    #[command(subcommand)]
    User(UserCommand),
    /// Add made-up accounts and live registrations in bulk, for capacity and load runs.
    /// Start the server once with --demo first: the registrations go to its organizations.
    LoadData(LoadDataArgs),
}

#[derive(Debug, Args)]
pub struct LoadDataArgs {
    /// Accounts to add to the account book.
    #[arg(long, default_value_t = 0)]
    pub accounts: usize,
    /// Live registrations to add: half pending, half approved and protected.
    #[arg(long, default_value_t = 0)]
    pub registrations: usize,
    /// Partner organizations to add, named `Load Partner 00042`.
    #[arg(long, default_value_t = 0)]
    pub organizations: usize,
    /// Deals to add to the pipeline, in every stage, spread over all organizations.
    #[arg(long, default_value_t = 0)]
    pub opportunities: usize,
    /// Published assets to add to the content hub (external links with generated text).
    #[arg(long, default_value_t = 0)]
    pub assets: usize,
    /// Announcements published to every partner organization, with read receipts.
    #[arg(long, default_value_t = 0)]
    pub announcements: usize,
    /// Also add one published video of this many MiB, for download runs; prints its id.
    #[arg(long)]
    pub large_file_mb: Option<usize>,
    /// Where the server keeps uploaded files (as its --storage); needed with --large-file-mb.
    #[arg(long, env = "PORTICO_STORAGE")]
    pub storage: Option<String>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user. The password is read from standard input with --password-stdin, or
    /// generated and printed once.
    Create(CreateUserArgs),
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub email: String,
    #[arg(long, value_parser = parse_role)]
    pub role: Role,
    /// Display name; defaults to the part of the e-mail address before the @.
    #[arg(long)]
    pub name: Option<String>,
    /// The partner organization's exact name (partner roles only).
    #[arg(long)]
    pub organization: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// sqlite://path/to/file.db or postgres://user:password@host/database
    #[arg(
        long,
        env = "PORTICO_DATABASE_URL",
        default_value = "sqlite://./data/portico.db"
    )]
    pub database_url: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PORTICO_BIND", default_value = "127.0.0.1:3000")]
    pub bind: std::net::SocketAddr,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Directory of the built SPA (Trunk's dist/); defaults to ./dist when it exists.
    #[arg(long, env = "PORTICO_DIST")]
    pub dist: Option<PathBuf>,
    /// Where uploaded files are kept: a directory, or `s3://bucket/prefix` for S3-compatible
    /// object storage (credentials, region and `AWS_ENDPOINT` from the usual `AWS_*` variables).
    /// Defaults to `files/` in the data directory.
    #[arg(long, env = "PORTICO_STORAGE")]
    pub storage: Option<String>,
    /// Seed demo data when the database is empty.
    #[arg(long, env = "PORTICO_DEMO")]
    pub demo: bool,
    /// Key for hashing session and invitation tokens and for encrypting integration and webhook
    /// secrets; at least 32 characters. All instances of one portal must share it. Generated
    /// and kept in the data directory when absent.
    #[arg(long, env = "PORTICO_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// The URL people use to reach the portal (links in invitations; `https://` makes the
    /// session cookie Secure). Defaults to http://<bind>.
    #[arg(long, env = "PORTICO_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For
    /// names the client, e.g. a load balancer's subnet. Without it the header is ignored.
    #[arg(long, env = "PORTICO_TRUSTED_PROXIES", value_parser = TrustedProxies::parse, default_value = "")]
    pub trusted_proxies: TrustedProxies,
    /// Hours managers have to decide a registration before it is flagged as late.
    #[arg(long, env = "PORTICO_APPROVAL_SLA_HOURS", default_value_t = 48,
        value_parser = clap::value_parser!(i64).range(1..=24 * 90))]
    pub approval_sla_hours: i64,
    /// Registrations one partner organization may submit per hour; the limit keeps the
    /// conflict check from being used to probe for other partners' customers.
    #[arg(long, env = "PORTICO_SUBMISSIONS_PER_HOUR", default_value_t = 60,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub submissions_per_hour: u32,
    /// Days an approval protects the partner: a default and per-motion overrides,
    /// e.g. `90,reseller=120`.
    #[arg(long, env = "PORTICO_PROTECTION_DAYS", default_value = "90")]
    pub protection_days: String,
    /// The SMTP server e-mail goes through: `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), `smtps://user:password@host:465` (TLS from the start), or `smtp://host:25`
    /// for a local relay without TLS. Without it, e-mail is written to `mailbox/` in the data directory and
    /// listed for administrators in the portal.
    #[arg(long, env = "PORTICO_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of every e-mail, e.g. `Acme Partners <partners@acme.example>`. Defaults to
    /// portico@ the public URL's host.
    #[arg(long, env = "PORTICO_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// For local development and tests only: let webhook endpoints and Slack channels use
    /// plain http and private, link-local or loopback addresses. Without it, the server sends
    /// only https requests to public addresses.
    #[arg(long, env = "PORTICO_OUTBOUND_ALLOW_PRIVATE")]
    pub outbound_allow_private: bool,
    /// The account partner payouts leave from, for the SEPA transfer files of payout batches:
    /// `holder name;IBAN;BIC`. Without it, batches are exported as CSV only.
    #[arg(long, env = "PORTICO_SEPA_DEBTOR", value_parser = Debtor::parse)]
    pub sepa_debtor: Option<Debtor>,
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "one of partner_user, partner_admin, manager, admin".to_owned())
}

pub const SECRET_KEY_MIN: usize = 32;

/// The configured key, or the one kept in `data_dir/secret.key`, created on first use.
pub fn secret_key(given: Option<String>, data_dir: &Path) -> std::io::Result<String> {
    if let Some(key) = given {
        if key.len() < SECRET_KEY_MIN {
            return Err(std::io::Error::other(format!(
                "PORTICO_SECRET_KEY must be at least {SECRET_KEY_MIN} characters"
            )));
        }
        return Ok(key);
    }
    let path = data_dir.join("secret.key");
    match std::fs::read_to_string(&path) {
        Ok(key) if key.trim().len() >= SECRET_KEY_MIN => Ok(key.trim().to_owned()),
        Ok(_) => Err(std::io::Error::other(format!(
            "{} is too short; delete it to regenerate",
            path.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(data_dir)?;
            let key = crate::domain::token::generate();
            write_private(&path, &key)?;
            tracing::info!(path = %path.display(), "generated a new secret key");
            Ok(key)
        }
        Err(e) => Err(e),
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}

/// `Portico <portico@host>` for the public URL's host.
pub fn default_sender(public_url: &str) -> String {
    let host = url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .filter(|h| h.contains('.') && h.parse::<std::net::IpAddr>().is_err())
        .unwrap_or_else(|| "localhost.localdomain".into());
    format!("Portico <portico@{host}>")
}

/// Where local state lives: beside the SQLite file, or ./data for PostgreSQL.
pub fn data_dir(database_url: &str) -> PathBuf {
    crate::store::sqlite_directory(database_url)
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("data"))
}
