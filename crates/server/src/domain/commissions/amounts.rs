//! Money arithmetic for commissions, in minor units (cents) and basis points.
//!
//! Rounding: every earning is computed in exact integer arithmetic (i128) and rounded once, to
//! the nearest minor unit, halves away from zero. Installments split a total so that they add
//! up to it exactly: each is the total divided by their number, rounded down, and the last one
//! takes the remainder. Deal values are whole units of their currency; amounts carry two
//! decimals (minor units = cents) in every currency.

use portico_api::incentives::BASIS_POINTS;
use portico_api::numbers::group_thousands;

const MINOR: i64 = 100;

/// `rate` and `share` of a value in whole units, in minor units.
pub fn share_of_value(value: i64, rate_bp: u32, share_bp: u32) -> i64 {
    let numerator =
        i128::from(value) * i128::from(MINOR) * i128::from(rate_bp) * i128::from(share_bp);
    round_div(
        numerator,
        i128::from(BASIS_POINTS) * i128::from(BASIS_POINTS),
    )
}

/// `share` of an amount in minor units.
pub fn share_of(amount: i64, share_bp: u32) -> i64 {
    round_div(
        i128::from(amount) * i128::from(share_bp),
        i128::from(BASIS_POINTS),
    )
}

/// Nearest integer, halves away from zero.
fn round_div(numerator: i128, denominator: i128) -> i64 {
    let half = denominator / 2;
    let rounded = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    rounded as i64
}

/// Equal parts rounded down, the last taking the remainder.
pub fn installments(total: i64, months: u32) -> Vec<i64> {
    let months = i64::from(months.max(1));
    let each = total.div_euclid(months);
    let mut parts = vec![each; months as usize];
    if let Some(last) = parts.last_mut() {
        *last = total - each * (months - 1);
    }
    parts
}

/// "12.5 %"
pub fn percent(bp: u32) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => format!("{whole} %"),
        hundredths if hundredths % 10 == 0 => format!("{whole}.{} %", hundredths / 10),
        hundredths => format!("{whole}.{hundredths:02} %"),
    }
}

/// Minor units as "1,234.50".
pub fn money(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let whole = group_thousands((abs / MINOR as u64) as i64);
    format!("{sign}{whole}.{:02}", abs % MINOR as u64)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn rounding_takes_halves_away_from_zero() {
        assert_eq!(round_div(5, 10), 1);
        assert_eq!(round_div(4, 10), 0);
        assert_eq!(round_div(-5, 10), -1);
        assert_eq!(share_of(1, 5_000), 1, "half a cent rounds up");
        assert_eq!(share_of(1, 4_999), 0);
        assert_eq!(money(-123_456), "-1,234.56");
        assert_eq!(percent(1_234), "12.34 %");
    }

    proptest! {
        #[test]
        fn installments_add_up_to_their_total(total in 0i64..10_000_000_000, months in 1u32..=60) {
            let parts = installments(total, months);
            prop_assert_eq!(parts.len(), months as usize);
            prop_assert_eq!(parts.iter().sum::<i64>(), total);
            prop_assert!(parts.iter().all(|p| *p >= 0));
        }
    }
}
