//! `/pipeline`: the partner's own organization's deals as they move through the vendor's
//! stages.

use leptos::prelude::*;
use portico_ui::dom::set_title;
use portico_ui::pipeline_list::PipelineList;

#[component]
pub fn PipelinePage() -> impl IntoView {
    set_title("Pipeline");
    view! {
        <section class="page">
            <h1 id="pipeline-heading">"Pipeline"</h1>
            <p class="muted">
                "Your organization's deals as they move through the vendor's stages. Open one to read and add shared notes."
            </p>
            <PipelineList manager=false />
        </section>
    }
}
