//! The conflict check's inner loop: normalizing names and comparing one against many.

use criterion::{Criterion, criterion_group, criterion_main};
use portico_server::domain::company::{compare_names, name_key, registrable_domain};
use std::hint::black_box;

const NAMES: [&str; 6] = [
    "ACME Corporation",
    "Société Générale S.A.",
    "The Boring Company",
    "Globex International Holdings Ltd",
    "Stark Industires",
    "Massive Dynamic Corp.",
];

fn normalizing(c: &mut Criterion) {
    c.bench_function("name_key (6 names)", |b| {
        b.iter(|| NAMES.map(|n| name_key(black_box(n))))
    });
    c.bench_function("registrable_domain", |b| {
        b.iter(|| registrable_domain(black_box("https://www.shop.acme.co.uk/about")))
    });
}

fn comparing(c: &mut Criterion) {
    let keys: Vec<String> = (0..10_000)
        .map(|i| name_key(&format!("{} {i} Holdings Ltd", NAMES[i % NAMES.len()])))
        .collect();
    let probe = name_key("Acme Corp");
    c.bench_function("compare_names, one against 10,000", |b| {
        b.iter(|| {
            keys.iter()
                .filter(|k| {
                    compare_names(black_box(&probe), k)
                        != portico_server::domain::company::NameMatch::Different
                })
                .count()
        })
    });
}

criterion_group!(benches, normalizing, comparing);
criterion_main!(benches);
