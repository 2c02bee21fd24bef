//! A manager revokes a pending invitation from the list: asked first, then the row goes and
//! the invitation is revoked.

use crate::support;

use support::*;

#[tokio::test]
async fn a_manager_revokes_a_pending_invitation() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/invitations").await;
    manager
        .type_into("#invite-email", "changed.mind@northwind.example")
        .await;
    manager.select("#invite-org", "Northwind Partners").await;
    manager.click("#invite-submit").await;
    manager.wait_for_text("#invite-link", "/invite/").await;
    manager
        .wait_for_text("main table", "changed.mind@northwind.example")
        .await;

    manager.click("main table [id^='revoke-invitation-']").await;
    manager.wait_for_focus("main table [id$='-confirm']").await;
    manager.click("main table [id$='-confirm']").await;
    manager
        .wait_for_text("main", "No pending invitations")
        .await;

    let revoked: i64 = portico_server::store::sql::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE email = 'changed.mind@northwind.example' \
         AND revoked_at IS NOT NULL",
    )
    .fetch_one(portal.running.state.db.pool())
    .await
    .unwrap();
    assert_eq!(revoked, 1, "the link no longer works");
    manager.close().await;
}
