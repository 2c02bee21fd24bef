//! The `Range: bytes=…` request header (RFC 9110 §14), as video players and download managers
//! send it. One range is served; a request for several gets the whole file, which the RFC
//! allows.

use std::ops::Range;

/// The header asks only for bytes past the end of the file: answer 416.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsatisfiable;

/// The bytes to send of a file of `size` bytes: `None` means all of it.
pub fn parse(header: Option<&str>, size: u64) -> Result<Option<Range<u64>>, Unsatisfiable> {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Ok(None);
    };
    let range = match (first.trim(), last.trim()) {
        ("", suffix) => match suffix.parse::<u64>() {
            Ok(0) => return Err(Unsatisfiable),
            Ok(n) => size.saturating_sub(n)..size,
            Err(_) => return Ok(None),
        },
        (first, last) => {
            let Ok(start) = first.parse::<u64>() else {
                return Ok(None);
            };
            let end = match last {
                "" => size,
                last => match last.parse::<u64>() {
                    Ok(last) if last >= start => last.saturating_add(1).min(size),
                    _ => return Ok(None),
                },
            };
            if start >= size {
                return Err(Unsatisfiable);
            }
            start..end
        }
    };
    Ok(Some(range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_ranges() {
        assert_eq!(parse(Some("bytes=0-99"), 1000), Ok(Some(0..100)));
        assert_eq!(parse(Some("bytes=500-"), 1000), Ok(Some(500..1000)));
        assert_eq!(parse(Some("bytes=-100"), 1000), Ok(Some(900..1000)));
        assert_eq!(parse(Some("bytes=900-5000"), 1000), Ok(Some(900..1000)));
        assert_eq!(parse(Some("bytes=-5000"), 1000), Ok(Some(0..1000)));
    }

    #[test]
    fn whole_file_when_absent_malformed_or_multiple() {
        assert_eq!(parse(None, 1000), Ok(None));
        assert_eq!(parse(Some("items=0-1"), 1000), Ok(None));
        assert_eq!(parse(Some("bytes=a-b"), 1000), Ok(None));
        assert_eq!(parse(Some("bytes=5-1"), 1000), Ok(None));
        assert_eq!(parse(Some("bytes=0-1,5-6"), 1000), Ok(None));
    }

    #[test]
    fn past_the_end_is_unsatisfiable() {
        assert_eq!(parse(Some("bytes=1000-"), 1000), Err(Unsatisfiable));
        assert_eq!(parse(Some("bytes=-0"), 1000), Err(Unsatisfiable));
    }
}
