//! The shared notes of a deal, which both sides read and write.

use portico_api::pipeline::{NoteSide, SharedNote};
use sqlx::FromRow;

use crate::clock::{Timestamp, rfc3339};
use crate::store::StoreError;
use crate::store::sql::{self, Conn, Pool};

#[derive(Debug, Clone, FromRow)]
struct NoteRow {
    id: i64,
    side: NoteSide,
    author_name: String,
    body: String,
    created_at: Timestamp,
}

pub async fn notes(db: &Pool, opportunity_id: i64) -> Result<Vec<SharedNote>, StoreError> {
    let rows: Vec<NoteRow> = sql::query_as(
        "SELECT id, side, author_name, body, created_at FROM opportunity_notes \
         WHERE opportunity_id = $1 ORDER BY id",
    )
    .bind(opportunity_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(NoteRow::into_view).collect())
}

impl NoteRow {
    fn into_view(self) -> SharedNote {
        let NoteRow {
            id,
            side,
            author_name,
            body,
            created_at,
        } = self;
        SharedNote {
            id,
            side,
            author_name,
            body,
            created_at: rfc3339(created_at),
        }
    }
}

pub struct NewNote<'a> {
    pub opportunity_id: i64,
    pub side: NoteSide,
    pub author_user_id: i64,
    pub author_name: &'a str,
    pub body: &'a str,
}

/// Adds a shared note and marks the deal as updated for both sides.
pub async fn add_note(
    tx: &mut Conn,
    note: &NewNote<'_>,
    now: Timestamp,
) -> Result<SharedNote, StoreError> {
    let id: i64 = sql::query_scalar(
        "INSERT INTO opportunity_notes (opportunity_id, side, author_user_id, author_name, body, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(note.opportunity_id)
    .bind(note.side.as_str())
    .bind(note.author_user_id)
    .bind(note.author_name)
    .bind(note.body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sql::query("UPDATE opportunities SET updated_at = $2, last_activity_at = $2 WHERE id = $1")
        .bind(note.opportunity_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(SharedNote {
        id,
        side: note.side,
        author_name: note.author_name.to_owned(),
        body: note.body.to_owned(),
        created_at: rfc3339(now),
    })
}
