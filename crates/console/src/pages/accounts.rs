//! `/manage/accounts`: the vendor's account book that every registration is checked against:
//! search it, add an account with its alternative names, or import a CSV file (all rows or
//! none), rows naming one company merged on request.

use leptos::prelude::*;
use portico_api::accounts::{Account, AccountInput, ImportSummary};
use portico_api::validate;
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    CheckBox, DataTable, FieldState, FormError, Paged, PagedList, SelectField, SubmitButton,
    TextArea, TextField, partner_choices,
};
use portico_ui::dom::{focus_by_id, on_click, on_submit, set_title, spawn};
use portico_ui::location::use_location;
use portico_ui::session::use_session;

use crate::components::csv_import::{CsvImport, Importer};
use crate::text;

#[component]
pub fn AccountsPage() -> impl IntoView {
    set_title(text::accounts::TITLE);
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
    let editing = RwSignal::new(None::<Account>);
    view! {
        <section class="page">
            <h1 id="accounts-heading">{text::accounts::TITLE}</h1>
            <p class="muted">
                {text::accounts::INTRO}
            </p>
            <ImportForm reload />
            <AccountForm reload editing />
            <form class="form inline-form" method="get" action=Route::Accounts.href() role="search">
                <label for="accounts-q">{text::accounts::SEARCH_LABEL}</label>
                <input id="accounts-q" name="q" type="search" value=query />
                <button type="submit" class="secondary">
                    {text::accounts::SEARCH}
                </button>
            </form>
            <PagedList
                list=list.controls()
                loading=text::accounts::LOADING
                empty=text::accounts::EMPTY
            >
                <AccountTable items=list.items editing />
            </PagedList>
        </section>
    }
}

