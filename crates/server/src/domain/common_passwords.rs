//! Passwords attackers try first. `common_passwords.txt` holds the 10,000 most common passwords
//! of the ranked list in zxcvbn (Dropbox, MIT licence; taken from the `zxcvbn` crate 3.1.1),
//! drawn from leaked password sets. It stays on the server: the SPA shows the server's message.
//!
//! Most of them are shorter than the minimum length, so the check also catches the way people
//! lengthen them: one with digits and symbols around it ("Monkey2024!!!!") is as weak as the
//! word, and so is a few characters repeated ("abcabcabcabc").

use std::collections::HashSet;
use std::sync::OnceLock;

const LIST: &str = include_str!("common_passwords.txt");

fn list() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| LIST.lines().collect())
}

/// Refuses a password attackers would guess early; compared ignoring case.
pub fn check(password: &str) -> Result<(), &'static str> {
    let lower = password.to_lowercase();
    if list().contains(lower.as_str()) {
        return Err("This password is among the most commonly used ones; choose another.");
    }
    let word =
        lower.trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ');
    if !word.is_empty() && list().contains(word) {
        return Err(
            "This is one of the most commonly used passwords with digits or symbols added; \
             choose another.",
        );
    }
    if repeats_a_shorter_part(&lower) {
        return Err("This password repeats the same few characters; choose another.");
    }
    Ok(())
}

fn repeats_a_shorter_part(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    (1..=n / 2)
        .filter(|len| n.is_multiple_of(*len))
        .any(|len| chars.chunks(len).all(|chunk| chunk == &chars[..len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_the_ten_thousand_most_common() {
        assert_eq!(list().len(), 10_000);
        assert!(list().contains("123456") && list().contains("pic's"));
    }

    #[test]
    fn refuses_common_passwords_in_any_case() {
        for weak in [
            "qwerty123456",
            "QWERTY123456",
            "1qaz2wsx3edc",
            "sonyericsson",
        ] {
            assert!(
                check(weak).unwrap_err().contains("most commonly used ones"),
                "{weak}"
            );
        }
    }

    #[test]
    fn refuses_common_words_padded_with_digits_and_symbols() {
        for weak in ["Monkey2024!!!!", "!!football1234", "iloveyou 12345"] {
            assert!(
                check(weak).unwrap_err().contains("digits or symbols"),
                "{weak}"
            );
        }
    }

    #[test]
    fn refuses_repeated_characters() {
        for weak in ["aaaaaaaaaaaa", "abcabcabcabc", "xyzwxyzwxyzw"] {
            assert!(check(weak).unwrap_err().contains("repeats"), "{weak}");
        }
    }

    #[test]
    fn accepts_what_is_not_on_the_list() {
        for fine in [
            "portico-demo",
            "correct horse battery staple",
            "Monkey loves 42 bananas",
            "abcabcabcabd",
            "Tr0ub4dor&3-extra",
        ] {
            assert_eq!(check(fine), Ok(()), "{fine}");
        }
    }
}
