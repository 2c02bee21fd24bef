//! Statements whose text depends on data, such as an `IN (…)` list as long as the list: the
//! builder numbers the placeholders and takes each value as it writes its placeholder, so no
//! one counts parameters by hand, and the text is only ever the code's own fragments.
//!
//! Where each value is written once, in order, the builder also keeps a text with SQLite's
//! nameless `?` placeholders: SQLite finds a numbered placeholder's name by walking the list
//! of all of them, so binding an `INSERT` of 2,000 rows took about a second with `$n` and a
//! few milliseconds with `?`.

use sqlx::AssertSqlSafe;

use super::query::{Bind, Query, QueryAs, QueryScalar, Row, Value, query};

pub struct Builder {
    sql: String,
    /// The same text with `?` placeholders, while every value is written once and in order.
    nameless: Option<String>,
    /// Values written so far in order.
    written: usize,
    values: Vec<Value>,
}

/// Placeholders the builder numbered and bound: only it makes them.
pub struct Param {
    text: String,
    /// The first value's number and how many there are.
    first: usize,
    count: usize,
}

impl Builder {
    pub fn new(sql: &'static str) -> Builder {
        Builder {
            sql: sql.to_owned(),
            nameless: Some(sql.to_owned()),
            written: 0,
            values: Vec::new(),
        }
    }

    pub fn push(&mut self, sql: &'static str) -> &mut Self {
        self.sql.push_str(sql);
        if let Some(nameless) = &mut self.nameless {
            nameless.push_str(sql);
        }
        self
    }

    /// Binds `value` to the next placeholder, to write once or several times.
    pub fn bind(&mut self, value: impl Bind) -> Param {
        self.values.push(value.value());
        let n = self.values.len();
        Param {
            text: format!("${n}"),
            first: n,
            count: 1,
        }
    }

    /// Binds each value to a placeholder of its own: `$n, $n+1, …`, for an `IN (…)` list. An
    /// empty list is `NULL`, which no value is `IN`, so the statement stays valid and matches
    /// nothing.
    pub fn bind_list<B: Bind>(&mut self, values: impl IntoIterator<Item = B>) -> Param {
        let first = self.values.len() + 1;
        let placeholders: Vec<String> = values.into_iter().map(|v| self.bind(v).text).collect();
        if placeholders.is_empty() {
            return Param {
                text: "NULL".to_owned(),
                first,
                count: 0,
            };
        }
        Param {
            text: placeholders.join(", "),
            first,
            count: placeholders.len(),
        }
    }

    pub fn push_param(&mut self, param: &Param) -> &mut Self {
        self.sql.push_str(&param.text);
        let in_order = param.count == 0 || param.first == self.written + 1;
        match &mut self.nameless {
            Some(nameless) if in_order => {
                let marks = vec!["?"; param.count].join(", ");
                nameless.push_str(if param.count == 0 { "NULL" } else { &marks });
                self.written += param.count;
            }
            _ => self.nameless = None,
        }
        self
    }

    /// Writes the next placeholder, bound to `value`.
    pub fn push_bind(&mut self, value: impl Bind) -> &mut Self {
        let param = self.bind(value);
        self.push_param(&param)
    }

    /// Writes a placeholder per value, as [`Builder::bind_list`] numbers them.
    pub fn push_binds<B: Bind>(&mut self, values: impl IntoIterator<Item = B>) -> &mut Self {
        let param = self.bind_list(values);
        self.push_param(&param)
    }

    /// Writes ` LIMIT n` with the number itself, which carries no SQL: bound, SQLite's driver
    /// answered a partner's registration list about 15 % more slowly (same plan, same rows).
    pub fn push_limit(&mut self, limit: i64) -> &mut Self {
        let clause = format!(" LIMIT {limit}");
        self.sql.push_str(&clause);
        if let Some(nameless) = &mut self.nameless {
            nameless.push_str(&clause);
        }
        self
    }

