//! How numbers, sizes and times read on a page.

/// An RFC 3339 timestamp as "2025-06-01 14:03 UTC"; anything unexpected is shown as it came.
pub fn format_time(rfc3339: &str) -> String {
    let bytes = rfc3339.as_bytes();
    let shaped = bytes.len() >= 16
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't' | b' ')
        && bytes[13] == b':'
        && rfc3339.is_char_boundary(16);
    if !shaped {
        return rfc3339.to_owned();
    }
    // The offset follows the seconds (and any fraction): Z, +hh:mm or -hh:mm.
    let rest = &rfc3339[16..];
    let zone = rest.find(['Z', 'z', '+', '-']).map_or("", |i| &rest[i..]);
    let zone = match zone {
        "Z" | "z" | "+00:00" | "-00:00" | "" => "UTC",
        other => other,
    };
    format!("{} {} {zone}", &rfc3339[..10], &rfc3339[11..16])
}

/// A size in bytes as people read it: "512 bytes", "1.5 KB", "100 MB" (binary multiples, as
/// the upload limit is counted).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    match bytes {
        1 => return "1 byte".to_owned(),
        0..1024 => return format!("{bytes} bytes"),
        _ => {}
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let rounded = (value * 10.0).round() / 10.0;
    if rounded >= 100.0 || rounded.fract() == 0.0 {
        format!("{rounded:.0} {}", UNITS[unit])
    } else {
        format!("{rounded:.1} {}", UNITS[unit])
    }
}

/// 1234567 → "1,234,567"
pub fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::from(if value < 0 { "-" } else { "" });
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1024), "1 KB");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(1024 * 1024 - 1), "1024 KB");
        assert_eq!(human_size(5 * 1024 * 1024 + 300 * 1024), "5.3 MB");
        assert_eq!(human_size(100 * 1024 * 1024), "100 MB");
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(format_time("2025-06-01T14:03:22Z"), "2025-06-01 14:03 UTC");
        assert_eq!(
            format_time("2025-06-01T14:03:22.123+00:00"),
            "2025-06-01 14:03 UTC"
        );
        assert_eq!(
            format_time("2025-06-01T14:03:22+02:00"),
            "2025-06-01 14:03 +02:00"
        );
        assert_eq!(
            format_time("2025-06-01T14:03:22-05:00"),
            "2025-06-01 14:03 -05:00"
        );
        assert_eq!(format_time("yesterday"), "yesterday");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
        assert_eq!(group_thousands(-123), "-123");
        assert_eq!(group_thousands(-1234), "-1,234");
        assert_eq!(group_thousands(i64::MIN), "-9,223,372,036,854,775,808");
    }
}
