//! `/manage/accounts`: the vendor's account book that every registration is checked against:
//! search it, add an account, or import a CSV file (all rows or none).

use leptos::prelude::*;
use portico_api::accounts::{Account, AccountInput, ImportSummary};
use portico_api::validate;
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::components::field::{begin_submit, show_error};
use crate::components::{
    DataTable, FieldState, FormError, Paged, PagedList, SubmitButton, TextField, on_submit,
    set_title, spawn,
};
use crate::router::use_location;
use crate::session::use_session;

#[component]
pub fn AccountsPage() -> impl IntoView {
    set_title("Accounts");
    let location = use_location();
    let query = location.query("q").unwrap_or_default();
    let list = {
        let query = query.clone();
        Paged::new(move |cursor: Option<String>| {
            let query = query.clone();
            async move { api::accounts(&query, cursor.as_deref()).await }
        })
    };
    let reload = Callback::new(move |()| list.reload());
    view! {
        <section class="page">
            <h1 id="accounts-heading">"Accounts"</h1>
            <p class="muted">
                "Customers that already have an owner. Every registration is checked against them; partners never see this list."
            </p>
            <ImportForm reload />
            <AddAccountForm reload />
            <form class="form inline-form" method="get" action="/manage/accounts" role="search">
                <label for="accounts-q">"Search by name or domain"</label>
                <input id="accounts-q" name="q" type="search" value=query />
                <button type="submit" class="secondary">"Search"</button>
            </form>
            <PagedList
                list=list.controls()
                loading="Loading accounts…"
                empty="No accounts match. Import your account book as CSV to check registrations against it."
            >
                <AccountTable items=list.items />
            </PagedList>
        </section>
    }
}

#[component]
fn AccountTable(items: RwSignal<Vec<Account>>) -> impl IntoView {
    view! {
        <DataTable labelled_by="accounts-heading" headers=&["Name", "Domain", "Owner", "Incumbent partner"]>
            {move || {
                items
                    .get()
                    .into_iter()
                    .map(|a| {
                        view! {
                            <tr>
                                <td>{a.name}</td>
                                <td>{a.domain}</td>
                                <td>{a.owner}</td>
                                <td>{a.incumbent.map(|o| o.name)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            }}
        </DataTable>
    }
}

/// The outcome of an import: counts, or one line per bad row.
#[derive(Clone)]
enum Imported {
    Nothing,
    Done(ImportSummary),
    Refused(String, Vec<(String, String)>),
}

#[component]
fn ImportForm(reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(Imported::Nothing);
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move || {
        let file = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            outcome.set(Imported::Refused("Choose a CSV file first.".into(), vec![]));
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let result = match text {
                Some(text) => api::import_accounts(&csrf, text).await,
                None => Err(crate::api::ApiError {
                    status: 0,
                    code: "unreadable".into(),
                    message: "The file could not be read as text.".into(),
                    fields: Default::default(),
                }),
            };
            busy.set(false);
            outcome.set(match result {
                Ok(summary) => {
                    reload.run(());
                    Imported::Done(summary)
                }
                Err(e) => Imported::Refused(e.message, e.fields.into_iter().collect()),
            });
        });
    };
    view! {
        <section class="panel" aria-labelledby="import-heading">
            <h2 id="import-heading" class="section-title">"Import from CSV"</h2>
            <p class="muted">
                "Columns: name, domain, owner and optionally incumbent_partner (a partner organization's exact name). A row whose domain is already in the book updates that account. If any row is wrong, nothing is imported."
            </p>
            <form class="form" novalidate on:submit=on_submit(submit)>
                <div class="field">
                    <label for="accounts-file">"CSV file"</label>
                    <input id="accounts-file" type="file" accept=".csv,text/csv" node_ref=input />
                </div>
                <SubmitButton id="import-submit" label="Import" busy_label="Importing…" busy />
            </form>
            <div aria-live="polite" id="import-result">
                {move || match outcome.get() {
                    Imported::Nothing => ().into_any(),
                    Imported::Done(s) => {
                        view! {
                            <p class="notice notice-success">
                                {format!("Imported: {} new, {} updated.", s.created, s.updated)}
                            </p>
                        }
                            .into_any()
                    }
                    Imported::Refused(message, rows) => {
                        view! {
                            <div class="notice notice-error" role="alert">
                                <p>{message}</p>
                                <ul>
                                    {rows
                                        .into_iter()
                                        .map(|(row, problem)| view! { <li>{format!("{row}: {problem}")}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn AddAccountForm(reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let name = FieldState::new("account-name", |v| {
        portico_api::registrations::company_name(v)
            .err()
            .map(str::to_owned)
    });
    let domain = FieldState::new("account-domain", |v| {
        (!v.trim().is_empty())
            .then(|| validate::company_domain(v).err().map(str::to_owned))
            .flatten()
    });
    let owner = FieldState::new("account-owner", |v| {
        v.trim()
            .is_empty()
            .then(|| "Name the account's owner at the vendor.".to_owned())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    let names = [("name", name), ("domain", domain), ("owner", owner)];
    let submit = move || {
        added.set(None);
        if !begin_submit(busy, form_error, &[name, domain, owner]) {
            return;
        }
        let input = AccountInput {
            name: name.get(),
            domain: Some(domain.get()),
            owner: owner.get(),
            incumbent_organization_id: None,
        };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_account(&csrf, &input).await;
            busy.set(false);
            match result {
                Ok(account) => {
                    added.set(Some(format!("Added {}.", account.name)));
                    for field in [name, domain, owner] {
                        field.value.set(String::new());
                    }
                    reload.run(());
                }
                Err(e) => show_error(e, &names, form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="add-account-heading">
            <h2 id="add-account-heading" class="section-title">"Add an account"</h2>
            <FormError error=form_error />
            <form class="form form-grid" novalidate on:submit=on_submit(submit)>
                <TextField field=name label="Company name" autocomplete="off" />
                <TextField field=domain label="Domain" optional=true autocomplete="off" />
                <TextField field=owner label="Owner at the vendor" autocomplete="off" />
                <SubmitButton id="add-account-submit" label="Add account" busy_label="Adding…" busy />
            </form>
            <p role="status" class="muted">{added}</p>
        </section>
    }
}
