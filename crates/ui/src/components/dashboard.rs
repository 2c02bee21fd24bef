//! What both home pages are made of: counts that link to the list they count, and cards that
//! say what to do when they have nothing to show.

use leptos::prelude::*;

use crate::components::{Glyph, Icon};

/// A count and what it counts, as one link to that list.
#[component]
pub fn Stat(
    id: &'static str,
    count: i64,
    #[prop(into)] label: String,
    href: String,
    /// Marks a count that needs attention when it is not zero.
    #[prop(optional)]
    urgent: bool,
) -> impl IntoView {
    let alert = urgent && count > 0;
    view! {
        <a class="stat" class:stat-urgent=alert id=id href=href>
            <span class="stat-value">{count}</span>
            <span class="stat-label">{label}</span>
        </a>
    }
}

/// A home page card with its heading and the heading's icon.
#[component]
pub fn HomeCard(
    id: &'static str,
    title: &'static str,
    glyph: Glyph,
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section class="card home-card" id=id aria-labelledby=labelled_by>
            <h2 id=heading class="card-title">
                <Icon glyph />
                {title}
            </h2>
            {children()}
        </section>
    }
}
