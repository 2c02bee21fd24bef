//! The conflict check's inner loop: normalizing names and comparing one against many.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use portico_server::domain::company::{NameMatch, compare_names, name_key, registrable_domain};

const NAMES: [&str; 6] = [
    "ACME Corporation",
    "Société Générale S.A.",
    "The Boring Company",
    "Globex International Holdings Ltd",
    "Stark Industires",
    "Massive Dynamic Corp.",
];

const PAIRS: [(&str, &str); 6] = [
    ("acme", "acme"),
    ("stark industrie", "stark industire"),
    ("globex international", "globex"),
    ("blue origin", "blue apron"),
    ("datadog", "data dog"),
    ("delta air line", "delta dental"),
];

const FIRST: [&str; 20] = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Wonka",
    "Hooli",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Litware",
    "Vandelay",
    "Massive",
    "Pied",
    "Oscorp",
    "Gringotts",
];

const SECOND: [&str; 10] = [
    "Cloud",
    "Bank",
    "Industries",
    "Consulting",
    "Logistics",
    "Health",
    "Dynamic",
    "Traders",
    "International",
    "Software",
];

/// 10,000 plausible keys: every first word with every second word and a branch number.
fn book(first: &[&str]) -> Vec<String> {
    (0..10_000)
        .map(|i| {
            let name = format!(
                "{} {} {} Ltd",
                first[i % first.len()],
                SECOND[(i / first.len()) % SECOND.len()],
                i / (first.len() * SECOND.len())
            );
            name_key(&name)
        })
        .collect()
}

fn scan(c: &mut Criterion, label: &str, keys: &[String], probe: &str) {
    let probe = name_key(probe);
    c.bench_function(label, |b| {
        b.iter(|| {
            keys.iter()
                .filter(|k| compare_names(black_box(&probe), k) != NameMatch::Different)
                .count()
        })
    });
}

fn normalizing(c: &mut Criterion) {
    c.bench_function("name_key (6 names)", |b| {
        b.iter(|| NAMES.map(|n| name_key(black_box(n))))
    });
    c.bench_function("registrable_domain", |b| {
        b.iter(|| registrable_domain(black_box("https://www.shop.acme.co.uk/about")))
    });
}

fn comparing(c: &mut Criterion) {
    c.bench_function("compare_names (6 pairs)", |b| {
        b.iter(|| PAIRS.map(|(x, y)| compare_names(black_box(x), black_box(y))))
    });
    scan(
        c,
        "compare_names, one against 10,000",
        &book(&FIRST),
        "Globex Intl",
    );
    // Worst case: every key starts like the probe, so no key is turned away by its first letter.
    scan(
        c,
        "compare_names, one against 10,000 sharing its first word",
        &book(&["Globex"]),
        "Globex Consulting Group",
    );
}

criterion_group!(benches, normalizing, comparing);
criterion_main!(benches);
