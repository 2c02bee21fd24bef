//! The demo's certifications: the three definitions with how to earn them, a release asking
//! architects to renew, Premium Support needing an Implementation Specialist and tech partners a
//! Solutions Architect; and the people holding them, Alice's Sales Foundations ending soon.

use portico_api::certifications::{CertificationInput, CertificationKind, Renewal};
use portico_api::date::Date;
use portico_api::organizations::Motion;

use crate::clock::Timestamp;
use crate::domain::certifications::{renewal_due, valid_until};
use crate::store::certifications::{self as store, DefinitionRow, Earning, PersonRow};
use crate::store::{Db, StoreError, products, sql};

const DAY: i64 = 24 * 60 * 60;

/// (e-mail, certification code, days since it was earned)
const HOLDINGS: [(&str, &str, i64); 8] = [
    (
        "grace@globex-consulting.example",
        "solutions_architect",
        150,
    ),
    ("grace@globex-consulting.example", "sales_foundations", 240),
    (
        "bob@globex-consulting.example",
        "implementation_specialist",
        420,
    ),
    // 24 months less 12 days: it ends in 12 days.
    ("alice@northwind.example", "sales_foundations", 718),
    ("uma@umbrella.example", "sales_foundations", 90),
    ("tony@stark-integrations.example", "solutions_architect", 30),
    ("tony@stark-integrations.example", "sales_foundations", 30),
    ("wanda@wayne-msp.example", "sales_foundations", 60),
];

pub async fn seed(db: &Db, manager: i64, now: Timestamp) -> Result<(), StoreError> {
    let today = Date::from_unix(now).to_string();
    let mut tx = db.begin_write().await?;
    let definitions = store::definitions(&mut *tx, &today, None).await?;
    let premium = products::active(db.pool())
        .await?
        .into_iter()
        .find(|p| p.name == "Premium Support")
        .map(|p| p.id);
    for definition in &definitions {
        let input = described(definition, premium, now);
        let due = input
            .renewal
            .as_ref()
            .and_then(|r| Date::parse(&r.released_on))
            .map(|day| renewal_due(day).to_string());
        store::update(&mut tx, definition.id, &input, due.as_deref(), now).await?;
    }
    let emails: Vec<String> = HOLDINGS.iter().map(|(e, ..)| (*e).to_owned()).collect();
    let people = store::people_by_email(&mut *tx, &emails).await?;
    for (email, code, days) in HOLDINGS {
        let person = people.iter().find(|p| p.email == email);
        let definition = definitions.iter().find(|d| d.code == code);
        if let (Some(person), Some(definition)) = (person, definition) {
            hold(&mut tx, person, definition, now - days * DAY, manager).await?;
        }
    }
    tx.commit().await
}

/// The definition as the demo program describes it.
fn described(
    definition: &DefinitionRow,
    premium: Option<i64>,
    now: Timestamp,
) -> CertificationInput {
    let mut input = CertificationInput {
        name: definition.name.clone(),
        kind: definition.kind,
        validity_months: 24,
        renewal: None,
        how_to_earn: format!(
            "Take the {} course on academy.acme.example and pass its exam.",
            definition.name
        ),
        required_for_motions: Vec::new(),
        required_for_products: Vec::new(),
    };
    match definition.code.as_str() {
        "solutions_architect" => {
            input.required_for_motions = vec![Motion::Tech];
            input.renewal = Some(Renewal {
                release: "Acme Cloud Platform 5".into(),
                released_on: Date::from_unix(now - 20 * DAY).to_string(),
            });
        }
        "implementation_specialist" => input.required_for_products = premium.into_iter().collect(),
        _ => input.kind = CertificationKind::Sales,
    }
    input
}

async fn hold(
    tx: &mut sql::Conn,
    person: &PersonRow,
    definition: &DefinitionRow,
    earned_at: Timestamp,
    manager: i64,
) -> Result<(), StoreError> {
    let earned = Date::from_unix(earned_at);
    let until = valid_until(earned, 24).to_string();
    let earning = Earning {
        person_id: person.id,
        organization_id: person.organization_id,
        certification_id: definition.id,
        earned_on: &earned.to_string(),
        valid_until: &until,
        source: "recorded",
        recorded_by: manager,
    };
    store::record(&mut *tx, earning, earned_at).await?;
    Ok(())
}
