//! What a wasm file is made of: its largest functions and the crates they come from, read from
//! the module's own name section (as `twiggy top` would, without installing it). Trunk's
//! finished bundle has its names stripped by wasm-opt, so this reads cargo's output from before
//! wasm-bindgen and wasm-opt: the sizes are larger than the bundle's, the proportions hold.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::Result;

/// One function's body size in the code section, by its demangled name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub bytes: u64,
}

/// The functions of a wasm module, largest first, and the whole code section's size.
pub struct Contents {
    pub functions: Vec<Function>,
    pub code_bytes: u64,
    pub data_bytes: u64,
}

pub fn read(file: &Path) -> Result<Contents> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    parse(&bytes).ok_or_else(|| format!("{} is not a wasm module this can read", file.display()))
}

/// Sections: 2 imports (imported functions take the first indices), 10 code, 11 data, and the
/// custom `name` section whose subsection 1 names functions by index.
fn parse(wasm: &[u8]) -> Option<Contents> {
    let mut imported = 0u32;
    let mut bodies: Vec<u64> = Vec::new();
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut data_bytes = 0;
    for (id, range) in sections(wasm)? {
        let section = &wasm[range.clone()];
        let size = range.len();
        match id {
            2 => imported = function_imports(section)?,
            10 => bodies = body_sizes(section)?,
            11 => data_bytes = size as u64,
            0 => {
                let mut i = 0;
                let len = leb(section, &mut i)? as usize;
                if section.get(i..i + len)? == b"name" {
                    names = function_names(&section[i + len..])?;
                }
            }
            _ => {}
        }
    }
    let code_bytes = bodies.iter().sum();
    let mut functions: Vec<Function> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let index = imported + i as u32;
            let name = names
                .get(&index)
                .map_or_else(|| format!("code[{i}]"), |n| demangle(n));
            Function { name, bytes }
        })
        .collect();
    functions.sort_by_key(|f| std::cmp::Reverse(f.bytes));
    Some(Contents {
        functions,
        code_bytes,
        data_bytes,
    })
}

/// Each section's id and where its contents lie, after the 8-byte header.
fn sections(wasm: &[u8]) -> Option<Vec<(u8, Range<usize>)>> {
    if wasm.get(..4)? != b"\0asm" {
        return None;
    }
    let mut found = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at)? as usize;
        let end = at.checked_add(size).filter(|end| *end <= wasm.len())?;
        found.push((id, at..end));
        at = end;
    }
    Some(found)
}

/// The module without its custom sections (names, producers, the splitter's own marks), which
/// the browser does not need.
pub fn without_custom_sections(wasm: &[u8]) -> Option<Vec<u8>> {
    let mut out = wasm.get(..8)?.to_vec();
    let mut section_start = 8;
    for (id, range) in sections(wasm)? {
        if id != 0 {
            out.extend_from_slice(&wasm[section_start..range.end]);
        }
        section_start = range.end;
    }
    Some(out)
}

