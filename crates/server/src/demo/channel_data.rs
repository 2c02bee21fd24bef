//! The demo's channel data: Stark Integrations' own report (comma-separated, ISO dates, a
//! website per customer) and a distributor's in German layout (semicolons, `31.12.2026`,
//! decimal commas, resellers named per row), sent again a week later with one line corrected
//! and one sale added. They are imported before the server starts; a product nobody has heard
//! of waits for review.

use std::path::Path;

use portico_api::channel_data::{DateOrder, NewSource, SetMapping, SourceKind};

use crate::app::AppResult;
use crate::app::channel_data::{self as channel, processing, upload};
use crate::blobs::Scratch;
use crate::state::AppState;
use crate::store::{organizations, users};

const STARK: &str = "\
Date,Invoice,Customer,Website,Product,Amount,Currency
2026-10-02,SI-1001,Woodgrove Bank,woodgrovebank.com,Acme Analytics,12000.00,USD
2026-10-15,SI-1002,Fabrikam Inc.,fabrikam.com,Acme Cloud Platform,8400.00,USD
2026-11-03,SI-1003,Alpine Ski House,alpineskihouse.com,Premium Support,1500.00,USD
";

const DISTRIBUTOR: &str = "\
Rechnungsdatum;Rechnungsnummer;Endkunde;Artikel;Menge;Einzelpreis;Währung;Wiederverkäufer
03.11.2026;TT-5001;Woodgrove Bank;ACME CONNECT;10;1.200,00;EUR;Stark Integrations
05.11.2026;TT-5002;Coho Winery;Acme Analytics;2;950,00;EUR;Globex Consulting
07.11.2026;TT-5003;Lucerne Publishing;Acme Insight Pro;1;4.800,00;EUR;Globex Consulting
";

/// The same report a week later: TT-5002's quantity corrected, TT-5004 new.
const DISTRIBUTOR_AGAIN: &str = "\
Rechnungsdatum;Rechnungsnummer;Endkunde;Artikel;Menge;Einzelpreis;Währung;Wiederverkäufer
03.11.2026;TT-5001;Woodgrove Bank;ACME CONNECT;10;1.200,00;EUR;Stark Integrations
05.11.2026;TT-5002;Coho Winery;Acme Analytics;3;950,00;EUR;Globex Consulting
12.11.2026;TT-5004;Proseware;Premium Support;1;2.400,00;EUR;Initech Referrals
";

pub async fn seed(state: &AppState) -> AppResult<()> {
    let manager = users::by_email(state.db.pool(), "manager@acme.example")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    let stark = organizations::id_by_name(state.db.pool(), "Stark Integrations").await?;
    let partner = NewSource {
        name: "Stark Integrations".to_owned(),
        kind: SourceKind::Partner,
        organization_id: stark,
        date_order: DateOrder::MonthFirst,
        currency: None,
    };
    let distributor = NewSource {
        name: "Tailwind Distribution".to_owned(),
        kind: SourceKind::Distributor,
        organization_id: None,
        date_order: DateOrder::DayFirst,
        currency: None,
    };
    let by = (manager, None);
    let partner = channel::create(state, by, &partner).await?;
    report(
        state,
        manager,
        (partner.id, DateOrder::MonthFirst),
        ("stark-q4.csv", STARK),
    )
    .await?;
    let distributor = channel::create(state, by, &distributor).await?;
    let first = ("tailwind-november.csv", DISTRIBUTOR);
    report(state, manager, (distributor.id, DateOrder::DayFirst), first).await?;
    let again = ("tailwind-november-corrected.csv", DISTRIBUTOR_AGAIN);
    report(state, manager, (distributor.id, DateOrder::DayFirst), again).await?;
    while processing::run_next(state, None).await?.is_some() {}
    Ok(())
}

/// Uploads a report and confirms the suggested mapping, as a manager would.
async fn report(
    state: &AppState,
    manager: i64,
    (source_id, date_order): (i64, DateOrder),
    (name, content): (&str, &str),
) -> AppResult<()> {
    let file = Scratch::new();
    write(file.path(), content)?;
    let import = upload::create(
        state,
        (manager, None),
        (source_id, None),
        (name, file.path()),
    )
    .await?;
    if let Some(columns) = import.suggestion {
        let mapping = SetMapping {
            columns,
            date_order,
            currency: None,
        };
        channel::set_mapping(state, (manager, None), source_id, &mapping).await?;
    }
    Ok(())
}

fn write(path: &Path, content: &str) -> AppResult<()> {
    std::fs::write(path, content).map_err(crate::app::AppError::internal)
}
