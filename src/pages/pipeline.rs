//! `/pipeline`: the partner's own organization's deals as they move through the vendor's
//! stages.

use crate::text;
use leptos::prelude::*;
use portico_ui::dom::set_title;
use portico_ui::pipeline_list::PipelineList;

#[component]
pub fn PipelinePage() -> impl IntoView {
    set_title(text::pipeline::TITLE);
    view! {
        <section class="page">
            <h1 id="pipeline-heading">{text::pipeline::TITLE}</h1>
            <p class="muted">{text::pipeline::INTRO}</p>
            <PipelineList manager=false />
        </section>
    }
}