#[component]
fn AccountTable(
    items: RwSignal<Vec<Account>>,
    editing: RwSignal<Option<Account>>,
) -> impl IntoView {
    view! {
        <DataTable id="accounts-table" labelled_by="accounts-heading" headers=&text::accounts::HEADERS>
            {move || {
                items
                    .get()
                    .into_iter()
                    .map(|a| {
                        let chosen = a.clone();
                        let edit = move |_| {
                            editing.set(Some(chosen.clone()));
                            focus_by_id("account-name");
                        };
                        let also = (!a.alternative_names.is_empty())
                            .then(|| text::accounts::also(&a.alternative_names.join("; ")));
                        view! {
                            <tr>
                                <td>
                                    {a.name}
                                    {also.map(|also| view! { <br /><span class="muted">{also}</span> })}
                                </td>
                                <td>{a.domain}</td>
                                <td>{a.owner}</td>
                                <td>{a.incumbent.map(|o| o.name)}</td>
                                <td>
                                    <button type="button" class="secondary small" on:click=on_click(edit)>
                                        {text::accounts::EDIT}
                                    </button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
            }}
        </DataTable>
    }
}

/// The account book from CSV; rows naming one company merged on request.
#[component]
fn ImportForm(reload: Callback<()>) -> impl IntoView {
    let merge = RwSignal::new(false);
    let send = move |csrf: String, csv: String| async move {
        let summary = api::import_accounts(&csrf, csv, merge.get_untracked()).await?;
        Ok(imported_text(&summary))
    };
    let importer = Importer {
        id: "accounts",
        title: text::accounts::IMPORT_TITLE,
        intro: text::accounts::IMPORT_INTRO,
        send,
    };
    view! {
        <CsvImport importer reload>
            <div class="field">
                <CheckBox id="accounts-merge" label=text::accounts::MERGE checked=merge />
            </div>
        </CsvImport>
    }
}

/// "Imported: 2 new, 1 updated, 3 rows merged as alternative names."
fn imported_text(summary: &ImportSummary) -> String {
    text::accounts::imported(summary.created, summary.updated, summary.merged)
}

/// Adds an account, or edits the one chosen in the table.
#[component]
fn AccountForm(reload: Callback<()>, editing: RwSignal<Option<Account>>) -> impl IntoView {
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
            .then(|| text::accounts::NAME_OWNER.to_owned())
    });
    let alternative_names = FieldState::plain("account-alternative-names", "");
    let incumbent = FieldState::plain("account-incumbent", "");
    let organizations = partner_choices();
    // Choosing an account in the table fills the form with it.
    Effect::new(move |_| {
        let chosen = editing.get();
        let chosen = chosen.as_ref();
        name.value
            .set(chosen.map(|a| a.name.clone()).unwrap_or_default());
        domain
            .value
            .set(chosen.and_then(|a| a.domain.clone()).unwrap_or_default());
        owner
            .value
            .set(chosen.map(|a| a.owner.clone()).unwrap_or_default());
        alternative_names.value.set(
            chosen
                .map(|a| a.alternative_names.join("\n"))
                .unwrap_or_default(),
        );
        let incumbent_id = chosen
            .and_then(|a| a.incumbent.as_ref())
            .map(|o| o.id.to_string());
        incumbent.value.set(incumbent_id.unwrap_or_default());
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let names = [
        ("name", name),
        ("domain", domain),
        ("owner", owner),
        ("alternative_names", alternative_names),
        ("incumbent_organization_id", incumbent),
    ];
    let submit = move || {
        done.set(None);
        if !begin_submit(busy, form_error, &[name, domain, owner]) {
            return;
        }
        let input = AccountInput {
            name: name.get(),
            domain: Some(domain.get()),
            alternative_names: alternative_names.get().lines().map(str::to_owned).collect(),
            owner: owner.get(),
            incumbent_organization_id: incumbent.get().parse().ok(),
        };
        let csrf = session.csrf();
        let id = editing.get_untracked().map(|a| a.id);
        busy.set(true);
        spawn(async move {
            let result = match id {
                Some(id) => api::update_account(&csrf, id, &input).await,
                None => api::create_account(&csrf, &input).await,
            };
            busy.set(false);
            match result {
                Ok(account) => {
                    done.set(Some(if id.is_some() {
                        text::accounts::saved(&account.name)
                    } else {
                        text::accounts::added(&account.name)
                    }));
                    editing.set(None);
                    reload.run(());
                }
                Err(e) => show_error(e, &names, form_error),
            }
        });
    };
    let heading = move || {
        if editing.with(Option::is_some) {
            text::accounts::EDIT_TITLE
        } else {
            text::accounts::ADD_TITLE
        }
    };
    view! {
        <section class="panel" aria-labelledby="account-form-heading" id="account-form">
            <h2 id="account-form-heading" class="section-title">{heading}</h2>
            <FormError error=form_error />
            <form class="form form-grid" novalidate on:submit=on_submit(submit)>
                <TextField field=name label=text::accounts::COMPANY_NAME autocomplete="off" />
                <TextField field=domain label=text::accounts::DOMAIN optional=true autocomplete="off" />
                <TextField field=owner label=text::accounts::OWNER autocomplete="off" />
                <TextArea
                    field=alternative_names
                    label=text::accounts::ALTERNATIVE_NAMES
                    hint=text::accounts::ALTERNATIVE_NAMES_HINT
                    optional=true
                />
                {move || view! {
                    <SelectField
                        field=incumbent
                        label=text::accounts::INCUMBENT
                        options=organizations.get()
                        placeholder=text::accounts::NO_INCUMBENT
                    />
                }}
                <SubmitButton
                    id="account-submit"
                    label=text::accounts::SAVE
                    busy_label=text::accounts::SAVING
                    busy
                />
                {move || editing.with(Option::is_some).then(|| view! {
                    <button type="button" class="secondary" on:click=on_click(move |_| editing.set(None))>
                        {text::accounts::CANCEL_EDITING}
                    </button>
                })}
            </form>
            <p role="status" class="muted">{done}</p>
        </section>
    }
}
