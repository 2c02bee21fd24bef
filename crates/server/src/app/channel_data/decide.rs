//! What becomes of rows: each is read with the source's layout, its product, customer and
//! partner looked up, told apart from what was reported before (the same reference of the
//! same source, or the same sale from another source), and linked to its registration.

use std::collections::HashMap;

use portico_api::channel_data::transactions::CustomerMatch;
use portico_api::channel_data::{Field, SourceKind};

use super::lookups::{Found, Lookups};
use crate::app::AppResult;
use crate::domain::channel::fingerprint;
use crate::domain::channel::row::{self, Layout, Values};
use crate::store::channel_data::{self as store, NewTransaction, SourceRow};
use crate::store::sql::Conn;

/// What a decision refers to: a stored transaction, or one a row of the same batch makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Stored(i64),
    Row(i64),
}

#[derive(Debug, Clone)]
pub enum Outcome {
    New(Box<NewTransaction>),
    Corrected(Ref, Box<NewTransaction>),
    Duplicate(Ref),
    Waiting(Field, String),
    Rejected(String),
}

#[derive(Debug, Clone)]
pub struct Decision {
    pub row_number: i64,
    pub cells: Vec<String>,
    pub outcome: Outcome,
}

/// The import a batch of rows belongs to.
pub struct Context {
    pub source: SourceRow,
    pub import_id: i64,
    pub lookups: Lookups,
}

/// A row read and looked up, not yet compared with what was reported before.
struct Ready {
    row_number: i64,
    cells: Vec<String>,
    transaction: NewTransaction,
}

/// A row read by the source's layout: its number, its cells, and its values or why it has none.
pub type Parsed = (i64, Vec<String>, Result<Values, Outcome>);

/// Reads rows with the layout: what needs no database, so it can run while the chunk before
/// is being stored.
pub fn parse(layout: &Layout, rows: Vec<(i64, Vec<String>)>) -> Vec<Parsed> {
    rows.into_iter()
        .map(|(n, cells)| {
            let values = first_look(layout, &cells);
            (n, cells, values)
        })
        .collect()
}

pub async fn decide(
    tx: &mut Conn,
    ctx: &mut Context,
    mut read: Vec<Parsed>,
) -> AppResult<Vec<Decision>> {
    let customers: Vec<(Option<String>, String)> = read
        .iter()
        .filter_map(|(_, _, v)| v.as_ref().ok())
        .map(|v| (v.customer_domain.clone(), v.customer_key.clone()))
        .collect();
    ctx.lookups.fetch_customers(tx, &customers).await?;
    let mut decisions = Vec::with_capacity(read.len());
    let mut ready = Vec::new();
    for (row_number, cells, values) in read.drain(..) {
        match values.and_then(|v| transaction(ctx, row_number, v)) {
            Ok(transaction) => ready.push(Ready {
                row_number,
                cells,
                transaction,
            }),
            Err(outcome) => decisions.push(Decision {
                row_number,
                cells,
                outcome,
            }),
        }
    }
    let mut partners: Vec<i64> = ready
        .iter()
        .filter_map(|r| r.transaction.organization_id)
        .collect();
    partners.sort_unstable();
    partners.dedup();
    ctx.lookups.fetch_registrations(tx, &partners).await?;
    for r in &mut ready {
        link(&ctx.lookups, &mut r.transaction);
    }
    decisions.extend(compare(tx, ctx.source.id, ready).await?);
    decisions.sort_by_key(|d| d.row_number);
    Ok(decisions)
}

/// The row's values, or why it waits (or is rejected) before any lookup in the database.
fn first_look(layout: &Layout, cells: &[String]) -> Result<Values, Outcome> {
    let values = row::read(layout, cells).map_err(|p| Outcome::Waiting(p.field(), p.reason()))?;
    if values.amount == 0 {
        return Err(Outcome::Rejected(
            "Nothing was sold: the amount is 0.".to_owned(),
        ));
    }
    Ok(values)
}

