//! The product catalog registrations refer to.

use super::ApiError;
use super::request::Call;
use portico_api::registrations::{CreateProduct, Product};

/// `GET /api/products`
pub async fn products() -> Result<Vec<Product>, ApiError> {
    Call::get("/api/products").read().await
}

/// `POST /api/products`
pub async fn create_product(csrf: &str, body: &CreateProduct) -> Result<Product, ApiError> {
    Call::write("POST", "/api/products", csrf)
        .json(body)
        .read()
        .await
}

/// `POST /api/products/{id}/archive`
pub async fn archive_product(csrf: &str, id: i64) -> Result<Product, ApiError> {
    let url = format!("/api/products/{id}/archive");
    Call::write("POST", &url, csrf).read().await
}
