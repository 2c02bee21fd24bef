//! Searching the content hub: words, facet filters, ranking, facet counts and a page, each
//! bounded so that one search costs about the same however much it matches.
//!
//! The assets a search reads are its hits: the `COUNT_CAP + 1` most recently added assets that
//! match (newest first is an order SQLite's full-text index can stop early in, and PostgreSQL's
//! primary key). Facets are counted over the hits, and a query's results are ranked and paged
//! from them; browsing without words pages through every match, in an order an index serves.
//! PostgreSQL also cancels a search statement after `STATEMENT_TIMEOUT`. SQLite has no
//! statement timeout, so there the bounds on words, prefixes and hits are what keep a search
//! short.

use portico_api::assets::{AssetKind, AssetSort, AssetState, COUNT_CAP, PREFIX_MIN};
use portico_api::organizations::Motion;
use sqlx::{AssertSqlSafe, FromRow};

use crate::store::StoreError;
use crate::store::assets::{CARD_COLUMNS, CardRow, Reader, WITH_FILE, admit, audience};
use crate::store::conditions::{Conditions, SortKey};
use crate::store::sql;
use crate::store::{Db, Engine};

/// How long PostgreSQL lets one search statement run.
const STATEMENT_TIMEOUT: &str = "SET LOCAL statement_timeout = '2s'";

/// A search of the hub: words, facet filters, a page.
#[derive(Debug, Clone)]
pub struct Search {
    pub reader: Reader,
    pub words: Vec<String>,
    pub kind: Option<AssetKind>,
    pub motion: Option<Motion>,
    pub industry: Option<String>,
    pub use_case: Option<String>,
    pub state: Option<AssetState>,
    pub sort: AssetSort,
    pub offset: u32,
    pub limit: u32,
}

/// How many matching assets carry one value of a facet (`kind`, `motion`, `industry`,
/// `use_case`).
#[derive(Debug, Clone, FromRow)]
pub struct FacetRow {
    pub facet: String,
    pub value: String,
    pub n: i64,
}

/// The facet counts of a search and the number of assets they were counted over.
#[derive(Debug, Clone)]
pub struct FacetCounts {
    pub rows: Vec<FacetRow>,
    /// At most `COUNT_CAP`.
    pub total: i64,
    /// More than `COUNT_CAP` assets match: every count is a lower bound.
    pub capped: bool,
}

impl FacetCounts {
    /// Every asset has one kind, so the kind counts add up to the assets counted.
    fn new(mut rows: Vec<FacetRow>, may_cap: bool) -> FacetCounts {
        let counted: i64 = rows.iter().filter(|r| r.facet == "kind").map(|r| r.n).sum();
        let capped = may_cap && counted > COUNT_CAP;
        if capped {
            for row in &mut rows {
                row.n = row.n.min(COUNT_CAP);
            }
        }
        FacetCounts {
            rows,
            total: if capped { COUNT_CAP } else { counted },
            capped,
        }
    }
}

impl Search {
    /// `WITH hits AS (…)`: the ids of the `COUNT_CAP + 1` newest matches, and on SQLite, when
    /// `scored`, their bm25 score. FTS5 hands its matches over by rowid, so reading them newest
    /// first it stops after the hits. CROSS JOIN keeps the index outside: the planner would
    /// otherwise walk every asset and search the index once for each.
    fn hits(&self, engine: Engine, c: &mut Conditions, scored: bool) -> String {
        let (from, newest_first, score) = match (self.terms(engine), engine) {
            (Some(terms), Engine::Sqlite) => {
                let p = c.bind(SortKey::Text(terms));
                let from = format!(
                    "assets_search CROSS JOIN assets a ON a.id = assets_search.rowid \
                     AND assets_search MATCH {p}"
                );
                let score = if scored {
                    ", bm25(assets_search, 10.0, 4.0, 1.0) AS score"
                } else {
                    ""
                };
                (from, "assets_search.rowid DESC", score)
            }
            (Some(terms), Engine::Postgres) => {
                c.add(
                    "a.search @@ to_tsquery('english', ?)",
                    [SortKey::Text(terms)],
                );
                ("assets a".to_owned(), "a.id DESC", "")
            }
            (None, _) => ("assets a".to_owned(), "a.id DESC", ""),
        };
        self.filters(c);
        format!(
            "WITH hits AS (SELECT a.id{score} FROM {from} WHERE {} ORDER BY {newest_first} \
             LIMIT {})",
            c.clause(),
            COUNT_CAP + 1
        )
    }

    /// What a match must be besides its words: visible to the reader, and in the chosen facets.
    fn filters(&self, c: &mut Conditions) {
        admit(c, "a", &self.reader, self.state);
        if let Some(kind) = self.kind {
            c.add("a.kind = ?", [SortKey::Text(kind.as_str().into())]);
        }
        for (facet, value) in self.tag_filters() {
            c.add(
                "a.id IN (SELECT asset_id FROM asset_tags WHERE facet = ? AND value = ?)",
                [SortKey::Text(facet.into()), SortKey::Text(value)],
            );
        }
    }

