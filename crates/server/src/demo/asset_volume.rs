//! A content library in bulk for capacity runs: published link assets with generated titles,
//! summaries and bodies over a business vocabulary, tagged across kinds, motions, industries
//! and use cases, so search and facets do the work they do on a real library.

use portico_api::assets::{AssetKind, AssetMetadata, AssetState, Audience};
use portico_api::organizations::Motion;
use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};

use super::volume::{DAY, ROWS_PER_INSERT, next_id};
use crate::blobs::Blobs;
use crate::clock::Timestamp;
use crate::domain::markdown::to_safe_html;
use crate::store::StoreError;
use crate::store::conditions::{Conditions, SortKey};
use crate::store::sql::{self, Conn};
use crate::store::{Db, Engine, assets};

const WORDS: [&str; 96] = [
    "pipeline",
    "renewal",
    "migration",
    "security",
    "compliance",
    "analytics",
    "dashboard",
    "integration",
    "onboarding",
    "pricing",
    "discount",
    "forecast",
    "quota",
    "territory",
    "partner",
    "customer",
    "champion",
    "procurement",
    "contract",
    "proposal",
    "demo",
    "trial",
    "workshop",
    "architecture",
    "deployment",
    "cloud",
    "data",
    "warehouse",
    "governance",
    "audit",
    "encryption",
    "identity",
    "access",
    "latency",
    "uptime",
    "support",
    "escalation",
    "roadmap",
    "release",
    "feature",
    "workflow",
    "automation",
    "reporting",
    "insight",
    "retention",
    "churn",
    "expansion",
    "upsell",
    "bundle",
    "license",
    "subscription",
    "marketplace",
    "listing",
    "offer",
    "billing",
    "invoice",
    "payment",
    "budget",
    "approval",
    "stakeholder",
    "executive",
    "sponsor",
    "objection",
    "competitor",
    "positioning",
    "value",
    "outcome",
    "benchmark",
    "scalability",
    "resilience",
    "backup",
    "recovery",
    "region",
    "residency",
    "privacy",
    "consent",
    "training",
    "certification",
    "enablement",
    "playbook",
    "messaging",
    "campaign",
    "event",
    "webinar",
    "referral",
    "reseller",
    "integrator",
    "consultant",
    "implementation",
    "handoff",
    "adoption",
    "usage",
    "telemetry",
    "alerting",
    "capacity",
    "optimization",
];
const INDUSTRIES: [&str; 12] = [
    "Financial services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Public sector",
    "Logistics",
    "Energy",
    "Education",
    "Media",
    "Telecommunications",
    "Insurance",
    "Cross-industry",
];
const USE_CASES: [&str; 10] = [
    "First meeting",
    "Competitive deal",
    "Business case",
    "Security review",
    "Quoting",
    "Procurement",
    "Onboarding",
    "Technical design",
    "Proof of value",
    "Account planning",
];

struct Generated {
    kind: AssetKind,
    title: String,
    summary: String,
    body: String,
    motions: Vec<Motion>,
    industries: Vec<&'static str>,
    use_cases: Vec<&'static str>,
    tiers: &'static str,
}

