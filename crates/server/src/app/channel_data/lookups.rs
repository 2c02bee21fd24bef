//! What an import knows while it runs: the products and their aliases, the partners by name,
//! and the accounts and registrations it has looked up so far (a report names the same
//! customers over and over, so each is asked for once).

use std::collections::{BTreeSet, HashMap};

use portico_api::channel_data::transactions::CustomerMatch;

use crate::app::AppResult;
use crate::domain::blocking::probe_keys;
use crate::domain::channel::product_key;
use crate::domain::company::{NameMatch, compare_names, name_key};
use crate::store::channel_data as store;
use crate::store::sql::Conn;

/// Where a customer was found in the account book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Account(i64, CustomerMatch),
    /// Several accounts have this name, or one close to it: a person chooses.
    Several,
    Nowhere,
}

#[derive(Default)]
pub struct Lookups {
    products: HashMap<String, i64>,
    partners: HashMap<String, i64>,
    by_domain: HashMap<String, Option<i64>>,
    by_name: HashMap<String, Found>,
    registrations: HashMap<i64, Registered>,
}

impl Lookups {
    pub async fn load(db: &mut Conn) -> AppResult<Lookups> {
        let product_names = store::products(&mut *db).await?;
        let mut products: HashMap<String, i64> = product_names
            .into_iter()
            .map(|(id, name)| (product_key(&name), id))
            .collect();
        for alias in store::aliases(&mut *db, None).await? {
            products.insert(alias.alias_key, alias.product_id);
        }
        let partners = store::organizations(&mut *db)
            .await?
            .into_iter()
            .map(|(id, name)| (name_key(&name), id))
            .collect();
        Ok(Lookups {
            products,
            partners,
            ..Lookups::default()
        })
    }

    pub fn product(&self, text: &str) -> Option<i64> {
        self.products.get(&product_key(text)).copied()
    }

    pub fn partner(&self, name: &str) -> Option<i64> {
        self.partners.get(&name_key(name)).copied()
    }

    /// Looks up the domains and names not asked for yet, all at once.
    pub async fn fetch_customers(
        &mut self,
        tx: &mut Conn,
        customers: &[(Option<String>, String)],
    ) -> AppResult<()> {
        let domains: Vec<String> = unknown(
            customers.iter().filter_map(|(d, _)| d.clone()),
            &self.by_domain,
        );
        for (domain, id) in store::accounts_by_domain(tx, &domains).await? {
            self.by_domain.entry(domain).or_insert(Some(id));
        }
        for domain in domains {
            self.by_domain.entry(domain).or_insert(None);
        }
        let keys: Vec<String> = unknown(customers.iter().map(|(_, k)| k.clone()), &self.by_name);
        for (key, id) in store::customer_aliases(tx, &keys).await? {
            self.by_name
                .insert(key, Found::Account(id, CustomerMatch::Confirmed));
        }
        let mut named: HashMap<String, Vec<i64>> = HashMap::new();
        for (key, id) in store::accounts_by_name(tx, &keys).await? {
            named.entry(key).or_default().push(id);
        }
        let unnamed: Vec<&str> = keys
            .iter()
            .filter(|k| !named.contains_key(*k) && !self.by_name.contains_key(*k))
            .map(String::as_str)
            .collect();
        let similar = similar_accounts(tx, &unnamed).await?;
        for key in keys {
            let found = match named.get(&key).map(Vec::as_slice) {
                Some([id]) => Found::Account(*id, CustomerMatch::Name),
                Some(_) => Found::Several,
                None => match similar.get(&key) {
                    Some(ids) if ids.len() > 1 => Found::Several,
                    Some(ids) => ids.first().map_or(Found::Nowhere, |id| {
                        Found::Account(*id, CustomerMatch::Similar)
                    }),
                    None => Found::Nowhere,
                },
            };
            self.by_name.entry(key).or_insert(found);
        }
        Ok(())
    }

    /// The customer's account: by domain first, then by name (or a name a person tied).
    pub fn customer(&self, domain: Option<&str>, key: &str) -> Found {
        if let Some(Some(id)) = domain.and_then(|d| self.by_domain.get(d)) {
            return Found::Account(*id, CustomerMatch::Domain);
        }
        self.by_name.get(key).copied().unwrap_or(Found::Nowhere)
    }

    /// Reads the approved registrations of the partners not read yet, once per import.
    pub async fn fetch_registrations(&mut self, tx: &mut Conn, partners: &[i64]) -> AppResult<()> {
        for id in partners {
            if self.registrations.contains_key(id) {
                continue;
            }
            let mut registered = Registered::default();
            for (registration, key, domain, opportunity) in
                store::approved_registrations(tx, *id).await?
            {
                // Oldest first: a later registration of the same customer wins.
                registered.by_name.insert(key, (registration, opportunity));
                if let Some(domain) = domain {
                    registered
                        .by_domain
                        .insert(domain, (registration, opportunity));
                }
            }
            self.registrations.insert(*id, registered);
        }
        Ok(())
    }

    /// The partner's registration of the customer (by domain, then name) and its deal.
    pub fn registration(
        &self,
        partner: i64,
        (key, domain): (&str, Option<&str>),
    ) -> Option<(i64, Option<i64>)> {
        let registered = self.registrations.get(&partner)?;
        domain
            .and_then(|d| registered.by_domain.get(d))
            .or_else(|| registered.by_name.get(key))
            .copied()
    }
}

/// A partner's approved registrations by customer.
#[derive(Default)]
struct Registered {
    by_name: HashMap<String, (i64, Option<i64>)>,
    by_domain: HashMap<String, (i64, Option<i64>)>,
}

/// The accounts the company matcher calls the same company as each key, up to typos, run-together
/// words or a descriptor (a strong match; a short form or initials alone is not enough to
/// credit a sale), found through the conflict check's blocking keys.
async fn similar_accounts(
    tx: &mut Conn,
    keys: &[&str],
) -> AppResult<HashMap<String, BTreeSet<i64>>> {
    let mut probes: HashMap<String, Vec<&str>> = HashMap::new();
    for key in keys {
        for block in probe_keys(key) {
            probes.entry(block).or_default().push(key);
        }
    }
    let blocks: Vec<String> = probes.keys().cloned().collect();
    let mut similar: HashMap<String, BTreeSet<i64>> = HashMap::new();
    for (block, account, account_key) in store::accounts_by_block(tx, &blocks).await? {
        for key in probes.get(&block).into_iter().flatten() {
            if matches!(
                compare_names(key, &account_key),
                NameMatch::Same | NameMatch::Strong(_)
            ) {
                similar
                    .entry((*key).to_owned())
                    .or_default()
                    .insert(account);
            }
        }
    }
    Ok(similar)
}

/// The distinct values not in `known` yet.
fn unknown<V>(values: impl Iterator<Item = String>, known: &HashMap<String, V>) -> Vec<String> {
    let mut out: Vec<String> = values.filter(|v| !known.contains_key(v)).collect();
    out.sort();
    out.dedup();
    out
}
