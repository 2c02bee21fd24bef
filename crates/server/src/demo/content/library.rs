//! The demo content library: decks, one-pagers, case studies, battlecards and more across
//! motions and industries, each with a small real file or a video link, some published to
//! every partner and some to chosen tiers, motions or certified partners; plus a few weeks of
//! views and downloads so the usage report has something to show.

use portico_api::assets::{AssetKind, AssetMetadata, AssetState, Audience, Certification};
use portico_api::organizations::{Motion, Tier};

use super::files;
use crate::blobs::Blobs;
use crate::clock::Timestamp;
use crate::domain::markdown::to_safe_html;
use crate::store::asset_usage::{self, Event, Use};
use crate::store::{Db, assets, organizations};

/// A file the demo attaches: a generated PDF or one of the committed office files.
enum Attachment {
    Pdf,
    File(&'static str, &'static [u8]),
    Link(&'static str),
}

struct Item {
    kind: AssetKind,
    title: &'static str,
    summary: &'static str,
    motions: &'static [Motion],
    industries: &'static [&'static str],
    use_cases: &'static [&'static str],
    audience: (&'static [Tier], &'static [Motion], Option<Certification>),
    attachment: Attachment,
    state: AssetState,
}

const ALL: (&[Tier], &[Motion], Option<Certification>) = (&[], &[], None);
const GOLD_UP: (&[Tier], &[Motion], Option<Certification>) =
    (&[Tier::Gold, Tier::Platinum], &[], None);
const RESELLERS: (&[Tier], &[Motion], Option<Certification>) = (&[], &[Motion::Reseller], None);
const SERVICES_ONLY: (&[Tier], &[Motion], Option<Certification>) = (&[], &[Motion::Services], None);
const ARCHITECTS: (&[Tier], &[Motion], Option<Certification>) =
    (&[], &[], Some(Certification::SolutionsArchitect));

use crate::store::StoreError;
use crate::store::sql;
use AssetKind::*;
use Attachment::{File, Link, Pdf};
use Motion::{Marketplace, Referral, Reseller, Services, Tech};

const P: AssetState = AssetState::Published;

