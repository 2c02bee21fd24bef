//! A partner admin brings colleagues aboard from the home page: invites one, is told plainly
//! when an address cannot be invited from there, and revokes an invitation.

use crate::support;

use support::*;

const ALICE: &str = "alice@northwind.example";

#[tokio::test]
async fn a_partner_admin_invites_a_colleague_from_home_and_revokes_the_invitation() {
    let portal = Portal::start().await;
    let alice = browser().await;
    alice.sign_in(&portal, ALICE).await;
    alice.find("#home-pipeline").await;
    alice.scroll_to(true).await;
    alice
        .wait_for_text("#home-team", "No invitations waiting")
        .await;

    alice.click("#team-invite-submit").await;
    alice
        .wait_for_text("#team-email-error", "Enter an e-mail address")
        .await;
    alice
        .type_into("#team-email", "colleague@northwind.example")
        .await;
    alice.select("#team-role", "Partner admin").await;
    alice.click("#team-invite-submit").await;
    alice
        .wait_for_text(
            "#team-sent",
            "Invitation sent to colleague@northwind.example",
        )
        .await;
    let row = alice
        .wait_for_text("#team-pending li", "colleague@northwind.example")
        .await;
    assert!(row.contains("Partner admin"), "{row}");
    assert_eq!(alice.value_of("#team-email").await, "");

    alice.click("#team-pending li button").await;
    alice
        .wait_for_focus("#team-pending li [id$='-confirm']")
        .await;
    alice.click("#team-pending li [id$='-confirm']").await;
    alice
        .wait_for_text("#home-team", "No invitations waiting")
        .await;

    // Someone with an account elsewhere: the form says what to do instead.
    alice
        .type_into("#team-email", "bob@globex-consulting.example")
        .await;
    alice.click("#team-invite-submit").await;
    alice
        .wait_for_text("#team-invite", "Ask your partner manager")
        .await;
    alice.assert_accessible().await;
    alice.close().await;
}
