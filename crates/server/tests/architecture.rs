//! The server's layers, as `docs/architecture.md` describes them: every `crate::…` path in
//! `src/` (in `use` items and in code alike) must point to a lower layer, a route module may
//! use only the shared extractors of other route modules, and the store's modules must not
//! import each other in a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of the server with its layer, lowest first. A module may use the
/// modules of lower layers only; modules on one layer do not use each other.
const LAYERS: &[(&str, u8)] = &[
    // Time, the program's rules.
    ("clock", 0),
    ("domain", 1),
    // Adapters to the world outside: file storage, SMTP, guarded outbound HTTP.
    ("blobs", 2),
    ("mail", 2),
    ("outbound", 2),
    // SQL.
    ("store", 3),
    // What a running server holds, and its settings.
    ("config", 4),
    ("state", 4),
    // Use cases.
    ("app", 5),
    // Callers of use cases that are not HTTP, and the HTTP error type.
    ("demo", 6),
    ("jobs", 6),
    ("error", 6),
    // HTTP plumbing around the routes.
    ("request_log", 7),
    ("web", 7),
    ("routes", 8),
    ("startup", 9),
    ("commands", 10),
];

/// Route modules every route module may use: the extractors and the caller.
const SHARED_ROUTE_MODULES: &[&str] = &["extract", "session"];

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its module path (`store/outbox.rs` → `["store",
/// "outbox"]`; `mod.rs` names its directory).
fn rust_files(dir: &Path, module: &[String], found: &mut Vec<(PathBuf, Vec<String>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut inner = module.to_vec();
            inner.push(name);
            rust_files(&path, &inner, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut own = module.to_vec();
            if !matches!(name.as_str(), "mod" | "lib" | "main") {
                own.push(name);
            }
            found.push((path, own));
        }
    }
}

/// The text with comments, string and character literals blanked out, so that only code
/// remains.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && matches!(next, Some('"') | Some('#'))
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\''), or else a lifetime ('a), kept as it is.
            let literal_end = if next == Some('\\') {
                (i + 3..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match literal_end {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The module paths a file's code names, resolved from the crate root: `crate::a::b`,
/// `super::…` and `self::…` paths, and the members of `crate::{a, b::c}` groups. Only the
/// first two segments are kept, which is what the rules look at.
fn imports(text: &str, module: &[String]) -> BTreeSet<Vec<String>> {
    let code = code_only(text);
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != b':';
        let rest = &code[i..];
        let prefix = ["crate::", "super::", "self::"]
            .into_iter()
            .find(|p| starts_word && rest.starts_with(p));
        let Some(prefix) = prefix else {
            i += 1;
            continue;
        };
        let mut base: Vec<String> = match prefix {
            "crate::" => Vec::new(),
            "self::" => module.to_vec(),
            _ => module[..module.len().saturating_sub(1)].to_vec(),
        };
        let mut j = i + prefix.len();
        // Further `super::` steps.
        while code[j..].starts_with("super::") {
            base.pop();
            j += "super::".len();
        }
        for path in paths_at(&code[j..]) {
            let mut full = base.clone();
            full.extend(path.into_iter().filter(|segment| segment != "self"));
            full.truncate(2);
            if !full.is_empty() {
                found.insert(full);
            }
        }
        i = j;
    }
    found
}

/// The paths written at the start of `text`: `a::b::c` or a group `{a::b, c, d::{e, f}}`.
fn paths_at(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 1;
        let end = group
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(group.len(), |(at, _)| at);
        let inner = &group[..end];
        let mut members = Vec::new();
        let (mut depth, mut start) = (0, 0);
        for (at, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    members.push(&inner[start..at]);
                    start = at + 1;
                }
                _ => {}
            }
        }
        members.push(&inner[start..]);
        return members
            .into_iter()
            .flat_map(paths_at)
            .filter(|p| !p.is_empty())
            .collect();
    }
    let mut path = Vec::new();
    let mut rest = text;
    loop {
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        path.push(rest[..len].to_owned());
        rest = &rest[len..];
        match rest.strip_prefix("::") {
            Some(after) if after.starts_with('{') => {
                return paths_at(after)
                    .into_iter()
                    .map(|tail| path.iter().cloned().chain(tail).collect())
                    .collect();
            }
            Some(after) => rest = after,
            None => break,
        }
    }
    vec![path]
}

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every rule broken in the given files: `(file, message)`.
fn violations(files: &[(String, Vec<String>, String)]) -> Vec<String> {
    let mut broken = Vec::new();
    let mut store_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, module, text) in files {
        let Some(own) = module.first() else {
            continue; // lib.rs and main.rs
        };
        let Some(own_layer) = layer(own) else {
            broken.push(format!("{file}: module `{own}` has no layer in LAYERS"));
            continue;
        };
        for path in imports(text, module) {
            let target = &path[0];
            if target == own {
                let within_routes = own == "routes" && module.len() > 1;
                if let (true, Some(other)) = (within_routes, path.get(1)) {
                    let shared = SHARED_ROUTE_MODULES.contains(&other.as_str());
                    if *other != module[1] && !shared {
                        broken.push(format!(
                            "{file}: route module `{}` uses route module `{other}`",
                            module[1]
                        ));
                    }
                }
                if own == "store"
                    && let (Some(from), Some(to)) = (module.get(1), path.get(1))
                    && from != to
                {
                    store_edges
                        .entry(from.clone())
                        .or_default()
                        .insert(to.clone());
                }
                continue;
            }
            let Some(target_layer) = layer(target) else {
                continue; // not a module of ours: an item of lib.rs or of a `super` in a test
            };
            if target_layer >= own_layer {
                broken.push(format!(
                    "{file}: `{own}` (layer {own_layer}) uses `{target}` (layer {target_layer})"
                ));
            }
        }
    }
    for cycle in cycles(&store_edges) {
        broken.push(format!(
            "store modules import each other: {}",
            cycle.join(" → ")
        ));
    }
    broken
}