    fn tag_filters(&self) -> Vec<(&'static str, String)> {
        [
            ("motion", self.motion.map(|m| m.as_str().to_owned())),
            ("industry", self.industry.clone()),
            ("use_case", self.use_case.clone()),
        ]
        .into_iter()
        .filter_map(|(facet, value)| Some((facet, value?)))
        .collect()
    }

    /// The words as the engine's query syntax: every word must match, those of `PREFIX_MIN`
    /// characters or more as a prefix, shorter ones whole (a short prefix would read a large
    /// part of the index). The words hold only letters and digits, so nothing in them is read
    /// as syntax.
    fn terms(&self, engine: Engine) -> Option<String> {
        if self.words.is_empty() {
            return None;
        }
        let terms: Vec<String> = self
            .words
            .iter()
            .map(|w| {
                let prefix = w.chars().count() >= PREFIX_MIN;
                match (engine, prefix) {
                    (Engine::Sqlite, true) => format!("\"{w}\"*"),
                    (Engine::Sqlite, false) => format!("\"{w}\""),
                    (Engine::Postgres, true) => format!("{w}:*"),
                    (Engine::Postgres, false) => w.clone(),
                }
            })
            .collect();
        Some(terms.join(if engine == Engine::Sqlite { " " } else { " & " }))
    }

    fn order(&self) -> &'static str {
        match (self.sort, &self.reader) {
            (AssetSort::MostUsed, _) => "a.use_count DESC, a.id DESC",
            // Partners only see published assets, so the publication time orders them (and
            // an index serves it); managers' drafts have none yet.
            (_, Reader::Partner(_)) => "a.published_at DESC, a.id DESC",
            (_, Reader::Vendor) => "COALESCE(a.published_at, a.created_at) DESC, a.id DESC",
        }
    }

    /// One page of cards: `limit + 1` rows, so the caller can tell whether more follow. With
    /// words, the page comes from the hits, ranked by the engine's score of each.
    fn page_sql(&self, engine: Engine) -> (String, Conditions) {
        let mut c = Conditions::default();
        let Some(terms) = self.terms(engine) else {
            self.filters(&mut c);
            let sql = format!(
                "SELECT {CARD_COLUMNS} FROM assets a {WITH_FILE} WHERE {} ORDER BY {}",
                c.clause(),
                self.order()
            );
            return (self.paged(sql), c);
        };
        let hits = self.hits(engine, &mut c, self.sort == AssetSort::Relevance);
        let order = match (self.sort, engine) {
            (AssetSort::Relevance, Engine::Sqlite) => "hits.score, a.id DESC".to_owned(),
            (AssetSort::Relevance, Engine::Postgres) => {
                let p = c.bind(SortKey::Text(terms));
                format!("ts_rank(a.search, to_tsquery('english', {p})) DESC, a.id DESC")
            }
            _ => self.order().to_owned(),
        };
        let sql = format!(
            "{hits} SELECT {CARD_COLUMNS} FROM hits {} assets a ON a.id = hits.id {WITH_FILE} \
             ORDER BY {order}",
            join(engine)
        );
        (self.paged(sql), c)
    }

    fn paged(&self, sql: String) -> String {
        format!("{sql} LIMIT {} OFFSET {}", self.limit + 1, self.offset)
    }

    pub async fn page(&self, db: &Db) -> Result<Vec<CardRow>, StoreError> {
        fetch(db, self.page_sql(db.engine())).await
    }

    /// The facet counts over the hits, or, for a partner opening the hub without a query or
    /// filter, the running totals of everything the partner may see (exact and cheap).
    fn facets_sql(&self, engine: Engine) -> (String, Conditions) {
        let mut c = Conditions::default();
        match &self.reader {
            Reader::Partner(profile) if self.unfiltered() => {
                audience(&mut c, "f", profile);
                let sql = format!(
                    "SELECT facet, value, CAST(SUM(n) AS BIGINT) AS n FROM asset_facet_totals f \
                     WHERE {} GROUP BY facet, value HAVING SUM(n) > 0",
                    c.clause()
                );
                (sql, c)
            }
            _ => {
                let hits = self.hits(engine, &mut c, false);
                let sql = format!(
                    "{hits} SELECT t.facet, t.value, COUNT(*) AS n FROM hits {} asset_tags t \
                     ON t.asset_id = hits.id GROUP BY t.facet, t.value",
                    join(engine)
                );
                (sql, c)
            }
        }
    }

    fn unfiltered(&self) -> bool {
        self.words.is_empty() && self.kind.is_none() && self.tag_filters().is_empty()
    }

    pub async fn facets(&self, db: &Db) -> Result<FacetCounts, StoreError> {
        let rows = fetch(db, self.facets_sql(db.engine())).await?;
        let from_hits = !(matches!(self.reader, Reader::Partner(_)) && self.unfiltered());
        Ok(FacetCounts::new(rows, from_hits))
    }
}

