//! When to try a failed delivery again: exponential backoff with jitter, so a receiver that
//! comes back is not hit by every retry at the same instant, for a day at most.

/// A delivery is retried for a day before it goes to the dead letter.
pub const RETRY_WINDOW_MS: i64 = 24 * 60 * 60 * 1000;

const FIRST_MS: i64 = 2_000;
const LONGEST_MS: i64 = 60 * 60 * 1000;

/// The wait after the `failures`-th failed attempt (1 for the first), given `unit` drawn
/// uniformly from [0, 1): 2 s, 4 s, 8 s … doubling up to an hour, each ±25 %.
pub fn retry_delay_ms(failures: u32, unit: f64) -> i64 {
    let doublings = failures.saturating_sub(1).min(20);
    let base = (FIRST_MS << doublings).min(LONGEST_MS);
    let jitter = 0.75 + unit.clamp(0.0, 1.0) * 0.5;
    (base as f64 * jitter) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_an_hour_with_bounded_jitter() {
        assert_eq!(retry_delay_ms(1, 0.5), 2_000);
        assert_eq!(retry_delay_ms(2, 0.5), 4_000);
        assert_eq!(retry_delay_ms(3, 0.5), 8_000);
        assert_eq!(retry_delay_ms(30, 0.5), LONGEST_MS);
        assert_eq!(retry_delay_ms(1, 0.0), 1_500);
        assert_eq!(retry_delay_ms(1, 0.999_999), 2_499);
        assert_eq!(retry_delay_ms(u32::MAX, 0.5), LONGEST_MS);
    }

    #[test]
    fn a_day_of_retries_is_a_few_dozen_attempts() {
        let (mut waited, mut attempts) = (0, 0);
        while waited < 24 * 60 * 60 * 1000 {
            attempts += 1;
            waited += retry_delay_ms(attempts, 0.5);
        }
        assert!((30..40).contains(&attempts), "{attempts}");
    }
}
