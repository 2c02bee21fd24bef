//! Holds the test server to its OpenAPI document. Every JSON body a test sends must match the
//! request schema of the operation (method and path template) it reaches, and every JSON answer
//! the schema documented for its status; an error answer without one must have the one error
//! shape. A test that sends a body off the document on purpose, to see it refused, says so with
//! [`Unchecked::unchecked`].
//!
//! The check sits in front of the real router, in the test process, so it sees what any client
//! sends; a mismatch is collected and fails the test when its `TestApp` goes away.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Value, json};

/// The mark of a deliberately undocumented request; the checker removes it before the server
/// sees the request.
pub const UNCHECKED: &str = "x-test-unchecked";

/// What the server answered or was sent against the document, one line each.
pub type Violations = Arc<Mutex<Vec<String>>>;

/// The served document (`GET /api/openapi.json` answers exactly `routes::document()`), parsed
/// once per test binary, with its schemas compiled as they are needed.
pub struct Document {
    components: Value,
    operations: Vec<Operation>,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

pub struct Operation {
    pub method: String,
    pub template: String,
    spec: Value,
}

impl Operation {
    fn matches(&self, path: &str) -> bool {
        let mut theirs = path.split('/');
        let mut ours = self.template.split('/');
        loop {
            match (ours.next(), theirs.next()) {
                (None, None) => return true,
                (Some(ours), Some(theirs)) if is_parameter(ours) && !theirs.is_empty() => {}
                (Some(ours), Some(theirs)) if ours == theirs => {}
                _ => return false,
            }
        }
    }

    /// `/api/feed/unread` is a route of its own, not `/api/feed/{id}`: axum prefers literal
    /// segments, and so does the lookup.
    fn literal_segments(&self) -> usize {
        self.template
            .split('/')
            .filter(|s| !is_parameter(s))
            .count()
    }
}

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

impl Document {
    pub fn served() -> &'static Document {
        static DOCUMENT: OnceLock<Document> = OnceLock::new();
        DOCUMENT.get_or_init(|| {
            let document: Value = serde_json::from_str(portico_server::routes::document())
                .expect("the document is JSON");
            Document::new(&document)
        })
    }