    /// Writes `($n, …), ($m, …)`, one tuple of placeholders per row, for `VALUES` lists.
    pub fn push_tuples<R, V>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
        mut tuple: impl FnMut(R) -> V,
    ) -> &mut Self
    where
        V: IntoIterator<Item = Value>,
    {
        for (i, row) in rows.into_iter().enumerate() {
            self.push(if i == 0 { "(" } else { ", (" });
            self.push_binds(tuple(row)).push(")");
        }
        self
    }

    pub fn query(self) -> Query {
        let nameless = self
            .nameless
            .filter(|_| self.written == self.values.len())
            .map(AssertSqlSafe);
        query(AssertSqlSafe(self.sql))
            .on_sqlite(nameless)
            .bind_all(self.values)
    }

    pub fn query_as<T: Row>(self) -> QueryAs<T> {
        self.query().into_rows()
    }

    pub fn query_scalar<T>(self) -> QueryScalar<T>
    where
        (T,): Row,
    {
        self.query().into_scalar()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(builder: &Builder) -> (&str, &[Value]) {
        (&builder.sql, &builder.values)
    }

    fn nameless(builder: &Builder) -> Option<&str> {
        builder
            .nameless
            .as_deref()
            .filter(|_| builder.written == builder.values.len())
    }

    #[test]
    fn numbers_each_placeholder_in_the_order_its_value_was_given() {
        let mut b = Builder::new("SELECT id FROM t WHERE a = ");
        b.push_bind(7_i64)
            .push(" AND b IN (")
            .push_binds(["x", "y"])
            .push(") AND c = ")
            .push_bind(7_i64)
            .push_limit(21);
        let text = |s: &str| Value::Text(Some(s.to_owned()));
        assert_eq!(
            built(&b),
            (
                "SELECT id FROM t WHERE a = $1 AND b IN ($2, $3) AND c = $4 LIMIT 21",
                &[
                    Value::Int(Some(7)),
                    text("x"),
                    text("y"),
                    Value::Int(Some(7))
                ][..]
            )
        );
        assert_eq!(
            nameless(&b),
            Some("SELECT id FROM t WHERE a = ? AND b IN (?, ?) AND c = ? LIMIT 21")
        );
    }

    #[test]
    fn a_bound_value_can_be_written_twice() {
        let mut b = Builder::new("SELECT ");
        let ids = b.bind_list([1_i64, 2]);
        b.push("a FROM t WHERE id IN (")
            .push_param(&ids)
            .push(") UNION SELECT b FROM u WHERE id IN (")
            .push_param(&ids)
            .push(")");
        assert_eq!(
            b.sql,
            "SELECT a FROM t WHERE id IN ($1, $2) UNION SELECT b FROM u WHERE id IN ($1, $2)"
        );
        assert_eq!(b.values.len(), 2);
        assert_eq!(nameless(&b), None);
    }

    #[test]
    fn a_value_written_out_of_order_keeps_the_numbered_text() {
        let mut b = Builder::new("SELECT id FROM t WHERE a = ");
        let first = b.bind(1_i64);
        let second = b.bind(2_i64);
        b.push_param(&second).push(" AND b = ").push_param(&first);
        assert_eq!(b.sql, "SELECT id FROM t WHERE a = $2 AND b = $1");
        assert_eq!(nameless(&b), None);
    }

    #[test]
    fn writes_a_tuple_per_row() {
        let mut b = Builder::new("INSERT INTO t (a, b) VALUES ");
        b.push_tuples([(1_i64, "x"), (2, "y")], |(a, b)| [a.value(), b.value()]);
        assert_eq!(b.sql, "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        assert_eq!(
            nameless(&b),
            Some("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)")
        );
        assert_eq!(b.values.len(), 4);
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        let mut b = Builder::new("SELECT id FROM t WHERE id IN (");
        b.push_binds(Vec::<i64>::new()).push(")");
        assert_eq!(built(&b), ("SELECT id FROM t WHERE id IN (NULL)", &[][..]));
        assert_eq!(nameless(&b), Some("SELECT id FROM t WHERE id IN (NULL)"));
    }
}