const LIBRARY: [Item; 32] = [
    item(
        Deck,
        "Acme Cloud corporate overview",
        "The story of Acme Cloud in twelve slides: who we serve, what we solve, why customers stay.",
        &[Reseller, Referral, Services],
        &["Cross-industry"],
        &["First meeting"],
        ALL,
        Pdf,
        P,
    ),
    item(
        Deck,
        "Partner onboarding: your first 30 days",
        "What to set up in week one, who to call, and how to register your first deal.",
        &[Reseller, Referral, Services, Marketplace, Tech],
        &["Cross-industry"],
        &["Onboarding"],
        ALL,
        File("partner-onboarding.pptx", files::ONBOARDING_PPTX),
        P,
    ),
    item(
        OnePager,
        "Data residency one-pager",
        "Where customer data lives, region by region, and how we prove it to auditors.",
        &[Reseller, Services],
        &["Financial services", "Public sector"],
        &["Security review"],
        ALL,
        Pdf,
        P,
    ),
    item(
        OnePager,
        "Acme Cloud for healthcare",
        "HIPAA-ready deployment, audit trails and the three integrations hospitals ask about.",
        &[Reseller, Services],
        &["Healthcare"],
        &["First meeting"],
        ALL,
        Pdf,
        P,
    ),
    item(
        OnePager,
        "Acme Cloud for retail",
        "Peak-season scaling, store-level analytics and POS integrations in one page.",
        &[Reseller, Marketplace],
        &["Retail"],
        &["First meeting"],
        ALL,
        Pdf,
        P,
    ),
    item(
        CaseStudy,
        "Case study: Contoso Bank cuts reporting time by 70%",
        "How a regional bank moved 40 reports to Acme Cloud in one quarter with a Globex-led rollout.",
        &[Services],
        &["Financial services"],
        &["Proof of value"],
        ALL,
        Pdf,
        P,
    ),
    item(
        CaseStudy,
        "Case study: Fabrikam Health unifies patient data",
        "Three hospitals, one data platform, zero downtime during migration.",
        &[Services, Reseller],
        &["Healthcare"],
        &["Proof of value"],
        ALL,
        Pdf,
        P,
    ),
    item(
        CaseStudy,
        "Case study: Tailspin Retail survives Black Friday",
        "Ten times normal traffic, no incidents: the architecture and the numbers.",
        &[Reseller],
        &["Retail"],
        &["Proof of value"],
        ALL,
        Pdf,
        P,
    ),
    item(
        CaseStudy,
        "Case study: Northwind Logistics on the marketplace",
        "Bought through a private offer, live in two weeks, expanded in six months.",
        &[Marketplace],
        &["Logistics"],
        &["Procurement"],
        ALL,
        Pdf,
        P,
    ),
    item(
        CaseStudy,
        "Case study: Wingtip Manufacturing predictive maintenance",
        "Sensor data from 14 plants feeding maintenance schedules that cut downtime by a third.",
        &[Tech, Services],
        &["Manufacturing"],
        &["Proof of value"],
        ALL,
        Pdf,
        P,
    ),
    item(
        Battlecard,
        "Battlecard: Acme Cloud vs. Globex Data",
        "Where we win, where they push back, and the four questions that expose their gaps.",
        &[Reseller, Referral],
        &["Cross-industry"],
        &["Competitive deal"],
        GOLD_UP,
        Pdf,
        P,
    ),
    item(
        Battlecard,
        "Battlecard: Acme Cloud vs. Initrode Analytics",
        "Pricing traps, migration myths and the proof points that close the deal.",
        &[Reseller],
        &["Cross-industry"],
        &["Competitive deal"],
        GOLD_UP,
        Pdf,
        P,
    ),
    item(
        Battlecard,
        "Battlecard: build vs. buy",
        "What an in-house build really costs over three years, line by line.",
        &[Reseller, Services],
        &["Cross-industry"],
        &["Competitive deal", "Business case"],
        ALL,
        Pdf,
        P,
    ),
    item(
        TalkTrack,
        "Talk track: discovery call",
        "Twelve questions that qualify budget, authority, need and timing without an interrogation.",
        &[Reseller, Referral],
        &["Cross-industry"],
        &["First meeting"],
        ALL,
        Pdf,
        P,
    ),
    item(
        TalkTrack,
        "Talk track: security objections",
        "Answers to the eight security questions every CISO asks, with links to the evidence.",
        &[Reseller, Services],
        &["Financial services", "Healthcare"],
        &["Security review"],
        ALL,
        Pdf,
        P,
    ),
    item(
        TalkTrack,
        "Talk track: marketplace private offers",
        "How to explain private offers, committed spend and procurement shortcuts to a buyer.",
        &[Marketplace],
        &["Cross-industry"],
        &["Procurement"],
        ALL,
        Pdf,
        P,
    ),
    item(
        PricingSheet,
        "Reseller price list 2026",
        "List prices, reseller discounts by tier and the rules for stacking promotions.",
        &[Reseller],
        &["Cross-industry"],
        &["Quoting"],
        RESELLERS,
        Pdf,
        P,
    ),
    item(
        PricingSheet,
        "Services rate card guidance",
        "Recommended day rates and packaging for implementation and managed services.",
        &[Services],
        &["Cross-industry"],
        &["Quoting"],
        SERVICES_ONLY,
        Pdf,
        P,
    ),
    item(
        Template,
        "ROI calculator",
        "A spreadsheet that turns a customer's current costs into a three-year business case.",
        &[Reseller, Referral, Services],
        &["Cross-industry"],
        &["Business case"],
        ALL,
        File("roi-calculator.xlsx", files::ROI_CALCULATOR_XLSX),
        P,
    ),
    item(
        Template,
        "Mutual NDA template",
        "The standard mutual NDA partners may use with prospects before a technical deep dive.",
        &[Reseller, Services, Tech],
        &["Cross-industry"],
        &["Legal"],
        ALL,
        File("mutual-nda.docx", files::MUTUAL_NDA_DOCX),
        P,
    ),
    item(
        Template,
        "Joint account plan template",
        "One page to agree goals, owners and next steps with the Acme account team.",
        &[Reseller, Tech],
        &["Cross-industry"],
        &["Account planning"],
        ALL,
        Pdf,
        P,
    ),
    item(
        Template,
        "Statement of work template",
        "A starting SOW for a standard implementation, with milestones and acceptance criteria.",
        &[Services],
        &["Cross-industry"],
        &["Quoting", "Legal"],
        SERVICES_ONLY,
        Pdf,
        P,
    ),
    item(
        Other,
        "Reference architecture: data platform",
        "The reference architecture for a governed data platform on Acme Cloud.",
        &[Services, Tech],
        &["Cross-industry"],
        &["Technical design"],
        ARCHITECTS,
        File(
            "reference-architecture.png",
            files::REFERENCE_ARCHITECTURE_PNG,
        ),
        P,
    ),
    item(
        Other,
        "Integration guide: CRM connectors",
        "How the Salesforce and HubSpot connectors sync accounts, deals and activity.",
        &[Tech],
        &["Cross-industry"],
        &["Technical design"],
        ALL,
        Pdf,
        P,
    ),
    item(
        Other,
        "Security whitepaper",
        "Encryption, key management, access control and certifications in depth.",
        &[Reseller, Services, Tech],
        &["Financial services", "Public sector", "Healthcare"],
        &["Security review"],
        ALL,
        Pdf,
        P,
    ),
    item(
        Other,
        "Public sector procurement guide",
        "Frameworks, contract vehicles and the paperwork public buyers need from you.",
        &[Reseller, Services],
        &["Public sector"],
        &["Procurement"],
        GOLD_UP,
        Pdf,
        P,
    ),
    item(
        VideoLink,
        "Video: five-minute product demo",
        "The demo to send after a first meeting: dashboards, alerts and sharing.",
        &[Reseller, Referral, Marketplace],
        &["Cross-industry"],
        &["First meeting"],
        ALL,
        Link("https://videos.acme.example/demo-5-minutes"),
        P,
    ),
    item(
        VideoLink,
        "Video: deal registration walkthrough",
        "How to register a deal, read the conflict check and track protection.",
        &[Reseller, Referral, Services, Marketplace, Tech],
        &["Cross-industry"],
        &["Onboarding"],
        ALL,
        Link("https://videos.acme.example/deal-registration"),
        P,
    ),
    item(
        VideoLink,
        "Video: customer story from Fabrikam Health",
        "The CIO of Fabrikam Health on choosing Acme Cloud, in four minutes.",
        &[Reseller, Services],
        &["Healthcare"],
        &["Proof of value"],
        ALL,
        Link("https://videos.acme.example/fabrikam-health"),
        P,
    ),
    item(
        Deck,
        "Acme Cloud for manufacturing",
        "Plant data, quality analytics and supply-chain visibility for manufacturers.",
        &[Reseller, Services, Tech],
        &["Manufacturing"],
        &["First meeting"],
        ALL,
        Pdf,
        P,
    ),
    item(
        Deck,
        "Q1 2027 partner roadmap preview",
        "What ships next quarter and what it means for your customers. Not yet final.",
        &[Reseller, Services, Tech],
        &["Cross-industry"],
        &["Account planning"],
        GOLD_UP,
        Pdf,
        AssetState::Draft,
    ),
    item(
        OnePager,
        "2025 partner program guide",
        "Last year's program rules, replaced by the 2026 guide.",
        &[Reseller, Referral, Services],
        &["Cross-industry"],
        &["Onboarding"],
        ALL,
        Pdf,
        AssetState::Archived,
    ),
];