/// One cycle through each module that is on one, as the modules along it.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn walk(
        at: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(start) = path.iter().position(|m| m == at) {
            let mut cycle = path[start..].to_vec();
            cycle.push(at.to_owned());
            found.push(cycle);
            return;
        }
        path.push(at.to_owned());
        for next in edges.get(at).into_iter().flatten() {
            walk(next, edges, path, found);
        }
        path.pop();
    }
    let mut found = Vec::new();
    for module in edges.keys() {
        let mut cycles_here = Vec::new();
        walk(module, edges, &mut Vec::new(), &mut cycles_here);
        // Each cycle once: from its first module in order.
        let first = |c: &Vec<String>| c[0] == *module && c.iter().all(|m| m >= module);
        found.extend(cycles_here.into_iter().filter(first));
    }
    found.sort();
    found.dedup();
    found
}

fn server_sources() -> Vec<(String, Vec<String>, String)> {
    let root = source_dir();
    let mut found = Vec::new();
    rust_files(&root, &[], &mut found);
    found
        .into_iter()
        .map(|(path, module)| {
            let text = std::fs::read_to_string(&path).expect("read source");
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            (name, module, text)
        })
        .collect()
}

#[test]
fn every_import_points_down_the_layers() {
    let sources = server_sources();
    assert!(sources.len() > 100, "read {} files", sources.len());
    let broken = violations(&sources);
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn every_module_of_the_crate_has_a_layer() {
    let lib = std::fs::read_to_string(source_dir().join("lib.rs")).expect("lib.rs");
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert!(modules.len() > 10);
    let missing: Vec<_> = modules.iter().filter(|m| layer(m).is_none()).collect();
    assert!(missing.is_empty(), "no layer for {missing:?}");
}

fn file(name: &str, module: &[&str], text: &str) -> (String, Vec<String>, String) {
    (
        name.to_owned(),
        module.iter().map(|m| m.to_string()).collect(),
        text.to_owned(),
    )
}

fn paths(text: &str, module: &[&str]) -> Vec<String> {
    let module: Vec<String> = module.iter().map(|m| m.to_string()).collect();
    imports(text, &module)
        .into_iter()
        .map(|p| p.join("::"))
        .collect()
}

#[test]
fn the_parser_reads_use_items_groups_and_paths_in_code() {
    let text = "use crate::store::{self, Db};\n\
                use crate::{app::AppError, domain::{token, sealed::Sealer}};\n\
                use super::views;\n\
                fn f() { crate::startup::JSON_LIMIT; let _ = self::inner::x(); }";
    assert_eq!(
        paths(text, &["routes", "registrations"]),
        [
            "app::AppError",
            "domain::sealed",
            "domain::token",
            "routes::registrations",
            "routes::views",
            "startup::JSON_LIMIT",
            "store",
            "store::Db",
        ]
        .map(String::from)
    );
    // A `super` from a nested directory's file climbs one module per step.
    assert_eq!(
        paths(
            "use super::super::error::ApiError;",
            &["routes", "embed", "card"]
        ),
        ["routes::error"].map(String::from)
    );
}

#[test]
fn the_parser_ignores_comments_strings_and_lifetimes() {
    let text = "// use crate::routes::x;\n\
                /* crate::startup /* nested */ crate::routes */\n\
                /// `crate::error` in a doc comment\n\
                const SQL: &str = \"crate::routes\";\n\
                const RAW: &str = r#\"crate::\"routes\"#;\n\
                fn f<'a>(c: char) -> bool { c == '\"' || c == '\\'' }\n\
                use crate::domain::token;";
    assert_eq!(
        paths(text, &["store", "x"]),
        ["domain::token"].map(String::from)
    );
}

#[test]
fn a_lower_layer_using_a_higher_one_is_reported() {
    let sources = [
        file("store/x.rs", &["store", "x"], "use crate::error::ApiError;"),
        file(
            "app/y.rs",
            &["app", "y"],
            "fn f() { crate::routes::router(); }",
        ),
        file(
            "jobs/z.rs",
            &["jobs", "z"],
            "use crate::{domain::token, demo::seed};",
        ),
        file(
            "domain/ok.rs",
            &["domain", "ok"],
            "use crate::clock::Timestamp;",
        ),
    ];
    assert_eq!(
        violations(&sources),
        [
            "store/x.rs: `store` (layer 3) uses `error` (layer 6)",
            "app/y.rs: `app` (layer 5) uses `routes` (layer 8)",
            "jobs/z.rs: `jobs` (layer 6) uses `demo` (layer 6)",
        ]
    );
}

#[test]
fn route_modules_use_each_other_only_through_the_shared_extractors() {
    let sources = [
        file(
            "routes/auth.rs",
            &["routes", "auth"],
            "use crate::routes::account::Account;\nuse crate::routes::session::Caller;",
        ),
        file(
            "routes/registrations/links.rs",
            &["routes", "registrations", "links"],
            "use super::created;\nuse crate::routes::extract::ApiJson;",
        ),
        file(
            "routes/mod.rs",
            &["routes"],
            "mod auth;\nfn r() { auth::router(); }",
        ),
    ];
    assert_eq!(
        violations(&sources),
        ["routes/auth.rs: route module `auth` uses route module `account`"]
    );
}

#[test]
fn store_modules_that_import_each_other_are_reported() {
    let sources = [
        file(
            "store/outbox.rs",
            &["store", "outbox"],
            "use super::deliveries::fan_out;",
        ),
        file(
            "store/deliveries.rs",
            &["store", "deliveries"],
            "use crate::store::outbox::Message;",
        ),
        file(
            "store/users.rs",
            &["store", "users"],
            "use crate::store::outbox;",
        ),
    ];
    assert_eq!(
        violations(&sources),
        ["store modules import each other: deliveries → outbox → deliveries"]
    );
}