/// The transaction the values make, with the customer's account and the partner credited.
fn transaction(ctx: &Context, row_number: i64, v: Values) -> Result<NewTransaction, Outcome> {
    let (account_id, match_strength) = match ctx
        .lookups
        .customer(v.customer_domain.as_deref(), &v.customer_key)
    {
        Found::Account(id, strength) => (Some(id), strength),
        Found::Nowhere => (None, CustomerMatch::None),
        // Says nothing of the account book: a partner admin reads the reason of their rows.
        Found::Several => {
            let reason = format!(
                "\"{}\" waits for the partner team to confirm which customer it is.",
                v.customer_name
            );
            return Err(Outcome::Waiting(Field::CustomerName, reason));
        }
    };
    let product_id = ctx.lookups.product(&v.product).ok_or_else(|| {
        Outcome::Waiting(
            Field::Product,
            format!("No product is called \"{}\".", v.product),
        )
    })?;
    let organization_id = match ctx.source.kind {
        SourceKind::Partner => ctx.source.organization_id,
        SourceKind::Distributor => v.reseller.as_deref().and_then(|r| ctx.lookups.partner(r)),
    };
    let day = v.date.to_string();
    let print = fingerprint(
        &day,
        (account_id, &v.customer_key),
        product_id,
        (v.amount, v.currency),
    );
    Ok(NewTransaction {
        source_id: ctx.source.id,
        organization_id,
        reference: v.reference,
        fingerprint: print,
        transaction_date: day,
        customer_name: v.customer_name,
        customer_key: v.customer_key,
        customer_domain: v.customer_domain,
        customer_country: v.country.map(str::to_owned),
        account_id,
        match_strength,
        product_id,
        quantity_milli: v.quantity_milli,
        unit_price: v.unit_price,
        amount: v.amount,
        currency: v.currency.to_owned(),
        end_of_term: v.end_of_term.map(|d| d.to_string()),
        registration_id: None,
        opportunity_id: None,
        import_id: ctx.import_id,
        row_number,
    })
}

/// Links the transaction to the credited partner's registration of the customer.
fn link(lookups: &Lookups, t: &mut NewTransaction) {
    let Some(organization_id) = t.organization_id else {
        return;
    };
    let customer = (t.customer_key.as_str(), t.customer_domain.as_deref());
    if let Some((registration, opportunity)) = lookups.registration(organization_id, customer) {
        t.registration_id = Some(registration);
        t.opportunity_id = opportunity;
    }
}

/// What each ready row is beside what was reported before and the rows before it: new, a
/// correction (its reference again with other values), or a duplicate.
async fn compare(tx: &mut Conn, source_id: i64, ready: Vec<Ready>) -> AppResult<Vec<Decision>> {
    let references: Vec<String> = ready
        .iter()
        .filter_map(|r| r.transaction.reference.clone())
        .collect();
    let prints: Vec<i64> = ready.iter().map(|r| r.transaction.fingerprint).collect();
    let mut seen = Seen::of(source_id);
    for k in store::known(tx, source_id, (&references, &prints)).await? {
        seen.add(Ref::Stored(k.id), k.source_id, k.reference, k.fingerprint);
    }
    let mut decisions = Vec::with_capacity(ready.len());
    for r in ready {
        let t = r.transaction;
        let outcome = match seen.decide(t.reference.as_deref(), t.fingerprint) {
            Some(Same::Reference(at, print)) if print == t.fingerprint => Outcome::Duplicate(at),
            Some(Same::Reference(at, _)) => {
                seen.add(at, source_id, t.reference.clone(), t.fingerprint);
                Outcome::Corrected(at, Box::new(t))
            }
            Some(Same::Sale(at)) => Outcome::Duplicate(at),
            None => {
                seen.add(
                    Ref::Row(r.row_number),
                    source_id,
                    t.reference.clone(),
                    t.fingerprint,
                );
                Outcome::New(Box::new(t))
            }
        };
        decisions.push(Decision {
            row_number: r.row_number,
            cells: r.cells,
            outcome,
        });
    }
    Ok(decisions)
}

enum Same {
    /// The source's reference again, and the fingerprint it has now.
    Reference(Ref, i64),
    /// The same sale: another source's, or one of this source's without a reference to tell
    /// them apart.
    Sale(Ref),
}

/// Transactions a batch of one source's rows is compared with: stored ones and the batch's
/// own new ones. References count within the source only.
struct Seen {
    source_id: i64,
    references: HashMap<String, (Ref, i64)>,
    prints: HashMap<i64, Vec<(Ref, i64, bool)>>,
}

impl Seen {
    fn of(source_id: i64) -> Seen {
        Seen {
            source_id,
            references: HashMap::new(),
            prints: HashMap::new(),
        }
    }

    fn add(&mut self, at: Ref, source_id: i64, reference: Option<String>, print: i64) {
        let has_reference = reference.is_some();
        if let Some(reference) = reference.filter(|_| source_id == self.source_id) {
            self.references.insert(reference, (at, print));
        }
        self.prints
            .entry(print)
            .or_default()
            .push((at, source_id, has_reference));
    }

    fn decide(&self, reference: Option<&str>, print: i64) -> Option<Same> {
        let source_id = self.source_id;
        if let Some((at, was)) = reference.and_then(|r| self.references.get(r)) {
            return Some(Same::Reference(*at, *was));
        }
        self.prints
            .get(&print)?
            .iter()
            .find_map(|(at, source, had)| {
                let same = *source != source_id || !had || reference.is_none();
                same.then_some(Same::Sale(*at))
            })
    }
}
