//! How stored values read on both engines: an enum kept as its text comes back as its type,
//! NULL as `None`, and a text the type does not know as an error naming it, never a default.

use crate::common::TestApp;
use portico_api::organizations::Motion;
use portico_server::store::sql;

#[tokio::test]
async fn a_stored_enum_reads_as_its_type_and_an_unknown_text_is_an_error() {
    let app = TestApp::start().await;
    let pool = app.state().db.pool();

    let motion: Motion = sql::query_scalar("SELECT CAST('reseller' AS TEXT)")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(motion, Motion::Reseller);

    let none: Option<Motion> = sql::query_scalar("SELECT CAST(NULL AS TEXT)")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(none, None);

    let unknown = sql::query_scalar::<Motion>("SELECT CAST('wholesale' AS TEXT)")
        .fetch_one(pool)
        .await
        .expect_err("an unknown motion read as a motion");
    assert!(
        unknown
            .to_string()
            .contains(r#"unknown Motion "wholesale""#),
        "{unknown}"
    );
}
