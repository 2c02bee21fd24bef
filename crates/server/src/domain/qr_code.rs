//! A QR code as a small SVG image, for authenticator apps to scan from the screen.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of light margin around the code, as the standard asks.
const QUIET_ZONE: i32 = 4;

/// The code as an SVG document: one path of dark squares on a white field. `None` when the text
/// does not fit in a QR code.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let side = code.size() + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The SVG as a `data:` URI an `<img>` can show (the portal's CSP allows `data:` images).
pub fn svg_data_uri(text: &str) -> Option<String> {
    Some(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg(text)?)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_the_finder_patterns_inside_a_quiet_zone() {
        let text = "otpauth://totp/Portico:ann%40x.example?secret=GEZDGNBVGY3TQOJQ";
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).unwrap();
        let svg = svg(text).unwrap();
        let side = code.size() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        // The top-left finder pattern's corner module, shifted by the quiet zone.
        assert!(svg.contains("M4,4h1v1h-1z"));
        assert!(!svg.contains("M0,0h1"));
        let dark = (0..code.size())
            .flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .filter(|(x, y)| code.get_module(*x, *y))
            .count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        assert!(
            svg_data_uri(text)
                .unwrap()
                .starts_with("data:image/svg+xml;base64,PHN2Zy")
        );
    }
}
