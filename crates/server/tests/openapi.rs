//! The OpenAPI document is generated from the code, describes exactly the routes the server
//! answers, and is valid enough to drive the API from it. (Every HTTP test also holds the bodies
//! it sends and receives to the document: see `common/contract.rs`.)

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::contract::Document;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;

fn document() -> Value {
    serde_json::from_str(portico_server::routes::document()).expect("the document is JSON")
}

#[tokio::test]
async fn the_document_is_served() {
    let app = TestApp::start().await;
    let response = app
        .anonymous()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    let served: Value = json(response, StatusCode::OK).await;
    assert_eq!(served, document());
    assert_eq!(served["openapi"], "3.1.0");
}

/// A client generated from the document, or one that follows it by hand, must find every schema
/// it is sent to and every parameter where the document says it goes.
#[test]
fn every_reference_and_parameter_resolves() {
    let doc = document();
    let mut broken = Vec::new();
    each_reference(&doc, &mut |reference| {
        let pointer = reference.strip_prefix('#').unwrap_or(reference);
        if doc.pointer(pointer).is_none() {
            broken.push(format!("{reference} is not defined"));
        }
    });
    for (template, item) in doc["paths"].as_object().unwrap() {
        let placeholders: BTreeSet<&str> = template
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        for (method, operation) in item.as_object().unwrap() {
            let in_path: BTreeSet<&str> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            if in_path != placeholders {
                broken.push(format!(
                    "{method} {template}: path parameters {in_path:?}, template {placeholders:?}"
                ));
            }
        }
    }
    let checker = Document::served();
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        let schema = serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
        // Compiling resolves every reference inside the schema as a validator would.
        let _ = checker.check(&schema, &Value::Null);
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

fn each_reference(value: &Value, found: &mut impl FnMut(&str)) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                found(reference);
            }
            map.values().for_each(|v| each_reference(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| each_reference(v, found)),
        _ => {}
    }
}

/// utoipa names a schema after its type alone and keeps one schema per name, silently: two
/// types called `Audience` in two modules made the document describe one with the other's
/// fields. So each name in the document must belong to exactly one type of ours that derives
/// `ToSchema` (`#[schema(as = …)]` renames), or be a generic one's instance (`Page_Account`),
/// never a library type's name (`BTreeMap`), which any other map would share.
#[test]
fn every_schema_name_belongs_to_one_type() {
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in rust_files(&["crates/api/src", "crates/server/src"]) {
        let text = std::fs::read_to_string(&file).unwrap();
        for name in schema_names(&text) {
            let place = file.strip_prefix(repo_root()).unwrap_or(&file);
            owners
                .entry(name)
                .or_default()
                .push(place.display().to_string());
        }
    }
    let shared: Vec<_> = owners.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(shared.is_empty(), "schema names used twice: {shared:#?}");
    let doc = document();
    let strangers: Vec<&String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|name| !name.split('_').all(|part| owners.contains_key(part)))
        .collect();
    assert!(
        strangers.is_empty(),
        "schemas of no type of ours: {strangers:?}"
    );
}

/// The names of the schemas a source file derives: the type's own name, or its `as = …`.
fn schema_names(text: &str) -> Vec<String> {
    text.split("ToSchema")
        .skip(1)
        .filter_map(|after| {
            let words: Vec<&str> = after.split_whitespace().collect();
            let item = words.iter().position(|w| *w == "struct" || *w == "enum")?;
            let attributes = words[..item].join(" ");
            let renamed = attributes
                .split_once("schema(as = ")
                .map(|(_, r)| r.split([')', ',']).next().unwrap_or_default());
            let own = words.get(item + 1)?.split(['<', '{', '(', ';']).next()?;
            let name = renamed.unwrap_or(own);
            Some(name.rsplit("::").next().unwrap_or(name).trim().to_owned())
        })
        .collect()
}

fn rust_files(dirs: &[&str]) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack: Vec<_> = dirs.iter().map(|d| repo_root().join(d)).collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Partner-facing answers must not gain a field (a price, another partner's name) unnoticed:
/// every schema an answer or a webhook message can contain has its fields pinned in
/// `response_fields.txt`, one `Schema.field` a line (`-> Other` where a field is another schema,
/// pinned on its own lines). The HTTP tests hold each answer to its schema, so these are the
/// fields the server sends. After a deliberate change, write the printed list into the file.
#[test]
fn every_answered_field_is_pinned() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let mut pending: Vec<String> = vec!["WebhookMessage".into()];
    for item in doc["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            each_reference(&operation["responses"], &mut |r| {
                pending.push(schema_name(r))
            });
        }
    }
    let mut pinned = BTreeSet::new();
    let mut lines = Vec::new();
    while let Some(name) = pending.pop() {
        if pinned.insert(name.clone()) {
            field_lines(&name, &schemas[&name], &mut lines);
            each_reference(&schemas[&name], &mut |r| pending.push(schema_name(r)));
        }
    }
    lines.sort();
    lines.dedup();
    let actual = lines.join("\n") + "\n";
    let path = repo_root().join("crates/server/tests/response_fields.txt");
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        let had: BTreeSet<&str> = expected.lines().collect();
        let has: BTreeSet<&str> = actual.lines().collect();
        panic!(
            "answered fields changed; added: {:#?}\nremoved: {:#?}\nthe whole list:\n{actual}",
            has.difference(&had).collect::<Vec<_>>(),
            had.difference(&has).collect::<Vec<_>>(),
        );
    }
}

