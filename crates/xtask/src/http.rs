//! Just enough HTTP/1.1 to check health and sign in: one request per connection, no TLS,
//! loopback only. Bodies are kept as text for error messages, never decoded further.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of cookie `name` from the `Set-Cookie` headers.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.header_values("set-cookie").find_map(|v| {
            let pair = v.split(';').next()?.trim();
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
    }
}

pub fn get(addr: SocketAddr, path: &str) -> std::io::Result<Response> {
    request(addr, "GET", path, None, &[])
}

pub fn post_json(addr: SocketAddr, path: &str, json: &str) -> std::io::Result<Response> {
    request(addr, "POST", path, Some(json), &[])
}

/// A request as a signed-in browser sends it: the session cookie and the CSRF token.
pub fn signed_in(
    addr: SocketAddr,
    method: &str,
    path: &str,
    json: Option<&str>,
    session: &Session,
) -> std::io::Result<Response> {
    let cookie = format!("portico_session={}", session.cookie);
    let headers = [
        ("Cookie", cookie.as_str()),
        ("X-CSRF-Token", session.csrf.as_str()),
    ];
    request(addr, method, path, json, &headers)
}

/// What `signed_in` needs from a sign-in.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// The number after `"key":` in a JSON text; enough for the flat figures the bench reads.
pub fn json_number(body: &str, key: &str) -> Option<f64> {
    let at = body.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = body[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// The string after `"key":` in a JSON text (no escapes expected).
pub fn json_string(body: &str, key: &str) -> Option<String> {
    let at = body.find(&format!("\"{key}\":\""))? + key.len() + 4;
    body[at..].split('"').next().map(str::to_owned)
}

/// GETs `path` with a cookie and reads the body to the end without keeping it; returns how
/// many bytes followed the response head.
pub fn download(addr: SocketAddr, path: &str, cookie: &str) -> std::io::Result<u64> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(30))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let head = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes())?;
    let mut buffer = vec![0u8; 1024 * 1024];
    let mut head = Vec::new();
    let mut body: Option<u64> = None;
    loop {
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            return body.ok_or_else(|| std::io::Error::other("the response ended in its head"));
        }
        match body.as_mut() {
            Some(total) => *total += n as u64,
            None => {
                head.extend_from_slice(&buffer[..n]);
                if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                    if !head.starts_with(b"HTTP/1.1 200") {
                        let text = String::from_utf8_lossy(&head[..end]).into_owned();
                        return Err(std::io::Error::other(text));
                    }
                    body = Some((head.len() - end - 4) as u64);
                }
            }
        }
    }
}

fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    json: Option<&str>,
    headers: &[(&str, &str)],
) -> std::io::Result<Response> {
    let timeout = Duration::from_secs(30);
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = json {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    head.push_str(json.unwrap_or_default());
    stream.write_all(head.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse(&String::from_utf8_lossy(&raw))
}

fn parse(raw: &str) -> std::io::Result<Response> {
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed HTTP response");
    let (head, body) = raw.split_once("\r\n\r\n").ok_or_else(bad)?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Ok(Response {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// Polls `GET /healthz` until it answers 200, `alive` says the server died, or time runs out.
pub fn wait_healthy(
    addr: SocketAddr,
    limit: Duration,
    mut alive: impl FnMut() -> bool,
) -> Result<(), String> {
    let started = Instant::now();
    loop {
        if get(addr, "/healthz").is_ok_and(|r| r.status == 200) {
            return Ok(());
        }
        if !alive() {
            return Err("the server stopped before answering /healthz".into());
        }
        if started.elapsed() > limit {
            return Err(format!(
                "http://{addr}/healthz did not answer 200 within {} s",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_headers_and_session_cookie() {
        let raw = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                   set-cookie: other=1; Path=/\r\n\
                   Set-Cookie: portico_session=abc123; HttpOnly; SameSite=Lax; Path=/\r\n\
                   \r\n{\"email\":\"alice@northwind.example\"}";
        let r = parse(raw).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.set_cookie("portico_session").as_deref(), Some("abc123"));
        assert_eq!(r.set_cookie("missing"), None);
        assert!(r.body.starts_with('{'));
    }

    #[test]
    fn reads_flat_json_figures() {
        let body = r#"{"health":{"delivered":12000,"p95_ms":41,"within_target_percent":99.5},"csrf_token":"t-1"}"#;
        assert_eq!(json_number(body, "delivered"), Some(12000.0));
        assert_eq!(json_number(body, "within_target_percent"), Some(99.5));
        assert_eq!(json_number(body, "p50_ms"), None);
        assert_eq!(json_string(body, "csrf_token").as_deref(), Some("t-1"));
    }

    #[test]
    fn talks_to_a_real_socket() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.ends_with(b"{}") {
                let n = conn.read(&mut buf).unwrap();
                assert!(n > 0, "connection closed early");
                request.extend_from_slice(&buf[..n]);
            }
            conn.write_all(b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 2\r\n\r\nno")
                .unwrap();
            String::from_utf8(request).unwrap()
        });
        let r = post_json(addr, "/api/auth/login", "{}").unwrap();
        assert_eq!((r.status, r.body.as_str()), (401, "no"));
        let request = server.join().unwrap();
        assert!(request.starts_with("POST /api/auth/login HTTP/1.1\r\n"));
        assert!(request.contains("Content-Length: 2\r\n") && request.ends_with("\r\n\r\n{}"));
    }
}
