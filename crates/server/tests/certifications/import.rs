//! A learning system's CSV of completions: every bad row named, nothing half-imported, a
//! repeat counted rather than recorded twice.

use super::*;

async fn import(manager: &Session, csv: &str) -> reqwest::Response {
    manager.post_csv("/api/certifications/import", csv).await
}

#[tokio::test]
async fn a_learning_systems_csv_records_every_row_or_none() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let today = today(&app).to_string();
    let bad = format!(
        "email,certification,completed_at\n\
         nate@northwind.example,Implementation Specialist,{today}\n\
         nobody@nowhere.example,Implementation Specialist,{today}\n\
         nate@northwind.example,Underwater Basketry,{today}\n\
         nate@northwind.example,Sales Foundations,someday\n"
    );
    let (_, body) = error(
        import(&manager, &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields = &body["error"]["fields"];
    assert!(
        fields["row 3"]
            .as_str()
            .unwrap()
            .contains("nobody@nowhere.example")
    );
    assert!(
        fields["row 4"]
            .as_str()
            .unwrap()
            .contains("Underwater Basketry")
    );
    assert!(fields["row 5"].as_str().unwrap().contains("YYYY-MM-DD"));
    assert_eq!(fields.as_object().unwrap().len(), 3, "{body}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM person_certifications WHERE source = 'imported'")
            .await,
        0,
        "nothing half-imported"
    );

    let good = format!(
        "Completed_At,Email,Certification\n\
         {today}T09:30:00Z,Nate@Northwind.example,implementation_specialist\n\
         {today},alice@northwind.example,Sales Foundations\n"
    );
    let done = json(import(&manager, &good).await, StatusCode::OK).await;
    assert_eq!(done, json!({ "recorded": 2, "already_recorded": 0 }));
    let again = json(import(&manager, &good).await, StatusCode::OK).await;
    assert_eq!(again, json!({ "recorded": 0, "already_recorded": 2 }));
    assert_eq!(app.audit("certification.recorded").await.len(), 2);

    let as_json = manager
        .post("/api/certifications/import")
        .json(&json!({ "rows": [] }))
        .unchecked()
        .send()
        .await
        .unwrap();
    error(as_json, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    let alice = app.sign_in(ALICE).await;
    error(import(&alice, &good).await, StatusCode::FORBIDDEN).await;
}
