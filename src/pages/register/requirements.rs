//! The certifications the filing organization lacks, said before the partner fills the form
//! in: those every filing needs at the top of the page, those of a product as it is chosen.
//! The server refuses the filing all the same; this only spares the typing.

use leptos::prelude::*;
use portico_api::certifications::{FilingRequirements, MissingCertification};

use super::Channel;
use portico_ui::api;
use portico_ui::dom::spawn;

/// What the page's parts read: loaded once per page from the channel's organization.
#[derive(Clone, Copy)]
pub(super) struct Lacking(RwSignal<FilingRequirements>);

impl Lacking {
    /// Shares what the organization lacks with the page. Through the portal it is read here;
    /// a registration link's form says it, and the page passes it on (`set`).
    pub fn provide(channel: &Channel) -> Lacking {
        let lacking = Lacking(RwSignal::new(FilingRequirements::default()));
        if *channel == Channel::Portal {
            spawn(async move {
                // Without the list the form still works: the server says it on submitting.
                if let Ok(requirements) = api::filing_requirements().await {
                    lacking.0.set(requirements);
                }
            });
        }
        provide_context(lacking);
        lacking
    }

    pub fn set(self, requirements: FilingRequirements) {
        self.0.set(requirements);
    }
}

/// Every filing of this organization needs these.
#[component]
pub(super) fn MotionRequirements(lacking: Lacking) -> impl IntoView {
    let messages = move || {
        lacking.0.with(|r| {
            r.missing
                .iter()
                .filter(|m| m.for_motion)
                .map(MissingCertification::message)
                .collect::<Vec<_>>()
        })
    };
    view! { <Notices id="motion-requirements" messages=Signal::derive(messages) /> }
}

/// The chosen products (their ids as "1,4,7") need these.
#[component]
pub(super) fn ProductRequirements(chosen: Signal<String>) -> impl IntoView {
    let Some(lacking) = use_context::<Lacking>() else {
        return ().into_any();
    };
    let messages = move || {
        let ids: Vec<i64> = chosen.with(|v| v.split(',').filter_map(|p| p.parse().ok()).collect());
        lacking.0.with(|r| {
            r.for_filing(&ids)
                .into_iter()
                .filter(|m| !m.for_motion)
                .map(MissingCertification::message)
                .collect::<Vec<_>>()
        })
    };
    view! { <Notices id="product-requirements" messages=Signal::derive(messages) /> }.into_any()
}

#[component]
fn Notices(id: &'static str, messages: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div id=id role="status">
            {move || {
                let list = messages.get();
                (!list.is_empty()).then(|| view! {
                    <div class="notice notice-warning">
                        {list.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                    </div>
                })
            }}
        </div>
    }
}
