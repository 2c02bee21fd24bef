//! What the `portico` binary does for each command line.

use std::io::BufRead;

use portico_api::validate;

use crate::clock::{Clock, SystemClock};
use crate::config::{self, CreateUserArgs, LoadDataArgs, ServeArgs};
use crate::domain::membership::Membership;
use crate::domain::program::ProgramRules;
use crate::domain::{password, token};
use crate::outbound::TargetPolicy;
use crate::startup::{self, Settings};
use crate::store::audit::{self, AuditEntry};
use crate::store::sql;
use crate::store::users::{self, NewUser};
use crate::store::{Db, organizations};

pub async fn serve(args: ServeArgs) -> Result<(), String> {
    let url = args.database.database_url;
    let secret_key = config::secret_key(args.secret_key, &config::data_dir(&url))
        .map_err(|e| format!("secret key: {e}"))?;
    let dist = args.dist.or_else(crate::web::default_dist);
    match &dist {
        Some(d) if !d.join("index.html").is_file() => {
            return Err(format!(
                "{} has no index.html: build the SPA first (cargo xtask serve)",
                d.display()
            ));
        }
        Some(d) => tracing::info!(dist = %d.display(), "serving the SPA"),
        None => tracing::warn!("no built SPA found: serving the API only"),
    }
    let defaults = Settings::new(
        url,
        secret_key,
        args.public_url
            .unwrap_or_else(|| format!("http://{}", args.bind)),
    );
    let settings = Settings {
        dist,
        storage: args.storage.unwrap_or(defaults.storage.clone()),
        demo: args.demo,
        trusted_proxies: args.trusted_proxies,
        rules: ProgramRules {
            approval_sla_hours: args.approval_sla_hours,
            submissions_per_hour: args.submissions_per_hour as usize,
            ..ProgramRules::default()
        }
        .with_protection_days(&args.protection_days)
        .map_err(|e| format!("--protection-days: {e}"))?,
        smtp_url: args.smtp_url,
        mail_from: args.mail_from.unwrap_or(defaults.mail_from.clone()),
        outbound_policy: if args.outbound_allow_private {
            TargetPolicy::AllowPrivate
        } else {
            TargetPolicy::PublicOnly
        },
        sepa_debtor: args.sepa_debtor,
        ..defaults
    };
    let state = startup::prepare(&settings)
        .await
        .map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
    if settings.demo {
        print_demo_logins(&settings.public_url);
    }
    tracing::info!(url = %settings.public_url, engine = ?state.db.engine(), "portico is listening");
    if let Some(mailbox) = state.mailer.mailbox() {
        tracing::info!(mailbox = %mailbox.display(), "no SMTP server: e-mail is written to the mailbox");
    }
    let jobs = crate::jobs::spawn_all(state.clone());
    let app = startup::app(state.clone(), settings.dist.as_deref());
    startup::serve(listener, app, startup::shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    for job in jobs {
        job.abort();
    }
    state.db.close().await;
    Ok(())
}

fn print_demo_logins(url: &str) {
    println!(
        "\nPortico is running at {url}\nDemo sign-ins (password: {}):",
        crate::demo::PASSWORD
    );
    for (email, role) in crate::demo::LOGINS {
        println!("  {email:<32} {role}");
    }
    println!();
}

pub async fn load_data(args: LoadDataArgs) -> Result<(), String> {
    let db = Db::open(&args.database.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let volume = crate::demo::volume::Volume {
        accounts: args.accounts,
        registrations: args.registrations,
        organizations: args.organizations,
        opportunities: args.opportunities,
    };
    let now = SystemClock.now();
    crate::demo::volume::load(&db, volume, now)
        .await
        .map_err(|e| format!("loading data: {e}"))?;
    let (last_before,): (i64,) = sql::query_as("SELECT COALESCE(MAX(id), 0) FROM assets")
        .fetch_one(db.pool())
        .await
        .map_err(|e| format!("reading the assets: {e}"))?;
    crate::demo::asset_volume::load(&db, args.assets, now)
        .await
        .map_err(|e| format!("loading assets: {e}"))?;
    crate::demo::announcement_volume::load(&db, args.announcements, now)
        .await
        .map_err(|e| format!("loading announcements: {e}"))?;
    println!(
        "added {} accounts, {} organizations, {} registrations, {} deals, {} assets and {} \
         announcements in {:.1} s",
        args.accounts,
        args.organizations,
        args.registrations,
        args.opportunities,
        args.assets,
        args.announcements,
        started.elapsed().as_secs_f64()
    );
    if args.assets > 0 {
        // Load runs address the added assets by id.
        println!("first added asset: {}", last_before + 1);
    }
    if let Some(megabytes) = args.large_file_mb {
        let storage = args.storage.unwrap_or_else(|| {
            let dir = config::data_dir(&args.database.database_url).join("files");
            dir.display().to_string()
        });
        let blobs = crate::blobs::Blobs::open(&storage).map_err(|e| e.to_string())?;
        let id = crate::demo::asset_volume::large_file(&db, &blobs, megabytes, now)
            .await
            .map_err(|e| format!("adding the large file: {e}"))?;
        println!("large file asset: {id}");
    }
    db.close().await;
    Ok(())
}

pub async fn create_user(args: CreateUserArgs) -> Result<(), String> {
    let email = validate::email(&args.email).map_err(|m| format!("--email: {m}"))?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_owned());
    let name = validate::person_name(&name).map_err(|m| format!("--name: {m}"))?;
    let (password, generated) = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (token::generate(), true)
    };
    password::check_new(&password).map_err(|m| format!("password: {m}"))?;

    let db = Db::open(&args.database.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let organization_id = match &args.organization {
        Some(org) => Some(
            organizations::id_by_name(db.pool(), org)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no organization is named {org:?}"))?,
        ),
        None => None,
    };
    let membership = Membership::new(args.role, organization_id).map_err(|e| e.to_string())?;
    let password_hash = password::hash(&password);
    let now = SystemClock.now();
    let mut tx = db.begin_write().await.map_err(|e| e.to_string())?;
    if users::email_taken(&mut *tx, &email)
        .await
        .map_err(|e| e.to_string())?
    {
        return Err(format!("{email} already has an account"));
    }
    let new = NewUser {
        email: &email,
        name: &name,
        membership,
        password_hash: &password_hash,
    };
    let id = users::insert(&mut *tx, &new, now)
        .await
        .map_err(|e| e.to_string())?;
    let entry = AuditEntry {
        organization_id,
        after: audit::state(
            &serde_json::json!({ "email": email, "name": name, "role": args.role }),
        ),
        rationale: Some("created from the command line".to_owned()),
        ..AuditEntry::new(None, "user.created", "user", Some(id))
    };
    audit::record(&mut *tx, &entry, now)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    db.close().await;
    println!("Created {} {email} (id {id}).", args.role.as_str());
    if generated {
        println!("Password (shown once): {password}");
    }
    Ok(())
}