    fn new(document: &Value) -> Document {
        let mut components = document["components"].clone();
        components["schemas"] = strict_schemas(&document["components"]["schemas"]);
        let operations = document["paths"]
            .as_object()
            .expect("paths")
            .iter()
            .flat_map(|(template, item)| {
                item.as_object()
                    .expect("a path item")
                    .iter()
                    .map(|(method, spec)| Operation {
                        method: method.to_uppercase(),
                        template: template.clone(),
                        spec: spec.clone(),
                    })
            })
            .collect();
        Document {
            components,
            operations,
            validators: Mutex::default(),
        }
    }

    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .filter(|op| op.method == method && op.matches(path))
            .max_by_key(|op| op.literal_segments())
    }

    /// Checks `instance` against `schema`, whose `$ref`s name `#/components/schemas/…`: the
    /// components ride along in the validated root so that they resolve.
    pub fn check(&self, schema: &Value, instance: &Value) -> Result<(), String> {
        let key = schema.to_string();
        let validator = {
            let mut validators = self.validators.lock().unwrap();
            let validator = validators.entry(key).or_insert_with(|| {
                let root = json!({ "components": self.components, "allOf": [schema] });
                Arc::new(
                    jsonschema::options()
                        .with_draft(jsonschema::Draft::Draft202012)
                        .build(&root)
                        .unwrap_or_else(|e| panic!("{schema} does not compile: {e}")),
                )
            });
            Arc::clone(validator)
        };
        let errors: Vec<String> = validator
            .iter_errors(instance)
            .map(|e| format!("at `{}`: {e}", e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }

    fn error_body(&self) -> Value {
        json!({ "$ref": "#/components/schemas/ErrorBody" })
    }
}

/// The schemas, closed: a body with a field its schema does not list fails, so the document
/// names every field the server sends. utoipa leaves objects open, and a field that only serde
/// knows of (a custom `Serialize`, `#[schema(ignore)]`) would otherwise pass unseen.
///
/// `unevaluatedProperties: false` sees the fields that `allOf`, `anyOf` and `oneOf` members
/// evaluate (serde's `flatten` and tagged enums), but only at the schema holding them: a member
/// closed on its own would refuse its siblings' fields. So each schema is closed at its top
/// alone, and kept twice: closed under its name, open as `<name>.open` for members to refer to.
fn strict_schemas(schemas: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for (name, schema) in schemas.as_object().expect("schemas") {
        out.insert(name.clone(), closed(schema, true));
        out.insert(format!("{name}.open"), closed(schema, false));
    }
    Value::Object(out)
}

fn closed(schema: &Value, close_here: bool) -> Value {
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    let mut out = serde_json::Map::new();
    for (key, value) in map {
        let value = match (key.as_str(), value) {
            ("allOf" | "anyOf" | "oneOf", Value::Array(members)) => {
                Value::Array(members.iter().map(|m| opened(&closed(m, false))).collect())
            }
            ("properties", Value::Object(properties)) => Value::Object(
                properties
                    .iter()
                    .map(|(name, p)| (name.clone(), closed(p, true)))
                    .collect(),
            ),
            ("items" | "additionalProperties", inner) => closed(inner, true),
            (_, other) => other.clone(),
        };
        out.insert(key.clone(), value);
    }
    let object = ["properties", "allOf", "anyOf", "oneOf"]
        .iter()
        .any(|k| out.contains_key(*k));
    if close_here && object && !out.contains_key("additionalProperties") {
        out.insert("unevaluatedProperties".into(), Value::Bool(false));
    }
    Value::Object(out)
}

/// A reference to a schema from a member of another: to its open twin.
fn opened(member: &Value) -> Value {
    match member["$ref"].as_str() {
        Some(reference) => json!({ "$ref": format!("{reference}.open") }),
        None => member.clone(),
    }
}

/// The middleware: checks the request, lets the server answer, checks the answer.
pub async fn enforce(violations: Violations, mut request: Request, next: Next) -> Response {
    let document = Document::served();
    let unchecked = request.headers_mut().remove(UNCHECKED).is_some();
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let operation = document.operation(&method, &path);
    let mut found = Vec::new();
    let request = if unchecked || !is_json(request.headers()) {
        request
    } else {
        let (parts, body) = request.into_parts();
        let bytes = read(body).await;
        found.extend(check_request(document, operation, &bytes).err());
        Request::from_parts(parts, Body::from(bytes))
    };
    let response = next.run(request).await;
    let response = if !is_json(response.headers())
        || response.headers().contains_key(header::CONTENT_ENCODING)
    {
        response
    } else {
        let (parts, body) = response.into_parts();
        let bytes = read(body).await;
        found.extend(check_response(document, operation, parts.status.as_str(), &bytes).err());
        Response::from_parts(parts, Body::from(bytes))
    };
    if !found.is_empty() {
        let mut violations = violations.lock().unwrap();
        violations.extend(found.into_iter().map(|v| format!("{method} {path}: {v}")));
    }
    response
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

async fn read(body: Body) -> Bytes {
    axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("a whole body")
}

fn check_request(
    document: &Document,
    operation: Option<&Operation>,
    bytes: &[u8],
) -> Result<(), String> {
    let Some(operation) = operation else {
        return Ok(());
    };
    let schema = &operation.spec["requestBody"]["content"]["application/json"]["schema"];
    if schema.is_null() {
        return Err("sends a JSON body where the operation documents none".into());
    }
    let body: Value = serde_json::from_slice(bytes)
        .map_err(|e| format!("sends a body that is not JSON ({e})"))?;
    document
        .check(schema, &body)
        .map_err(|e| format!("request body off the document: {e}\n  body: {body}"))
}

fn check_response(
    document: &Document,
    operation: Option<&Operation>,
    status: &str,
    bytes: &[u8],
) -> Result<(), String> {
    let documented = operation.map(|op| &op.spec["responses"][status]);
    let schema = match documented {
        Some(response) if !response.is_null() => match &response["content"]["application/json"] {
            Value::Null => return Err(format!("answers {status} with JSON it does not document")),
            json => match &json["schema"] {
                Value::Null => return Ok(()),
                schema => schema.clone(),
            },
        },
        _ if status.starts_with('4') || status.starts_with('5') => document.error_body(),
        _ if operation.is_none() => return Ok(()),
        _ => return Err(format!("answers {status}, which it does not document")),
    };
    let body: Value = serde_json::from_slice(bytes)
        .map_err(|e| format!("answers {status} with a body that is not JSON ({e})"))?;
    document
        .check(&schema, &body)
        .map_err(|e| format!("{status} answer off the document: {e}\n  body: {body}"))
}