fn leb(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

fn skip_name(bytes: &[u8], at: &mut usize) -> Option<()> {
    let len = leb(bytes, at)? as usize;
    *at += len;
    (*at <= bytes.len()).then_some(())
}

/// How many imports are functions; other kinds are skipped by their encodings.
fn function_imports(section: &[u8]) -> Option<u32> {
    let mut at = 0;
    let count = leb(section, &mut at)?;
    let mut functions = 0;
    for _ in 0..count {
        skip_name(section, &mut at)?;
        skip_name(section, &mut at)?;
        let kind = *section.get(at)?;
        at += 1;
        match kind {
            0 => {
                leb(section, &mut at)?;
                functions += 1;
            }
            // table: element type, then limits
            1 => {
                at += 1;
                limits(section, &mut at)?;
            }
            2 => limits(section, &mut at)?,
            // global: value type and mutability
            3 => at += 2,
            // tag: attribute and type index
            4 => {
                at += 1;
                leb(section, &mut at)?;
            }
            _ => return None,
        }
    }
    Some(functions)
}

fn limits(bytes: &[u8], at: &mut usize) -> Option<()> {
    let flags = *bytes.get(*at)?;
    *at += 1;
    leb(bytes, at)?;
    if flags & 1 == 1 {
        leb(bytes, at)?;
    }
    Some(())
}

fn body_sizes(section: &[u8]) -> Option<Vec<u64>> {
    let mut at = 0;
    let count = leb(section, &mut at)?;
    let mut sizes = Vec::new();
    for _ in 0..count {
        let size = leb(section, &mut at)?;
        at += size as usize;
        sizes.push(size);
    }
    Some(sizes)
}

fn function_names(mut subsections: &[u8]) -> Option<HashMap<u32, String>> {
    while !subsections.is_empty() {
        let id = subsections[0];
        let mut at = 1;
        let size = leb(subsections, &mut at)? as usize;
        let body = subsections.get(at..at + size)?;
        subsections = &subsections[at + size..];
        if id != 1 {
            continue;
        }
        let mut i = 0;
        let count = leb(body, &mut i)?;
        let mut names = HashMap::new();
        for _ in 0..count {
            let index = leb(body, &mut i)? as u32;
            let len = leb(body, &mut i)? as usize;
            let name = String::from_utf8_lossy(body.get(i..i + len)?).into_owned();
            i += len;
            names.insert(index, name);
        }
        return Some(names);
    }
    Some(HashMap::new())
}

/// Rust's legacy mangling (`_ZN` length-prefixed segments `E`) as a path, without the hash;
/// other names as they are.
pub fn demangle(name: &str) -> String {
    let Some(mut rest) = name.strip_prefix("_ZN") else {
        return name.to_owned();
    };
    let mut segments = Vec::new();
    while let Some(digits) = rest.find(|c: char| !c.is_ascii_digit()).filter(|&d| d > 0) {
        let Ok(len) = rest[..digits].parse::<usize>() else {
            break;
        };
        let Some(segment) = rest.get(digits..digits + len) else {
            break;
        };
        segments.push(segment);
        rest = &rest[digits + len..];
    }
    if segments.last().is_some_and(|s| is_hash(s)) {
        segments.pop();
    }
    unescape(&segments.join("::"))
}

fn is_hash(segment: &str) -> bool {
    segment.len() == 17
        && segment.starts_with('h')
        && segment[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Undoes the legacy scheme's escapes (`$LT$`, `$u7b$`, `..`, a `_` before a non-identifier).
fn unescape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(start) = rest.find('$') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('$') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let code = &after[..end];
        let replacement = match code {
            "LT" => Some('<'),
            "GT" => Some('>'),
            "RF" => Some('&'),
            "BP" => Some('*'),
            "C" => Some(','),
            "SP" => Some('@'),
            "LP" => Some('('),
            "RP" => Some(')'),
            _ => code
                .strip_prefix('u')
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .and_then(char::from_u32),
        };
        match replacement {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("..", "::")
        .replace("::_{", "::{")
        .replace("::_<", "::<");
    out.strip_prefix('_').map_or(out.clone(), str::to_owned)
}

/// The crate a function belongs to: the path's first segment, or for `<T as Trait>::f` the
/// type's.
pub fn crate_of(path: &str) -> &str {
    let mut path = path.trim_start_matches(['<', '&', '*']);
    for prefix in ["impl ", "mut ", "dyn "] {
        path = path.strip_prefix(prefix).unwrap_or(path);
    }
    let end = path
        .find([':', '<', ' ', '>', ',', '('])
        .unwrap_or(path.len());
    let name = &path[..end];
    // `<T as Trait>::f` of a type parameter: the trait's crate.
    if name.len() == 1
        && let Some((_, trait_path)) = path.split_once(" as ")
    {
        return crate_of(trait_path);
    }
    if name.is_empty() { "?" } else { name }
}

/// Code bytes per crate, largest first.
pub fn by_crate(functions: &[Function]) -> Vec<(String, u64)> {
    let mut sums: HashMap<&str, u64> = HashMap::new();
    for f in functions {
        *sums.entry(crate_of(&f.name)).or_default() += f.bytes;
    }
    let mut sums: Vec<(String, u64)> = sums.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    sums.sort_by_key(|(name, bytes)| (std::cmp::Reverse(*bytes), name.clone()));
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demangles_legacy_rust_names() {
        assert_eq!(
            demangle("_ZN11portico_app5pages8pipeline7Results17h0123456789abcdefE"),
            "portico_app::pages::pipeline::Results"
        );
        assert_eq!(
            demangle(
                "_ZN4core3ptr46drop_in_place$LT$portico_ui..api..ApiError$GT$17h0123456789abcdefE"
            ),
            "core::ptr::drop_in_place<portico_ui::api::ApiError>"
        );
        assert_eq!(demangle("memcpy"), "memcpy");
        assert_eq!(
            crate_of("<serde_json::Value as core::fmt::Debug>::fmt"),
            "serde_json"
        );
        assert_eq!(crate_of("leptos::mount::mount_to_body"), "leptos");
        assert_eq!(crate_of("<T as tachys::view::Render>::build"), "tachys");
        assert_eq!(
            demangle(
                "_ZN4core3ops8function6FnOnce9call_once27$u7b$$u7b$closure$u7d$$u7d$17h0123456789abcdefE"
            ),
            "core::ops::function::FnOnce::call_once::{{closure}}"
        );
    }

    /// A module with one imported function and two bodies, the second named.
    #[test]
    fn reads_bodies_and_names() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // import section: one function import "m"."f" of type 0
        wasm.extend([2, 7, 1, 1, b'm', 1, b'f', 0, 0]);
        // code section: two bodies of 2 and 4 bytes
        wasm.extend([10, 9, 2, 2, 0, 0x0b, 4, 0, 1, 1, 0x0b]);
        // name section: function 2 is "big"
        let names = [1u8, 6, 1, 2, 3, b'b', b'i', b'g'];
        let mut custom = vec![4, b'n', b'a', b'm', b'e'];
        custom.extend(names);
        wasm.push(0);
        wasm.push(custom.len() as u8);
        wasm.extend(&custom);
        let contents = parse(&wasm).unwrap();
        assert_eq!(contents.code_bytes, 6);
        let stripped = without_custom_sections(&wasm).unwrap();
        assert_eq!(stripped.len(), wasm.len() - custom.len() - 2);
        // Without the name section the larger body goes by its index.
        assert_eq!(parse(&stripped).unwrap().functions[0].name, "code[1]");
        assert_eq!(parse(&stripped).unwrap().code_bytes, 6);
        assert_eq!(
            contents.functions,
            [
                Function {
                    name: "big".into(),
                    bytes: 4
                },
                Function {
                    name: "code[0]".into(),
                    bytes: 2
                }
            ]
        );
    }
}
