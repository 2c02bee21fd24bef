//! Recording a learning system's completions from its CSV: every row is checked against the
//! people and the definitions first, and a file with any bad row records nothing.

use std::collections::HashMap;

use portico_api::certifications::CertificationImport;

use super::holdings::{Holder, write};
use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::domain::certifications::{Completion, RowErrors};
use crate::state::AppState;
use crate::store::certifications::{self as store, DefinitionRow, PersonRow};

/// One completion, resolved to its person and definition.
struct Resolved<'a> {
    completion: &'a Completion,
    holder: Holder,
    definition: &'a DefinitionRow,
}

/// Records the completions, unless a row is bad: `unreadable` holds the rows the file itself
/// got wrong, to which the rows naming unknown people or certifications are added.
pub async fn import(
    state: &AppState,
    manager: i64,
    completions: &[Completion],
    unreadable: RowErrors,
) -> AppResult<CertificationImport> {
    let pool = state.db.pool();
    let definitions = store::definitions(pool, &state.today(), None).await?;
    let emails: Vec<String> = completions.iter().map(|c| c.email.clone()).collect();
    let people: HashMap<String, PersonRow> = store::people_by_email(pool, &emails)
        .await?
        .into_iter()
        .map(|p| (p.email.clone(), p))
        .collect();
    let resolved = resolve(completions, &people, &definitions, unreadable)?;
    unit_of_work::run(state, async |unit| {
        let mut outcome = CertificationImport {
            recorded: 0,
            already_recorded: 0,
        };
        for r in &resolved {
            let day = r.completion.completed_on;
            if write(unit, manager, r.holder, r.definition, day, "imported").await? {
                outcome.recorded += 1;
            } else {
                outcome.already_recorded += 1;
            }
        }
        Ok(outcome)
    })
    .await
}

/// Every row's person and definition, or every row that names an unknown one.
fn resolve<'a>(
    completions: &'a [Completion],
    people: &HashMap<String, PersonRow>,
    definitions: &'a [DefinitionRow],
    mut errors: RowErrors,
) -> AppResult<Vec<Resolved<'a>>> {
    let mut resolved = Vec::new();
    for completion in completions {
        let named = completion.certification.trim().to_lowercase();
        let definition = definitions
            .iter()
            .find(|d| d.name.to_lowercase() == named || d.code == named);
        let person = people.get(&completion.email);
        match (person, definition) {
            (Some(person), Some(definition)) => resolved.push(Resolved {
                completion,
                holder: Holder {
                    person_id: person.id,
                    organization_id: person.organization_id,
                },
                definition,
            }),
            (None, _) => {
                errors.insert(
                    format!("row {}", completion.row),
                    format!(
                        "No active partner person has the address {}.",
                        completion.email
                    ),
                );
            }
            (_, None) => {
                errors.insert(
                    format!("row {}", completion.row),
                    format!("No certification is named {}.", completion.certification),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(resolved)
    } else {
        Err(AppError::Validation(errors))
    }
}