fn words(rng: &mut StdRng, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.random_range(0..WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Body text as real prose has it: mostly words from a long tail (made of syllables, the
/// common ones far more often than the rare), with one word in seven from the business
/// vocabulary, so each business word is in about one body in six, not in all of them.
fn prose(rng: &mut StdRng, n: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ber", "dal", "fen", "gor", "hul", "jen",
        "kir", "lan", "mor", "nis", "pel", "quo", "ris", "sel", "tam", "wex",
    ];
    (0..n)
        .map(|_| {
            if rng.random_ratio(1, 7) {
                return WORDS[rng.random_range(0..WORDS.len())].to_owned();
            }
            // Squaring a uniform draw makes low ranks common: a Zipf-like spread.
            let rank = (rng.random::<f64>().powi(2) * 13_824.0) as usize;
            let [a, b, c] = [rank % 24, rank / 24 % 24, rank / 576 % 24];
            format!("{}{}{}", SYLLABLES[a], SYLLABLES[b], SYLLABLES[c])
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn generate(rng: &mut StdRng, i: usize) -> Generated {
    let kind = AssetKind::ALL[i % AssetKind::ALL.len()];
    let industry = INDUSTRIES[rng.random_range(0..INDUSTRIES.len())];
    let mut title = format!("{} {} for {industry}", kind.label(), words(rng, 3));
    if let Some(first) = title.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    let paragraphs: Vec<String> = (0..4).map(|_| prose(rng, 30)).collect();
    Generated {
        kind,
        title,
        summary: prose(rng, 18),
        body: paragraphs.join("\n\n"),
        motions: vec![Motion::ALL[i % 5], Motion::ALL[(i / 5) % 5]],
        industries: vec![industry],
        use_cases: vec![USE_CASES[rng.random_range(0..USE_CASES.len())]],
        // One in five is for gold and platinum partners only.
        tiers: if i.is_multiple_of(5) {
            ",gold,platinum,"
        } else {
            ""
        },
    }
}

/// Adds `count` published link assets by the first manager, in one transaction.
pub async fn load(db: &Db, count: usize, now: Timestamp) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    let author = author(&mut tx).await?;
    let first = next_id(&mut tx, "assets").await?;
    let mut rng = StdRng::seed_from_u64(4);
    let assets: Vec<Generated> = (0..count).map(|i| generate(&mut rng, i)).collect();
    for (n, chunk) in assets.chunks(ROWS_PER_INSERT).enumerate() {
        let id = first + (n * ROWS_PER_INSERT) as i64;
        insert(&mut tx, id, chunk, author, now).await?;
    }
    assets::recount_facets(&mut tx).await?;
    if db.engine() == Engine::Postgres {
        sql::query(
            "SELECT setval(pg_get_serial_sequence('assets', 'id'), \
             (SELECT COALESCE(MAX(id), 1) FROM assets))",
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// The first manager, who is named as the author of bulk assets.
async fn author(conn: &mut Conn) -> Result<i64, StoreError> {
    let author: Option<i64> =
        sql::query_scalar("SELECT MIN(id) FROM users WHERE role IN ('manager', 'admin')")
            .fetch_one(conn)
            .await?;
    Ok(author.ok_or_else(|| {
        sqlx::Error::Protocol("assets need a manager: start the server with --demo first".into())
    })?)
}

async fn insert(
    conn: &mut Conn,
    first_id: i64,
    chunk: &[Generated],
    author: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    use SortKey::{Number, Text};
    let mut values = Conditions::default();
    let mut assets = Vec::new();
    let mut tags = Vec::new();
    for (i, a) in chunk.iter().enumerate() {
        let id = first_id + i as i64;
        let at = now - (id % 720) * DAY / 2;
        let motions: Vec<&str> = a.motions.iter().map(|m| m.as_str()).collect();
        let row = [
            Number(id),
            Text(a.kind.as_str().into()),
            Text(a.title.clone()),
            Text(a.summary.clone()),
            Text(a.body.clone()),
            Text(to_safe_html(&a.body)),
            Text(motions.join("\n")),
            Text(a.industries.join("\n")),
            Text(a.use_cases.join("\n")),
            Text(a.tiers.into()),
            Text(format!("https://videos.example.com/library/{id}")),
            Number(author),
            Number(at),
            Number(id % 97),
        ];
        let marks: Vec<String> = row.into_iter().map(|v| values.bind(v)).collect();
        let [text @ .., link, author, at, uses] = &marks[..] else {
            unreachable!("a row has 14 values")
        };
        assets.push(format!(
            "({}, 'published', 'en', '', '', {link}, {author}, {at}, {at}, {at}, {uses})",
            text.join(", ")
        ));
        let mut seen = Vec::new();
        let facets = std::iter::once(("kind", a.kind.as_str()));
        let facets = facets.chain(a.motions.iter().map(|m| ("motion", m.as_str())));
        let facets = facets
            .chain(a.industries.iter().map(|v| ("industry", *v)))
            .chain(a.use_cases.iter().map(|v| ("use_case", *v)));
        for (facet, value) in facets {
            if !seen.contains(&(facet, value)) {
                seen.push((facet, value));
                tags.push(format!(
                    "({id}, '{facet}', '{}')",
                    value.replace('\'', "''")
                ));
            }
        }
    }
    let sql = format!(
        "INSERT INTO assets (id, kind, title, summary, body, body_html, motions, industries, \
         use_cases, audience_tiers, state, language, audience_motions, audience_certification, \
         link, created_by, \
         created_at, updated_at, published_at, use_count) VALUES {}",
        assets.join(", ")
    );
    sql::query(sqlx::AssertSqlSafe(sql))
        .bind_all(values.arguments())
        .execute(&mut *conn)
        .await?;
    let sql = format!(
        "INSERT INTO asset_tags (asset_id, facet, value) VALUES {}",
        tags.join(", ")
    );
    sql::query(sqlx::AssertSqlSafe(sql)).execute(conn).await?;
    Ok(())
}

/// A published video of `megabytes` MiB, streamed into storage as an upload would be, for
/// download runs; returns its id. The bytes after the MP4 header are pseudo-random, so nothing
/// on the way can compress them.
pub async fn large_file(
    db: &Db,
    blobs: &Blobs,
    megabytes: usize,
    now: Timestamp,
) -> Result<i64, StoreError> {
    const MIB: usize = 1024 * 1024;
    let mut rng = StdRng::seed_from_u64(5);
    let chunks = (0..megabytes).map(move |i| {
        let mut chunk = vec![0u8; MIB];
        rng.fill_bytes(&mut chunk);
        if i == 0 {
            chunk[..24].copy_from_slice(b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom");
        }
        Ok(bytes::Bytes::from(chunk))
    });
    let file = blobs
        .receive(
            futures_util::stream::iter(chunks),
            "load-video.mp4",
            u64::MAX,
        )
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("storing the large file: {e}")))?;
    let metadata = AssetMetadata {
        title: format!("Load video ({megabytes} MB)"),
        summary: "A large file for download runs.".into(),
        body: String::new(),
        kind: AssetKind::Other,
        motions: Vec::new(),
        industries: Vec::new(),
        use_cases: Vec::new(),
        language: "en".into(),
        audience: Audience::default(),
        link: None,
    }
    .validate()
    .map_err(|e| sqlx::Error::Protocol(format!("{e:?}")))?;
    let mut tx = db.begin_write().await?;
    let author = author(&mut tx).await?;
    let id = assets::insert(&mut tx, &metadata, "", author, now).await?;
    assets::add_version(&mut tx, id, &file, author, now).await?;
    assets::set_state(&mut tx, id, AssetState::Published, now).await?;
    tx.commit().await?;
    Ok(id)
}
