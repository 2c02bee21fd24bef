//! Certifications: definitions, what people hold, the CSV of completions, and what a filing
//! needs.

use super::ApiError;
use super::request::Call;
use portico_api::certifications::{
    CertificationDefinition, CertificationImport, CertificationInput, CertificationList,
    FilingRequirements, OrganizationPeople, PersonCertifications, RecordCertification,
};

/// `GET /api/certifications`
pub async fn certifications() -> Result<CertificationList, ApiError> {
    Call::get("/api/certifications").read().await
}

/// `POST /api/certifications`
pub async fn create_certification(
    csrf: &str,
    body: &CertificationInput,
) -> Result<CertificationDefinition, ApiError> {
    Call::write("POST", "/api/certifications", csrf)
        .json(body)
        .read()
        .await
}

/// `PUT /api/certifications/{id}`
pub async fn update_certification(
    csrf: &str,
    id: i64,
    body: &CertificationInput,
) -> Result<CertificationDefinition, ApiError> {
    let url = format!("/api/certifications/{id}");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `POST /api/certifications/import` with the file's text.
pub async fn import_completions(csrf: &str, csv: String) -> Result<CertificationImport, ApiError> {
    Call::write("POST", "/api/certifications/import", csrf)
        .text(csv, "text/csv")
        .read()
        .await
}

/// `GET /api/organizations/{id}/people`: its people and what each holds.
pub async fn organization_people(organization_id: i64) -> Result<OrganizationPeople, ApiError> {
    let url = format!("/api/organizations/{organization_id}/people");
    Call::get(&url).read().await
}

/// `POST /api/people/{id}/certifications`
pub async fn record_certification(
    csrf: &str,
    person_id: i64,
    body: &RecordCertification,
) -> Result<PersonCertifications, ApiError> {
    let url = format!("/api/people/{person_id}/certifications");
    Call::write("POST", &url, csrf).json(body).read().await
}

/// `GET /api/registrations/requirements`: what the caller's organization lacks for filings.
pub async fn filing_requirements() -> Result<FilingRequirements, ApiError> {
    Call::get("/api/registrations/requirements").read().await
}
