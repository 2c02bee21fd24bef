//! `/sales-reports`: a partner admin sends the organization's sales reports. Once, how its
//! reports write dates and which currency they are in when no column says (the organization's
//! source); then each report, the uploads so far, and the rows that wait for a correction.
//! Everyone else is told who sends them.

use leptos::prelude::*;
use portico_api::Role;
use portico_api::channel_data::{NewSource, Source, SourceKind};

use portico_ui::api::{self, CHANNEL_TRANSACTIONS_CSV};
use portico_ui::components::channel_data::{
    ReportFormat, ReportPages, ReportUpload, UploadList, WaitingRows, report_format,
};
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{ErrorNotice, FieldState, FormError, Loaded, Loading, SubmitButton};
use portico_ui::dom::{Spawner, on_submit, set_title, spawn};
use portico_ui::route::Route;
use portico_ui::session::use_session;

use crate::text::sales_reports as text;

/// Where the report pieces lead in the portal.
pub(crate) fn report_pages() -> ReportPages {
    ReportPages {
        back: (Route::SalesReports, text::TITLE),
        import: |id| Route::SalesReport { id },
        review: Route::SalesReports,
        transactions: None,
    }
}

#[component]
pub fn SalesReportsPage() -> impl IntoView {
    set_title(text::TITLE);
    let body = match use_session().role() {
        Some(Role::PartnerAdmin) => view! { <Reports /> }.into_any(),
        _ => {
            view! { <p class="notice notice-info" id="reports-admins-only">{text::ADMINS_ONLY}</p> }
                .into_any()
        }
    };
    view! {
        <section class="page">
            <h1>{text::TITLE}</h1>
            <p class="muted">{text::INTRO}</p>
            {body}
        </section>
    }
}

#[component]
fn Reports() -> impl IntoView {
    let sources = RwSignal::new(Loaded::Loading);
    let page = Spawner::here();
    let load = Callback::new(move |()| {
        page.spawn(async move {
            sources.set(match api::channel_sources().await {
                Ok(list) => Loaded::Ready(list.sources),
                Err(e) => Loaded::Failed(e),
            });
        });
    });
    load.run(());
    move || match sources.get() {
        Loaded::Loading => view! { <Loading label=text::LOADING /> }.into_any(),
        Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry=load /> }.into_any(),
        Loaded::Ready(list) if list.is_empty() => view! { <SetUp created=load /> }.into_any(),
        Loaded::Ready(list) => view! { <Sending sources=list /> }.into_any(),
    }
}

#[component]
fn Sending(sources: Vec<Source>) -> impl IntoView {
    view! {
        <ReportUpload sources=Signal::stored(sources) import=report_pages().import />
        <p class="actions">
            <a href=CHANNEL_TRANSACTIONS_CSV download>{text::DOWNLOAD_CSV}</a>
        </p>
        <UploadList pages=report_pages() />
        <h2 class="section-title" id="waiting-heading">{text::WAITING}</h2>
        <p class="muted">{text::WAITING_INTRO}</p>
        <WaitingRows teach=false />
    }
}

/// The organization's first report: how its reports write dates and amounts.
#[component]
fn SetUp(created: Callback<()>) -> impl IntoView {
    let session = use_session();
    let order = FieldState::new("reports-date-order", |_| None);
    let currency = FieldState::new("reports-currency", |_| None);
    currency
        .value
        .set(session.me().and_then(|me| me.currency).unwrap_or_default());
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[]) {
            return;
        }
        let name = session.me().and_then(|me| me.organization).map(|o| o.name);
        let (date_order, code) = report_format(order, currency);
        let body = NewSource {
            name: name.unwrap_or_else(|| text::TITLE.to_owned()),
            kind: SourceKind::Partner,
            organization_id: None,
            date_order,
            currency: code,
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_channel_source(&csrf, &body).await;
            busy.set(false);
            match result {
                Ok(_) => created.run(()),
                Err(e) => show_error(e, &[("currency", currency)], form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="setup-heading">
            <h2 class="section-title" id="setup-heading">{text::SETUP_TITLE}</h2>
            <p class="muted">{text::SETUP_INTRO}</p>
            <FormError error=form_error />
            <form class="form form-grid" id="reports-setup" novalidate on:submit=on_submit(submit)>
                <ReportFormat order currency />
                <SubmitButton id="reports-setup-save" label=text::SETUP_SAVE
                    busy_label=text::SETUP_SAVING busy />
            </form>
        </section>
    }
}
