//! `WHERE` clauses assembled from optional filters, with their values bound in order.

use crate::store::sql::Value;

/// A bound value: filters and keyset positions are numbers or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    Number(i64),
    Text(String),
}

impl SortKey {
    fn into_value(self) -> Value {
        match self {
            SortKey::Number(n) => Value::Int(Some(n)),
            SortKey::Text(t) => Value::Text(Some(t)),
        }
    }
}

/// Bound values in the order their `$n` placeholders were written.
#[derive(Default)]
pub struct Conditions {
    sql: Vec<String>,
    values: Vec<SortKey>,
}

impl Conditions {
    /// Adds a condition whose `?` marks stand for `values`, in order.
    pub fn add(&mut self, condition: &str, values: impl IntoIterator<Item = SortKey>) {
        let mut text = String::new();
        let mut values = values.into_iter();
        for (i, part) in condition.split('?').enumerate() {
            if i > 0 {
                self.values.push(values.next().expect("a value per ? mark"));
                text.push_str(&format!("${}", self.values.len()));
            }
            text.push_str(part);
        }
        self.sql.push(text);
    }

    /// Binds a value for use outside the conditions (a join, an ORDER BY); returns its `$n`.
    pub fn bind(&mut self, value: SortKey) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    pub fn fixed(&mut self, condition: &str) {
        self.sql.push(condition.to_owned());
    }

    /// The values in placeholder order.
    pub fn arguments(self) -> Vec<Value> {
        self.values.into_iter().map(SortKey::into_value).collect()
    }

    pub fn clause(&self) -> String {
        if self.sql.is_empty() {
            "1 = 1".to_owned()
        } else {
            self.sql.join(" AND ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_values() {
        let mut c = Conditions::default();
        c.add("a = ?", [SortKey::Number(1)]);
        c.fixed("b IS NULL");
        c.add(
            "(c > ? OR (c = ? AND id > ?))",
            [SortKey::Number(2), SortKey::Number(2), SortKey::Number(3)],
        );
        assert_eq!(
            c.clause(),
            "a = $1 AND b IS NULL AND (c > $2 OR (c = $3 AND id > $4))"
        );
        assert_eq!(c.values.len(), 4);
    }
}
