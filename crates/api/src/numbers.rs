//! How whole numbers read where no locale says otherwise (e-mails, and browsers without
//! `Intl`): digits grouped by three with commas; and amounts typed that way read back.

/// "1,234,567"
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

/// Minor units (cents) of an amount typed as "1,234.5", "-12", "0.07": a point before at
/// most two decimals, commas between thousands allowed. `None` for anything else, or beyond
/// what an `i64` holds.
pub fn cents(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole: String = whole.chars().filter(|c| *c != ',').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(&whole) || fraction.len() > 2 || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let fraction = format!("{fraction:0<2}");
    let value = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(fraction.parse::<i64>().ok()?)?;
    Some(if negative { -value } else { value })
}

/// Whole units of an amount in minor units (cents), rounded half away from zero.
pub fn whole_units(minor: i64) -> i64 {
    (minor + minor.signum() * 50) / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_round_to_whole_units() {
        assert_eq!(whole_units(0), 0);
        assert_eq!(whole_units(149), 1);
        assert_eq!(whole_units(150), 2);
        assert_eq!(whole_units(-150), -2);
        assert_eq!(whole_units(-149), -1);
    }

    #[test]
    fn amounts_read_as_cents() {
        assert_eq!(cents("1,234.5"), Some(123_450));
        assert_eq!(cents(" -12 "), Some(-1_200));
        assert_eq!(cents("0.07"), Some(7));
        for bad in [
            "",
            "-",
            "1.234",
            "12,5.00.1",
            "1e3",
            "abc",
            ".5",
            "99999999999999999999",
        ] {
            assert_eq!(cents(bad), None, "{bad}");
        }
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
