//! The conflict check's matcher: normalizing names, comparing them, and checking one name
//! against a book of 1,000,000 accounts and 200,000 registrations through its blocking keys
//! (the target: 1 ms at the 99th percentile per query). The database lookup is not part of
//! it; `benches/filing.rs` measures the whole submission.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use portico_server::demo::volume::Companies;
use portico_server::domain::blocking::{index_keys, probe_keys};
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

/// Names as official lists write them: article, class, initials, abbreviations, glued words.
const LISTED: [&str; 6] = [
    "Harbor Foods Company (The)",
    "MERIDIAN COS INC CL A",
    "Berkeley (W.R.) Corp",
    "Progressa Corp.(De)",
    "Pemberton Genl Indus",
    "Meridian GroupCompanies",
];

/// Possible matches: short forms and initials.
const POSSIBLE: [(&str, &str); 4] = [
    ("velora", "velora communication"),
    ("velora comm", "velora global communication media"),
    ("ibx", "international business xchange"),
    ("acme cloud", "acme bank"),
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
    c.bench_function("name_key (6 listed names)", |b| {
        b.iter(|| LISTED.map(|n| name_key(black_box(n))))
    });
    c.bench_function("registrable_domain", |b| {
        b.iter(|| registrable_domain(black_box("https://www.shop.acme.co.uk/about")))
    });
}

fn comparing(c: &mut Criterion) {
    c.bench_function("compare_names (6 pairs)", |b| {
        b.iter(|| PAIRS.map(|(x, y)| compare_names(black_box(x), black_box(y))))
    });
    c.bench_function("compare_names, short forms and initials (4 pairs)", |b| {
        b.iter(|| POSSIBLE.map(|(x, y)| compare_names(black_box(x), black_box(y))))
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

/// The name keys of a book and which of them each blocking key names: the index the database
/// keeps in `account_blocks` and `registration_blocks`, held in memory.
struct Book {
    keys: Vec<String>,
    blocks: HashMap<String, Vec<u32>>,
}

impl Book {
    fn of(companies: impl Iterator<Item = String>) -> Book {
        let keys: Vec<String> = companies.map(|name| name_key(&name)).collect();
        let mut blocks: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            for block in index_keys(key) {
                blocks.entry(block).or_default().push(i as u32);
            }
        }
        Book { keys, blocks }
    }

    /// What the check does for one submitted name: its keys, its candidates, the comparisons.
    /// Returns the candidates read and the matches found.
    fn check(&self, name: &str) -> (usize, usize) {
        let key = name_key(name);
        let mut candidates: Vec<u32> = probe_keys(&key)
            .iter()
            .filter_map(|block| self.blocks.get(block))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let matches = candidates
            .iter()
            .filter(|&&i| compare_names(&key, &self.keys[i as usize]) != NameMatch::Different)
            .count();
        (candidates.len(), matches)
    }
}

/// Half names of the book (every other one without its legal form), half new ones.
fn probes() -> Vec<String> {
    let known = Companies::new(1)
        .step_by(2_000)
        .take(500)
        .enumerate()
        .map(|(i, c)| match c.name.rsplit_once(' ') {
            Some((short, _)) if i % 2 == 1 => short.to_owned(),
            _ => c.name,
        });
    known
        .chain(Companies::new(3).take(500).map(|c| c.name))
        .collect()
}

fn at_scale(c: &mut Criterion) {
    let book = Book::of(
        Companies::new(1)
            .take(1_000_000)
            .chain(Companies::new(2).take(200_000))
            .map(|c| c.name),
    );
    let probes = probes();
    // Criterion reports means; the target is a percentile, so time each query as well.
    let mut times: Vec<Duration> = Vec::new();
    let (mut candidates, mut matched) = (0, 0);
    for _ in 0..5 {
        for probe in &probes {
            let started = Instant::now();
            let (read, found) = book.check(black_box(probe));
            times.push(started.elapsed());
            candidates += read;
            matched += usize::from(found > 0);
        }
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "check against 1,200,000 names: p50 {:?}, p99 {:?}, max {:?}; {:.0} candidates per query, \
         {:.0}% of queries matched (target p99 <= 1 ms)",
        at(0.5),
        at(0.99),
        times[times.len() - 1],
        candidates as f64 / times.len() as f64,
        100.0 * matched as f64 / times.len() as f64
    );
    let mut next = probes.iter().cycle();
    c.bench_function("check one name against 1,200,000 (blocking keys)", |b| {
        b.iter(|| book.check(black_box(next.next().unwrap())))
    });
}

criterion_group!(benches, normalizing, comparing, at_scale);
criterion_main!(benches);
