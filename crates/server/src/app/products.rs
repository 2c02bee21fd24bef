//! The product catalog that registrations choose from; managers maintain it.

use portico_api::FieldErrors;
use portico_api::registrations::Product;

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::products;

/// Adds a product; a name already in the catalog is a conflict.
pub async fn create(state: &AppState, manager: i64, name: String) -> AppResult<Product> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let id = match products::insert(unit.tx(), &name, now).await {
            Err(e) if e.is_duplicate() => {
                return Err(AppError::Conflict(
                    "A product with this name already exists.".into(),
                    FieldErrors::from([("name".to_owned(), "Already in the catalog.".to_owned())]),
                ));
            }
            other => other?,
        };
        let product = Product { id, name };
        unit.record(entry(manager, "product.created", &product));
        Ok(product)
    })
    .await
}

/// Takes a product out of the catalog; registrations that name it keep it.
pub async fn archive(state: &AppState, manager: i64, id: i64) -> AppResult<Product> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let product = products::archive(unit.tx(), id, now)
            .await?
            .ok_or(AppError::NotFound)?
            .into_view();
        unit.record(entry(manager, "product.archived", &product));
        Ok(product)
    })
    .await
}

fn entry(manager: i64, action: &'static str, product: &Product) -> AuditEntry {
    AuditEntry {
        after: audit::state(product),
        ..AuditEntry::new(Some(manager), action, "product", Some(product.id))
    }
}
