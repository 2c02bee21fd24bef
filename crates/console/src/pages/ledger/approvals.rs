//! Approving earnings that accrued: those chosen in the table, or every pending one of the
//! partner shown (after asking).

use leptos::prelude::*;
use portico_api::ledger::Approve;

use portico_ui::api;
use portico_ui::components::ActionButton;
use portico_ui::dom::spawn;
use portico_ui::session::use_session;

use crate::text;

#[component]
pub(super) fn Approvals(
    organization: Option<i64>,
    selected: RwSignal<Vec<i64>>,
    reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let said = RwSignal::new(None::<Result<String, String>>);
    let approve = move |body: Approve| {
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::approve_earnings(&csrf, &body).await;
            busy.set(false);
            said.set(Some(match result {
                Ok(done) => {
                    selected.set(Vec::new());
                    reload.run(());
                    Ok(text::ledger::approved(done.approved))
                }
                Err(e) => Err(e.message),
            }));
        });
    };
    let chosen = Callback::new(move |()| {
        let ids = selected.get_untracked();
        if ids.is_empty() {
            said.set(Some(Err(text::ledger::NONE_CHOSEN.to_owned())));
        } else {
            approve(Approve {
                ids,
                organization_id: None,
            });
        }
    });
    let all = organization.map(|id| {
        let run = Callback::new(move |()| {
            approve(Approve {
                ids: Vec::new(),
                organization_id: Some(id),
            })
        });
        view! {
            <ActionButton id="approve-all" label=text::ledger::APPROVE_ALL.to_owned()
                busy_label=text::ledger::APPROVING busy run
                question=text::ledger::APPROVE_ALL_QUESTION.to_owned()
                confirm_label=text::ledger::APPROVE_ALL_CONFIRM />
        }
    });
    view! {
        <div class="row-actions">
            <ActionButton id="approve-selected" label=text::ledger::APPROVE_SELECTED.to_owned()
                busy_label=text::ledger::APPROVING busy run=chosen class="primary" />
            {all}
        </div>
        <p id="approval-status" role="status" class=move || match said.get() {
            Some(Err(_)) => "error-text",
            _ => "muted",
        }>
            {move || said.get().map(|r| r.unwrap_or_else(|e| e))}
        </p>
    }
}
