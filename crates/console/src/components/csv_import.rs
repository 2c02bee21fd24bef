//! Importing a CSV file whose rows are all recorded or none: the file input, any options the
//! page adds, and the outcome, either what was recorded or every bad row.

use leptos::prelude::*;
use portico_ui::api::ApiError;
use portico_ui::components::SubmitButton;
use portico_ui::dom::{on_submit, spawn};
use portico_ui::session::use_session;
use wasm_bindgen_futures::JsFuture;

use crate::text;

/// What the page imports: its ids, words, and how to send the file's text.
pub struct Importer<F> {
    /// Prefix of the form's ids: `{id}-file`, `{id}-submit`, `{id}-result`.
    pub id: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    /// Sends the text with the CSRF token; says what was recorded.
    pub send: F,
}

#[derive(Clone)]
enum Outcome {
    Nothing,
    Done(String),
    Refused(String, Vec<(String, String)>),
}

#[component]
pub fn CsvImport<F, Fut>(
    importer: Importer<F>,
    /// Called after a file was recorded.
    reload: Callback<()>,
    /// Options of the import, between the file and the button.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    F: Fn(String, String) -> Fut + Copy + 'static,
    Fut: std::future::Future<Output = Result<String, ApiError>> + 'static,
{
    let Importer {
        id,
        title,
        intro,
        send,
    } = importer;
    let session = use_session();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(Outcome::Nothing);
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move || {
        let file = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            outcome.set(Outcome::Refused(
                text::csv_import::CHOOSE_CSV.into(),
                vec![],
            ));
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let csrf = session.csrf();
        spawn(async move {
            let read = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let result = match read {
                Some(csv) => send(csrf, csv).await,
                None => Err(ApiError {
                    status: 0,
                    code: "unreadable".into(),
                    message: text::csv_import::UNREADABLE.into(),
                    fields: Default::default(),
                }),
            };
            busy.set(false);
            outcome.set(match result {
                Ok(summary) => {
                    reload.run(());
                    Outcome::Done(summary)
                }
                Err(e) => Outcome::Refused(e.message, e.fields.into_iter().collect()),
            });
        });
    };
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading class="section-title">{title}</h2>
            <p class="muted">{intro}</p>
            <form class="form" novalidate on:submit=on_submit(submit)>
                <div class="field">
                    <label for=format!("{id}-file")>{text::csv_import::CSV_FILE}</label>
                    <input id=format!("{id}-file") type="file" accept=".csv,text/csv" node_ref=input />
                </div>
                {children.map(|c| c())}
                <SubmitButton
                    id=format!("{id}-submit")
                    label=text::csv_import::IMPORT
                    busy_label=text::csv_import::IMPORTING
                    busy
                />
            </form>
            <div aria-live="polite" id=format!("{id}-result")>
                {move || match outcome.get() {
                    Outcome::Nothing => ().into_any(),
                    Outcome::Done(summary) => view! { <p class="notice notice-success">{summary}</p> }.into_any(),
                    Outcome::Refused(message, rows) => view! {
                        <div class="notice notice-error" role="alert">
                            <p>{message}</p>
                            <ul>
                                {rows
                                    .into_iter()
                                    .map(|(row, problem)| view! { <li>{format!("{row}: {problem}")}</li> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
}
