//! Percent-encoding and query strings, for the addresses the app builds and reads.

/// Percent-encodes everything but unreserved characters (and `/` when `keep_slash`).
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b'/' if keep_slash => out.push('/'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
    }
    out
}

/// Undoes percent-encoding. A malformed escape is kept as written and invalid UTF-8 becomes
/// U+FFFD: an address typed by hand never fails to decode.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The decoded value of the first `name=…` in a query string (with or without its `?`); there,
/// unlike in a path, `+` stands for a space, as forms send it.
pub fn query_value(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .map(|(key, value)| (decode(&key.replace('+', " ")), value))
        .find(|(key, _)| key == name)
        .map(|(_, value)| decode(&value.replace('+', " ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("/manage/invitations", true), "/manage/invitations");
        assert_eq!(encode("/a?b=c&d", true), "/a%3Fb%3Dc%26d");
        assert_eq!(encode("a/b", false), "a%2Fb");
        assert_eq!(encode("é", false), "%C3%A9");
    }

    #[test]
    fn decoding_undoes_encoding() {
        for text in ["/a?b=c&d", "é and ü", "100%", "a+b"] {
            assert_eq!(decode(&encode(text, false)), text);
        }
        assert_eq!(decode("a+b%20c"), "a+b c");
        assert_eq!(decode("50%"), "50%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn finds_query_values() {
        let search = "?next=%2Fadmin%2Fusers%3Fx%3D1&expired=1&flag";
        assert_eq!(
            query_value(search, "next").as_deref(),
            Some("/admin/users?x=1")
        );
        assert_eq!(query_value(search, "expired").as_deref(), Some("1"));
        assert_eq!(query_value(search, "flag").as_deref(), Some(""));
        assert_eq!(query_value("?q=a+b%2Bc", "q").as_deref(), Some("a b+c"));
        assert_eq!(query_value(search, "missing"), None);
        assert_eq!(query_value("", "next"), None);
    }
}