/// Joins from the hits: SQLite is told to keep them outside.
fn join(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "CROSS JOIN",
        Engine::Postgres => "JOIN",
    }
}

/// Runs one search statement; on PostgreSQL inside a transaction that cancels it after
/// `STATEMENT_TIMEOUT` (see `timed_out`).
async fn fetch<R>(db: &Db, (sql, c): (String, Conditions)) -> Result<Vec<R>, StoreError>
where
    R: sql::Row,
{
    let query = sql::query_as(AssertSqlSafe(sql)).bind_all(c.arguments());
    match db.engine() {
        Engine::Sqlite => Ok(query.fetch_all(db.pool()).await?),
        Engine::Postgres => {
            let mut tx = db.pool().begin().await?;
            sql::query(STATEMENT_TIMEOUT).execute(&mut tx).await?;
            let rows = query.fetch_all(&mut tx).await?;
            tx.finish(true).await?;
            Ok(rows)
        }
    }
}

/// True when PostgreSQL cancelled a search statement for running past its time
/// (`query_canceled`).
pub fn timed_out(error: &StoreError) -> bool {
    let StoreError::Database(error) = error else {
        return false;
    };
    error
        .as_database_error()
        .and_then(|e| e.code())
        .is_some_and(|code| code == "57014")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(words: &[&str]) -> Search {
        Search {
            reader: Reader::Vendor,
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            kind: None,
            motion: None,
            industry: None,
            use_case: None,
            state: None,
            sort: AssetSort::Relevance,
            offset: 0,
            limit: 24,
        }
    }

    #[test]
    fn short_words_match_whole_and_longer_ones_as_prefixes() {
        let s = search(&["ox", "roi", "über", "pricing"]);
        assert_eq!(
            s.terms(Engine::Sqlite).unwrap(),
            r#""ox" "roi" "über"* "pricing"*"#
        );
        assert_eq!(
            s.terms(Engine::Postgres).unwrap(),
            "ox & roi & über:* & pricing:*"
        );
        assert_eq!(search(&[]).terms(Engine::Sqlite), None);
    }

    #[test]
    fn facets_count_only_the_newest_hits() {
        for engine in [Engine::Sqlite, Engine::Postgres] {
            for words in [&["pricing"][..], &[]] {
                let (sql, _) = search(words).facets_sql(engine);
                assert!(sql.starts_with("WITH hits AS ("), "{sql}");
                assert!(sql.contains(" DESC LIMIT 1001) "), "{sql}");
                assert!(sql.ends_with("ON t.asset_id = hits.id GROUP BY t.facet, t.value"));
                assert!(!sql.contains("bm25"), "counting needs no score: {sql}");
            }
        }
    }

    #[test]
    fn a_query_is_ranked_and_paged_from_the_hits() {
        let (sqlite, _) = search(&["pricing"]).page_sql(Engine::Sqlite);
        assert!(sqlite.contains("ORDER BY assets_search.rowid DESC LIMIT 1001)"));
        assert!(sqlite.contains(
            "FROM hits CROSS JOIN assets a ON a.id = hits.id LEFT JOIN asset_versions v \
             ON v.id = a.current_version_id ORDER BY hits.score, a.id DESC LIMIT 25 OFFSET 0"
        ));
        let (postgres, c) = search(&["pricing"]).page_sql(Engine::Postgres);
        assert!(postgres.contains("a.search @@ to_tsquery('english', $1)"));
        assert!(postgres.contains("ORDER BY a.id DESC LIMIT 1001)"));
        assert!(postgres.contains(
            "FROM hits JOIN assets a ON a.id = hits.id LEFT JOIN asset_versions v \
             ON v.id = a.current_version_id \
             ORDER BY ts_rank(a.search, to_tsquery('english', $2)) DESC, a.id DESC"
        ));
        assert_eq!(
            c.clause(),
            "a.search @@ to_tsquery('english', $1) AND a.state <> 'archived'"
        );
        // Browsing without words pages through every match in an indexed order.
        let (browse, _) = search(&[]).page_sql(Engine::Sqlite);
        assert!(!browse.contains("hits"), "{browse}");
    }

    #[test]
    fn counts_past_the_cap_are_lower_bounds() {
        let row = |facet: &str, value: &str, n| FacetRow {
            facet: facet.into(),
            value: value.into(),
            n,
        };
        let over = vec![row("kind", "deck", 1001), row("industry", "Retail", 400)];
        let counts = FacetCounts::new(over.clone(), true);
        assert!(counts.capped);
        assert_eq!(counts.total, COUNT_CAP);
        assert_eq!(counts.rows[0].n, COUNT_CAP);
        assert_eq!(counts.rows[1].n, 400);
        let totals = FacetCounts::new(over, false);
        assert!(!totals.capped);
        assert_eq!(totals.total, 1001);
        let under = FacetCounts::new(vec![row("kind", "deck", 1000)], true);
        assert!(!under.capped);
        assert_eq!(under.total, 1000);
    }
}