#[allow(clippy::too_many_arguments, reason = "one row of the library table")]
const fn item(
    kind: AssetKind,
    title: &'static str,
    summary: &'static str,
    motions: &'static [Motion],
    industries: &'static [&'static str],
    use_cases: &'static [&'static str],
    audience: (&'static [Tier], &'static [Motion], Option<Certification>),
    attachment: Attachment,
    state: AssetState,
) -> Item {
    Item {
        kind,
        title,
        summary,
        motions,
        industries,
        use_cases,
        audience,
        attachment,
        state,
    }
}

impl Item {
    fn body(&self) -> String {
        format!(
            "## What it is\n\n{}\n\n## When to use it\n\nUse it for **{}** conversations in {}.\n\n\
             ## Tips\n\n- Tailor the first page to the customer's industry.\n\
             - Pair it with a deal registration so your protection starts early.\n\
             - Questions? Ask your partner manager or post a note on the deal.\n",
            self.summary,
            self.use_cases.join(", ").to_lowercase(),
            self.industries.join(", ").to_lowercase(),
        )
    }

    fn metadata(&self) -> AssetMetadata {
        let (tiers, motions, certification) = self.audience;
        AssetMetadata {
            title: self.title.into(),
            summary: self.summary.into(),
            body: self.body(),
            kind: self.kind,
            motions: self.motions.to_vec(),
            industries: self.industries.iter().map(|s| (*s).to_owned()).collect(),
            use_cases: self.use_cases.iter().map(|s| (*s).to_owned()).collect(),
            language: "en".into(),
            audience: Audience {
                tiers: tiers.to_vec(),
                motions: motions.to_vec(),
                certification,
            },
            link: match self.attachment {
                Link(url) => Some(url.into()),
                Pdf | File(..) => None,
            },
        }
    }
}