fn schema_name(reference: &str) -> String {
    reference.rsplit('/').next().unwrap().to_owned()
}

/// `prefix.field` for every property, through arrays (`[]`), inline objects and the variants
/// of `oneOf`/`allOf`; a property that is another schema ends at `-> Name`.
fn field_lines(prefix: &str, schema: &Value, lines: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        lines.push(format!("{prefix} -> {}", schema_name(reference)));
        return;
    }
    for property in schema["properties"].as_object().into_iter().flatten() {
        let (name, inner) = property;
        lines.push(format!("{prefix}.{name}"));
        field_lines(&format!("{prefix}.{name}"), inner, lines);
    }
    if schema["items"].is_object() {
        field_lines(&format!("{prefix}[]"), &schema["items"], lines);
    }
    for variants in ["oneOf", "anyOf", "allOf"] {
        for variant in schema[variants].as_array().into_iter().flatten() {
            field_lines(prefix, variant, lines);
        }
    }
    if schema["additionalProperties"].is_object() {
        field_lines(
            &format!("{prefix}.*"),
            &schema["additionalProperties"],
            lines,
        );
    }
}

/// Every method that could be routed; `HEAD` comes with `GET` in axum and is not documented.
const METHODS: [Method; 6] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
    Method::OPTIONS,
];

/// The document and the router must list the same operations. axum cannot list a router's
/// routes, so this asks the live server. Every route is added by `OpenApiRouter::routes` (the
/// next test keeps it so), which puts each path of a `routes!` group in the document but routes
/// every method of the group on each of the group's paths: the router's paths are the document's,
/// and which methods it answers on each is found by sending each method there. A method the
/// router lacks answers 405 `method_not_allowed`, a path it lacks `no_such_route` (under `/api`)
/// or the SPA's `not_found` (which also answers every method, so a lost path outside `/api` shows
/// as methods the document does not list); anything else, mostly 401 or 422 to this anonymous
/// client, is an answer from a handler.
#[tokio::test]
async fn the_document_lists_exactly_the_routed_operations() {
    let app = TestApp::start().await;
    let client = app.anonymous();
    let doc = document();
    let mut documented = BTreeSet::new();
    let mut routed = BTreeSet::new();
    for (template, item) in doc["paths"].as_object().unwrap() {
        let concrete = concrete_path(&doc, template, item);
        for method in item.as_object().unwrap().keys() {
            documented.insert(format!("{} {template}", method.to_uppercase()));
        }
        for method in METHODS {
            let response = client
                .request(method.clone(), app.url(&concrete))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            let code = body["error"]["code"].as_str().unwrap_or_default();
            let missing = match (status, code) {
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed") => true,
                (StatusCode::NOT_FOUND, "no_such_route") => true,
                (StatusCode::NOT_FOUND, "not_found") => !template.starts_with("/api/"),
                _ => false,
            };
            if !missing {
                routed.insert(format!("{method} {template}"));
            }
        }
    }
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    assert!(
        unrouted.is_empty() && undocumented.is_empty(),
        "documented but not routed: {unrouted:#?}\nrouted but not documented: {undocumented:#?}"
    );
    assert!(documented.len() > 100, "{} operations", documented.len());
}

/// A request path for `template`: a value of each path parameter's type.
fn concrete_path(doc: &Value, template: &str, item: &Value) -> String {
    let parameters: Vec<&Value> = item
        .as_object()
        .unwrap()
        .values()
        .filter_map(|op| op["parameters"].as_array())
        .flatten()
        .filter(|p| p["in"] == "path")
        .collect();
    template
        .split('/')
        .map(|segment| {
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                return segment.to_owned();
            };
            let parameter = parameters.iter().find(|p| p["name"] == name).unwrap();
            let mut schema = &parameter["schema"];
            if let Some(reference) = schema["$ref"].as_str() {
                schema = doc.pointer(&reference[1..]).unwrap();
            }
            match (&schema["enum"][0], &schema["type"]) {
                (Value::String(first), _) => first.clone(),
                (_, t) if t == "integer" => "1".into(),
                _ => "some-value".into(),
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Routes can only be added through `OpenApiRouter::routes`, which documents them; a plain
/// axum `.route(` anywhere in the server would bypass the document.
#[test]
fn no_route_bypasses_the_document() {
    let offenders: Vec<String> = rust_files(&["crates/server/src"])
        .into_iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            [".route(", ".route_service(", ".nest(", ".nest_service("]
                .into_iter()
                .filter(|needle| text.contains(needle))
                .map(|needle| format!("{} uses {needle}", path.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:#?}");
}
