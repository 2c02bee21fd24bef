//! Moving the certifications organizations held onto people: a database at the migration
//! before, with an organization whose admin and user hold nothing yet and one with nobody, is
//! opened by this server, and nothing held before is lost.

use std::borrow::Cow;

use portico_server::store::{Db, sql};
use sqlx::Connection;
use sqlx::migrate::Migrator;

use super::*;

/// The last migration before certifications moved onto people.
const BEFORE: i64 = 22;

/// Two organizations holding certifications: Northwind has a user and (later) an admin, who
/// takes them; Lonely has nobody. Granted 2024-01-31 and 2024-02-29.
const HELD_BY_ORGANIZATIONS: &str = "\
    INSERT INTO organizations (id, name, motion, tier, created_at) VALUES \
        (1, 'Northwind', 'reseller', 'gold', 0), (2, 'Lonely', 'referral', 'silver', 0); \
    INSERT INTO users (id, email, name, role, organization_id, password_hash, created_at) VALUES \
        (1, 'user@northwind.example', 'Uma User', 'partner_user', 1, 'x', 0), \
        (2, 'admin@northwind.example', 'Ada Admin', 'partner_admin', 1, 'x', 1); \
    INSERT INTO organization_certifications (organization_id, certification, granted_at) VALUES \
        (1, 'solutions_architect', 1706659200), (1, 'sales_foundations', 1709164800), \
        (2, 'sales_foundations', 1709164800);";

fn early(migrator: &Migrator) -> Migrator {
    Migrator {
        migrations: Cow::Owned(
            migrator
                .migrations
                .iter()
                .filter(|m| m.version <= BEFORE)
                .cloned()
                .collect(),
        ),
        ..Migrator::DEFAULT
    }
}

/// A database at migration `BEFORE` holding `HELD_BY_ORGANIZATIONS`; its URL.
async fn database_before(dir: &std::path::Path) -> String {
    match std::env::var("PORTICO_TEST_POSTGRES_URL") {
        Ok(base) if !base.is_empty() => {
            let url = fresh_postgres_schema(&base).await;
            let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
            early(&sqlx::migrate!("migrations/postgres"))
                .run(&mut conn)
                .await
                .unwrap();
            sqlx::raw_sql(HELD_BY_ORGANIZATIONS)
                .execute(&mut conn)
                .await
                .unwrap();
            url
        }
        _ => {
            let url = format!("sqlite://{}", dir.join("before.db").display());
            let mut conn = sqlx::SqliteConnection::connect(&format!("{url}?mode=rwc"))
                .await
                .unwrap();
            early(&sqlx::migrate!("migrations/sqlite"))
                .run(&mut conn)
                .await
                .unwrap();
            sqlx::raw_sql(HELD_BY_ORGANIZATIONS)
                .execute(&mut conn)
                .await
                .unwrap();
            url
        }
    }
}

#[tokio::test]
async fn certifications_organizations_held_move_onto_people_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_before(dir.path()).await;
    let db = Db::open(&url).await.unwrap();
    let held: Vec<(i64, String, String, String, String)> = sql::query_as(
        "SELECT pc.user_id, c.code, pc.earned_on, pc.valid_until, pc.source \
         FROM person_certifications pc JOIN certifications c ON c.id = pc.certification_id \
         ORDER BY c.code",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let migrated = |code: &str, earned: &str, until: &str| {
        (
            2,
            code.to_owned(),
            earned.to_owned(),
            until.to_owned(),
            "migrated".to_owned(),
        )
    };
    assert_eq!(
        held,
        [
            migrated("sales_foundations", "2024-02-29", "2026-02-28"),
            migrated("solutions_architect", "2024-01-31", "2026-01-31"),
        ],
        "the admin holds them, valid 24 months (a leap day ends on the 28th)"
    );
    let unassigned: Vec<(i64, String)> =
        sql::query_as("SELECT organization_id, certification FROM organization_certifications")
            .fetch_all(db.pool())
            .await
            .unwrap();
    assert_eq!(unassigned, [(2, "sales_foundations".to_owned())]);
    let names: Vec<String> = sql::query_scalar("SELECT name FROM certifications ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert_eq!(
        names,
        [
            "Sales Foundations",
            "Solutions Architect",
            "Implementation Specialist"
        ]
    );
    // Lonely still holds its certification until someone there does.
    let lonely: Vec<String> =
        portico_server::store::certifications::held(db.pool(), 2, "2026-12-05")
            .await
            .unwrap()
            .into_iter()
            .map(|h| h.code)
            .collect();
    assert_eq!(lonely, ["sales_foundations"]);
    db.close().await;
}
