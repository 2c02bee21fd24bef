//! `/manage/channel-data/review`: the rows waiting for a person, each with why it waits and
//! its cells as the report wrote them. An unknown product is settled by choosing the product
//! (similar names suggested first), which teaches its alias; any other value by writing it
//! as it should read; or the row is rejected.

use leptos::prelude::*;
use portico_api::channel_data::Field;
use portico_api::channel_data::imports::{ChannelRow, FieldValue, Resolve, RowStatus};
use portico_api::registrations::Product;

use portico_ui::api::{self, ApiError};
use portico_ui::components::{FieldState, Paged, PagedList, SelectField, TextField};
use portico_ui::dom::{on_submit, set_title, spawn};
use portico_ui::session::use_session;

use crate::text::channel_data as text;

#[component]
pub fn ChannelReviewPage() -> impl IntoView {
    set_title(text::REVIEW_TITLE);
    let list = Paged::new(|cursor: Option<String>| async move {
        api::channel_rows(None, RowStatus::Waiting, cursor.as_deref()).await
    });
    let products = RwSignal::new(Vec::<Product>::new());
    spawn(async move {
        if let Ok(all) = api::products().await {
            products.set(all);
        }
    });
    let notice = RwSignal::new(None::<String>);
    let settled = Callback::new(move |also: u64| {
        notice.set(Some(text::settled(also)));
        list.reload();
    });
    view! {
        <section class="page">
            <h1>{text::REVIEW_TITLE}</h1>
            <p class="muted">{text::REVIEW_INTRO}</p>
            <p role="status" id="review-notice">{notice}</p>
            <PagedList list=list.controls() loading=text::REVIEW_LOADING empty=text::REVIEW_EMPTY>
                <ul class="cards" id="waiting-rows">
                    {move || list.items.get().into_iter().map(|row| view! {
                        <WaitingRow row products settled />
                    }).collect_view()}
                </ul>
            </PagedList>
        </section>
    }
}

#[component]
fn WaitingRow(
    row: ChannelRow,
    products: RwSignal<Vec<Product>>,
    settled: Callback<u64>,
) -> impl IntoView {
    let session = use_session();
    let id = row.id;
    let field = row.field;
    let wants_product = field == Some(Field::Product);
    let answer = FieldState::new(format!("settle-{id}"), move |v| {
        v.trim().is_empty().then(|| {
            if wants_product {
                text::PRODUCT_NEEDED
            } else {
                text::VALUE_NEEDED
            }
            .to_owned()
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
        send(match (wants_product, field) {
            (true, _) => Resolve {
                product_id: value.parse().ok(),
                ..Resolve::default()
            },
            (false, Some(field)) => Resolve {
                values: vec![FieldValue { field, value }],
                ..Resolve::default()
            },
            (false, None) => return,
        });
    };
    let reject = move |_| {
        send(Resolve {
            reject: Some(text::REJECT_REASON.to_owned()),
            ..Resolve::default()
        })
    };
    let suggested: Vec<i64> = row.suggestions.iter().map(|p| p.id).collect();
    let options = move || {
        let mut all = products.get();
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
            .collect::<Vec<_>>()
    };
    let label = format!("{} {}", text::ROW, row.row_number);
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
                {move || if wants_product {
                    view! {
                        <SelectField field=answer label=text::PRODUCT options=options()
                            placeholder=text::CHOOSE_PRODUCT />
                    }.into_any()
                } else {
                    view! { <TextField field=answer label=text::CORRECTED autocomplete="off" /> }.into_any()
                }}
                <button type="submit" class="button" disabled=busy>{text::SETTLE}</button>
                <button type="button" class="button button-secondary" disabled=busy on:click=reject>
                    {text::REJECT}
                </button>
            </form>
        </li>
    }
}
