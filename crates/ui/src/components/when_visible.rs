//! Parts of a page below the fold that cost a module of their own: they are drawn (and their
//! code fetched) when they come into view, so a phone's first screen does not wait for them.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Draws `children` in place of a thin marker once the marker is on screen (at once where
/// the browser cannot tell).
#[component]
pub fn WhenVisible(children: ChildrenFn) -> impl IntoView {
    let shown = RwSignal::new(false);
    let marker = NodeRef::<Div>::new();
    marker.on_load(move |div| watch(div.unchecked_into(), shown));
    move || {
        if shown.get() {
            children().into_any()
        } else {
            view! { <div class="when-visible" node_ref=marker></div> }.into_any()
        }
    }
}

fn watch(marker: web_sys::Element, shown: RwSignal<bool>) {
    let seen = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let visible = entries.iter().any(|e| {
            e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                .is_intersecting()
        });
        if visible {
            shown.set(true);
        }
    });
    let Ok(observer) = web_sys::IntersectionObserver::new(seen.as_ref().unchecked_ref()) else {
        shown.set(true);
        return;
    };
    observer.observe(&marker);
    // The observer lives as long as the marker; its callback as long as the observer.
    let keep = StoredValue::new_local((observer, seen));
    on_cleanup(move || {
        keep.try_with_value(|(observer, _)| observer.disconnect());
    });
}
