//! An account's alternative names: other ways its company is written ("ACME Hldgs" beside
//! "Acme Holdings Inc" is the same; "Acme Cloud Services" beside "Acme" is not), each one a
//! name the conflict check finds the account by.

use crate::domain::company;

/// An alternative name with its `company::name_key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlternativeName {
    pub name: String,
    pub name_key: String,
}

/// The names among `names` that add something to match by: the first of each normalized key,
/// none with the account's own `name_key`, in the order given.
pub fn distinct<'a>(
    name_key: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Vec<AlternativeName> {
    let mut distinct: Vec<AlternativeName> = Vec::new();
    for name in names {
        let key = company::name_key(name);
        if key != name_key && !key.is_empty() && distinct.iter().all(|n| n.name_key != key) {
            distinct.push(AlternativeName {
                name: name.to_owned(),
                name_key: key,
            });
        }
    }
    distinct
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_per_key_and_never_the_accounts_own() {
        let names = distinct(
            &company::name_key("Acme Holdings Inc"),
            [
                "ACME Hldgs",
                "Acme Cloud",
                "Acme Cloud Inc.",
                "  ",
                "Acme Robotics",
            ],
        );
        let kept: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(kept, ["Acme Cloud", "Acme Robotics"]);
        assert_eq!(names[0].name_key, "acme cloud");
    }
}
