//! The product catalog as checkboxes, loaded from the channel the form was opened through.

use leptos::prelude::*;
use portico_api::registrations::Product;
use portico_ui::components::{ErrorNotice, FieldState, Loading};
use portico_ui::dom::spawn;

use super::Channel;
use super::requirements::ProductRequirements;
use crate::text;

#[derive(Clone)]
enum Catalog {
    Loading,
    Ready(Vec<Product>),
    Failed(String),
}

/// The product catalog as checkboxes; the chosen ids live in `field` as "1,4,7".
#[component]
pub(super) fn ProductChoice(
    field: FieldState,
    optional: Signal<bool>,
    channel: Channel,
) -> impl IntoView {
    let channel = StoredValue::new(channel);
    let catalog = RwSignal::new(Catalog::Loading);
    let load = move || {
        catalog.set(Catalog::Loading);
        spawn(async move {
            let channel = channel.get_value();
            catalog.set(match channel.products().await {
                Ok(list) => Catalog::Ready(list),
                Err(e) => Catalog::Failed(e.message),
            });
        });
    };
    load();
    let toggle = move |id: i64, on: bool| {
        let mut ids: Vec<i64> = field
            .get()
            .split(',')
            .filter_map(|v| v.parse().ok())
            .filter(|v| *v != id)
            .collect();
        if on {
            ids.push(id);
        }
        let text = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        field.input(text);
    };
    let chosen = move |id: i64| {
        field
            .value
            .with(|v| v.split(',').any(|p| p == id.to_string()))
    };
    view! {
        <fieldset class="field field-wide choices" id=field.id() tabindex="-1">
            <legend>
                {text::register::PRODUCTS}
                {move || optional.get().then(|| view! { <span class="optional">{portico_ui::text::fields::OPTIONAL}</span> })}
            </legend>
            {move || match catalog.get() {
                Catalog::Loading => view! { <Loading label=text::register::PRODUCTS_LOADING /> }.into_any(),
                Catalog::Failed(message) => {
                    view! { <ErrorNotice message retry=Callback::new(move |()| load()) /> }.into_any()
                }
                Catalog::Ready(products) => {
                    products
                        .into_iter()
                        .map(|product| {
                            let id = product.id;
                            let input_id = format!("product-{id}");
                            let label_for = input_id.clone();
                            view! {
                                <label class="choice" for=label_for>
                                    <input
                                        type="checkbox"
                                        id=input_id
                                        prop:checked=move || chosen(id)
                                        on:change=move |ev| toggle(id, event_target_checked(&ev))
                                    />
                                    {product.name}
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <portico_ui::components::field::FieldError field />
            <ProductRequirements chosen=field.value.into() />
        </fieldset>
    }
}