fn seed_error(e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Protocol(format!("demo content: {e}"))
}

/// Publishes the library over the last ten weeks, oldest first, as the first manager.
pub async fn seed(
    db: &Db,
    blobs: &Blobs,
    manager_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    let count = LIBRARY.len() as i64;
    for (i, item) in LIBRARY.iter().enumerate() {
        let at = now - (count - i as i64) * 2 * 86_400;
        let metadata = item
            .metadata()
            .validate()
            .map_err(|e| seed_error(format!("{e:?}")))?;
        let file = match item.attachment {
            Pdf => {
                let name = format!("{}.pdf", slug(item.title));
                let bytes = files::pdf(
                    item.title,
                    &[item.summary, "Acme Cloud partner enablement."],
                );
                Some(blobs.put(&bytes, &name).await.map_err(seed_error)?)
            }
            File(name, bytes) => Some(blobs.put(bytes, name).await.map_err(seed_error)?),
            Link(_) => None,
        };
        let mut tx = db.begin_write().await?;
        let id = assets::insert(
            &mut tx,
            &metadata,
            &to_safe_html(&metadata.body),
            manager_id,
            at,
        )
        .await?;
        if let Some(file) = &file {
            assets::add_version(&mut tx, id, file, manager_id, at).await?;
        }
        if item.state != AssetState::Draft {
            assets::set_state(&mut tx, id, AssetState::Published, at).await?;
        }
        if item.state == AssetState::Archived {
            assets::set_state(&mut tx, id, AssetState::Archived, at).await?;
        }
        tx.commit().await?;
    }
    certify(db, now).await?;
    usage(db, now).await
}

fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// Globex holds the architect certification, so it alone sees the reference architecture.
async fn certify(db: &Db, now: Timestamp) -> Result<(), StoreError> {
    let Some(globex) = organizations::id_by_name(db.pool(), "Globex Consulting").await? else {
        return Ok(());
    };
    let mut tx = db.begin_write().await?;
    let held = [
        Certification::SalesFoundations,
        Certification::SolutionsArchitect,
    ];
    assets::set_certifications(&mut tx, globex, &held, now).await?;
    tx.commit().await
}

/// Partner users opened and downloaded a spread of published assets over the last weeks, none
/// before their organization joined.
async fn usage(db: &Db, now: Timestamp) -> Result<(), StoreError> {
    let readers: Vec<(i64, i64, Timestamp)> = sql::query_as(
        "SELECT u.id, u.organization_id, o.created_at FROM users u \
         JOIN organizations o ON o.id = u.organization_id ORDER BY u.id",
    )
    .fetch_all(db.pool())
    .await?;
    let published: Vec<i64> = sql::query_scalar(
        "SELECT id FROM assets WHERE state = 'published' AND audience_tiers = '' \
         AND audience_motions = '' AND audience_certification = '' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    for (n, (user_id, organization_id, joined_at)) in readers.iter().enumerate() {
        // Each reader looks at every third asset, starting at a different one; the last few
        // assets stay unused so the report's "unused" list is not empty.
        for (k, asset_id) in published.iter().skip(n % 3).step_by(3).take(6).enumerate() {
            let at = (now - ((n * 5 + k * 3) % 60) as i64 * 86_400 - 3_600).max(joined_at + 3_600);
            for event in [Event::View, Event::Download].into_iter().take(1 + k % 2) {
                let usage = Use {
                    asset_id: *asset_id,
                    organization_id: *organization_id,
                    user_id: *user_id,
                    event,
                };
                asset_usage::record(db, &usage, at).await?;
            }
        }
    }
    Ok(())
}
