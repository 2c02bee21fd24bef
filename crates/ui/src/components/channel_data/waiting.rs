//! The rows waiting for a person, each with why it waits and its cells as the report wrote
//! them. A value is settled by writing it as it should read, or the row is rejected; where the
//! person may teach (vendor staff), an unknown product is settled by choosing the product
//! (similar names suggested first), which makes the name its alias.

use leptos::prelude::*;
use portico_api::channel_data::Field;
use portico_api::channel_data::imports::{ChannelRow, FieldValue, Resolve, RowStatus};
use portico_api::registrations::Product;

use crate::api::{self, ApiError};
use crate::components::{FieldState, Paged, PagedList, SelectField, TextField};
use crate::dom::{on_submit, spawn};
use crate::session::use_session;
use crate::text::channel_data as text;

#[component]
pub fn WaitingRows(teach: bool) -> impl IntoView {
    let list = Paged::new(|cursor: Option<String>| async move {
        api::channel_rows(None, RowStatus::Waiting, cursor.as_deref()).await
    });
    let products = RwSignal::new(Vec::<Product>::new());
    if teach {
        spawn(async move {
            if let Ok(all) = api::products().await {
                products.set(all);
            }
        });
    }
    let notice = RwSignal::new(None::<String>);
    let settled = Callback::new(move |also: u64| {
        notice.set(Some(text::settled(also)));
        list.reload();
    });
    view! {
        <div id="waiting">
        <p role="status" id="review-notice">{notice}</p>
        <PagedList list=list.controls() loading=text::REVIEW_LOADING empty=text::REVIEW_EMPTY>
            <ul class="cards" id="waiting-rows">
                {move || list.items.get().into_iter().map(|row| {
                    let choose = (teach && row.field == Some(Field::Product)).then_some(products);
                    view! { <WaitingRow row choose settled /> }
                }).collect_view()}
            </ul>
        </PagedList>
        </div>
    }
}

/// One row; `choose` holds the products when the row is settled by choosing one.
#[component]
fn WaitingRow(
    row: ChannelRow,
    choose: Option<RwSignal<Vec<Product>>>,
    settled: Callback<u64>,
) -> impl IntoView {
    let session = use_session();
    let id = row.id;
    let field = row.field;
    let answer = FieldState::new(format!("settle-{id}"), move |v| {
        v.trim().is_empty().then(|| match choose {
            Some(_) => text::PRODUCT_NEEDED.to_owned(),
            None => text::VALUE_NEEDED.to_owned(),
        })
    });
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let send = move |body: Resolve| {
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::resolve_channel_row(&csrf, id, &body).await;
            busy.set(false);
            match result {
                Ok(done) => settled.run(done.also_settled),
                Err(ApiError { message, .. }) => error.set(Some(message)),
            }
        });
    };
    let settle = move || {
        if busy.get_untracked() || !answer.validate() {
            return;
        }
        let value = answer.get();
        send(match (choose, field) {
            (Some(_), _) => Resolve {
                product_id: value.parse().ok(),
                ..Resolve::default()
            },
            (None, Some(field)) => Resolve {
                values: vec![FieldValue { field, value }],
                ..Resolve::default()
            },
            (None, None) => return,
        });
    };
    let reject = move |_| {
        send(Resolve {
            reject: Some(text::REJECT_REASON.to_owned()),
            ..Resolve::default()
        })
    };
    let label = format!("{} {}", text::ROW, row.row_number);
    let suggested: Vec<i64> = row.suggestions.iter().map(|p| p.id).collect();
    view! {
        <li class="card" data-row=id>
            <h2 class="card-subtitle">{label}</h2>
            <p>{row.reason.clone()}</p>
            <dl class="facts">
                {row.original.into_iter().map(|c| view! {
                    <div><dt>{c.header}</dt><dd>{c.value}</dd></div>
                }).collect_view()}
            </dl>
            <p class="error-text" role="alert">{error}</p>
            <form class="form form-inline" novalidate on:submit=on_submit(settle)>
                {move || match choose {
                    Some(products) => view! {
                        <SelectField field=answer label=text::PRODUCT
                            options=product_options(products.get(), &suggested)
                            placeholder=text::CHOOSE_PRODUCT />
                    }.into_any(),
                    None => view! {
                        <TextField field=answer label=text::CORRECTED autocomplete="off" />
                    }.into_any(),
                }}
                <button type="submit" class="button" disabled=busy>{text::SETTLE}</button>
                <button type="button" class="button button-secondary" disabled=busy on:click=reject>
                    {text::REJECT}
                </button>
            </form>
        </li>
    }
}

/// Every product, those suggested for the name first and marked.
fn product_options(mut all: Vec<Product>, suggested: &[i64]) -> Vec<(String, String)> {
    all.sort_by_key(|p| !suggested.contains(&p.id));
    all.into_iter()
        .map(|p| {
            let label = if suggested.contains(&p.id) {
                format!("{} ({})", p.name, text::SUGGESTED)
            } else {
                p.name
            };
            (p.id.to_string(), label)
        })
        .collect()
}
