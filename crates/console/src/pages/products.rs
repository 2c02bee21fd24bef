//! `/manage/products`: the catalog partners choose from when they register a deal.

use leptos::prelude::*;
use portico_api::registrations::{CreateProduct, Product};

use portico_ui::api;
use portico_ui::components::Loaded;
use portico_ui::components::field::{begin_submit, show_error};
use portico_ui::components::{
    ErrorNotice, FieldState, FormError, Loading, SubmitButton, TextField,
};
use portico_ui::dom::{on_click, on_submit, set_title, spawn};
use portico_ui::session::use_session;

use crate::text;

#[component]
pub fn ProductsPage() -> impl IntoView {
    set_title(text::products::TITLE);
    let catalog = RwSignal::new(Loaded::Loading);
    let load = move || {
        spawn(async move {
            catalog.set(match api::products().await {
                Ok(list) => Loaded::Ready(list),
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    load();
    let reload = Callback::new(move |()| load());
    view! {
        <section class="page">
            <h1 id="products-heading">{text::products::TITLE}</h1>
            <p class="muted">
                {text::products::INTRO}
            </p>
            <AddProduct reload />
            {move || match catalog.get() {
                Loaded::Loading => view! { <Loading label=text::products::LOADING /> }.into_any(),
                Loaded::Failed(e) => view! { <ErrorNotice message=e.message retry=reload /> }.into_any(),
                Loaded::Ready(list) if list.is_empty() => {
                    view! { <p class="empty">{text::products::EMPTY}</p> }.into_any()
                }
                Loaded::Ready(list) => {
                    view! {
                        <ul class="product-list" aria-labelledby="products-heading">
                            {list.into_iter().map(|product| view! { <ProductItem product reload /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ProductItem(product: Product, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = product.id;
    let archive = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let result = api::archive_product(&csrf, id).await;
            busy.set(false);
            match result {
                Ok(_) => reload.run(()),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let label = text::products::archive_product(&product.name);
    view! {
        <li>
            <span>{product.name}</span>
            " "
            <button type="button" class="secondary small" aria-label=label on:click=on_click(archive)>
                {text::products::ARCHIVE}
            </button>
            <span class="error-text" role="alert">{error}</span>
        </li>
    }
}

#[component]
fn AddProduct(reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let name = FieldState::new("product-name", |v| {
        CreateProduct { name: v.to_owned() }
            .validate()
            .err()
            .and_then(|e| e.into_values().next())
    });
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if !begin_submit(busy, form_error, &[name]) {
            return;
        }
        let request = CreateProduct { name: name.get() };
        let csrf = session.csrf();
        busy.set(true);
        spawn(async move {
            let result = api::create_product(&csrf, &request).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    name.value.set(String::new());
                    reload.run(());
                }
                Err(e) => show_error(e, &[("name", name)], form_error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="add-product-heading">
            <h2 id="add-product-heading" class="section-title">{text::products::ADD}</h2>
            <FormError error=form_error />
            <form class="form form-grid" novalidate on:submit=on_submit(submit)>
                <TextField field=name label=text::products::NAME autocomplete="off" />
                <SubmitButton
                    id="add-product-submit"
                    label=text::products::ADD_PRODUCT
                    busy_label=text::products::ADDING
                    busy
                />
            </form>
        </section>
    }
}
