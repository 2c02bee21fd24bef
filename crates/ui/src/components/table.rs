//! Tables: scrollable and keyboard-reachable on every screen, with the first column and a
//! row's actions kept in view, and each row a card on a phone.

use leptos::html::Tbody;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// A table with column headers; `children` are its rows. On a phone (below 40rem) each row
/// reads as a card whose cells are named by their column (`data-label`, which the table writes
/// into every cell as rows arrive, so pages write plain `<td>`s).
#[component]
pub fn DataTable(
    /// The id of the heading that names the table.
    labelled_by: &'static str,
    headers: &'static [&'static str],
    #[prop(optional)] id: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let body = NodeRef::<Tbody>::new();
    label_cells_of(body, headers);
    view! {
        <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
            <table id=(!id.is_empty()).then_some(id) class="cards-on-phone">
                <thead>
                    <tr>
                        {headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody node_ref=body>{children()}</tbody>
            </table>
        </div>
    }
}

/// Names each cell of the body by its column now and whenever rows are added.
fn label_cells_of(body: NodeRef<Tbody>, headers: &'static [&'static str]) {
    body.on_load(move |tbody| {
        let element: web_sys::Element = tbody.unchecked_into();
        label_cells(&element, headers);
        let target = element.clone();
        let relabel = Closure::<dyn Fn()>::new(move || label_cells(&target, headers));
        let Ok(observer) = web_sys::MutationObserver::new(relabel.as_ref().unchecked_ref()) else {
            return;
        };
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        if observer.observe_with_options(&element, &options).is_err() {
            return;
        }
        // The observer lives as long as the table; its callback as long as the observer.
        let keep = StoredValue::new_local((observer, relabel));
        on_cleanup(move || {
            keep.try_with_value(|(observer, _)| observer.disconnect());
        });
    });
}

/// Writes each data cell's column header into its `data-label`; a cell spanning columns (a
/// row's details) is left alone.
fn label_cells(body: &web_sys::Element, headers: &[&str]) {
    let rows = body.children();
    for r in 0..rows.length() {
        let Some(row) = rows.item(r) else { continue };
        let cells = row.children();
        for c in 0..cells.length() {
            let Some(cell) = cells.item(c) else { continue };
            let plain = cell.tag_name() == "TD" && !cell.has_attribute("colspan");
            if let (true, Some(header)) = (plain, headers.get(c as usize))
                && cell.get_attribute("data-label").as_deref() != Some(header)
            {
                let _ = cell.set_attribute("data-label", header);
            }
        }
    }
}
