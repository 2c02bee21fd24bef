//! A labelled group of navigation links behind a disclosure button, so an app with many pages
//! keeps a header of one row. The button says when the current page is in its group.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::on_click;
use crate::location::{NavLink, use_location};
use crate::route::Route;

/// `links` are the group's routes with their text, in order.
#[component]
pub fn NavGroup(
    id: &'static str,
    label: &'static str,
    links: Vec<(Route, &'static str)>,
) -> impl IntoView {
    let location = use_location();
    let open = RwSignal::new(false);
    // A move to another page folds the group again.
    Effect::new(move |_| {
        location.path();
        open.set(false);
    });
    let hrefs: Vec<String> = links.iter().map(|(route, _)| route.href()).collect();
    let current = move || {
        let path = location.path();
        hrefs
            .iter()
            .any(|h| path == *h || path.starts_with(&format!("{h}/")))
    };
    let menu = format!("{id}-menu");
    let group = NodeRef::<leptos::html::Li>::new();
    close_when_left(group, open);
    view! {
        <li class="nav-group" node_ref=group on:keydown=move |e: ev::KeyboardEvent| {
            if e.key() == "Escape" && open.get_untracked() {
                open.set(false);
                focus_button(group);
            }
        }>
            <button
                type="button"
                id=id
                class="nav-group-button"
                class:current=current.clone()
                aria-current=move || current().then_some("true")
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=menu.clone()
                on:click=on_click(move |_| open.update(|o| *o = !*o))
            >
                {label}
                <svg class="chevron" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                    <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" stroke-width="1.6"></path>
                </svg>
            </button>
            <ul id=menu class="nav-group-menu" class:open=open>
                {links
                    .into_iter()
                    .map(|(route, text)| view! { <li><NavLink to=route>{text}</NavLink></li> })
                    .collect_view()}
            </ul>
        </li>
    }
}

/// Folds the group when a click or the focus lands outside it.
fn close_when_left(group: NodeRef<leptos::html::Li>, open: RwSignal<bool>) {
    let outside = move |target: Option<web_sys::EventTarget>| {
        let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        match (group.get_untracked(), node) {
            (Some(group), Some(node)) => !group.contains(Some(&node)),
            _ => true,
        }
    };
    let click = window_event_listener(ev::click, move |e| {
        if open.get_untracked() && outside(e.target()) {
            open.set(false);
        }
    });
    let focus = window_event_listener(ev::focusin, move |e| {
        if open.get_untracked() && outside(e.target()) {
            open.set(false);
        }
    });
    on_cleanup(move || {
        click.remove();
        focus.remove();
    });
}

fn focus_button(group: NodeRef<leptos::html::Li>) {
    let button = group
        .get_untracked()
        .and_then(|li| li.query_selector("button").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}
