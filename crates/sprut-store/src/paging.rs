//! Keyset pagination over `(sort key, id)`.

use sprut_core::page::{encode_cursor, Page};
use sprut_core::CoreError;
use sprut_core::Reason;
use uuid::Uuid;

/// Separates the sort key from the id inside a cursor.
const SEP: char = '\u{1f}';

/// A decoded cursor: the last row's sort key and id.
pub(crate) struct After {
    pub key: Option<String>,
    pub id: Option<Uuid>,
}

/// Splits a cursor made by [`next_cursor`].
pub(crate) fn after(cursor: Option<String>) -> Result<After, CoreError> {
    let Some(c) = cursor else { return Ok(After { key: None, id: None }) };
    let bad = || CoreError::field("after", Reason::Cursor);
    let (key, id) = c.rsplit_once(SEP).ok_or_else(bad)?;
    let id = Uuid::parse_str(id).map_err(|_| bad())?;
    Ok(After { key: Some(key.to_string()), id: Some(id) })
}

/// Builds a cursor from a row's sort key and id.
pub(crate) fn next_cursor(key: &str, id: Uuid) -> String {
    encode_cursor(&format!("{key}{SEP}{id}"))
}

/// Keeps `limit` items of `rows` (fetched with `limit + 1`) and the cursor to the rest.
pub(crate) fn page<T>(mut rows: Vec<T>, limit: u32, key: impl Fn(&T) -> (String, Uuid)) -> Page<T> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = if more {
        rows.last().map(|r| {
            let (k, id) = key(r);
            next_cursor(&k, id)
        })
    } else {
        None
    };
    Page { items: rows, next }
}

/// Escapes `%`, `_` and `\` and wraps the lower-cased text for a `LIKE ... ESCAPE '\'` search.
pub(crate) fn like_pattern(q: &str) -> Option<String> {
    let q = q.trim().to_lowercase();
    if q.is_empty() {
        return None;
    }
    let escaped: String = q
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    Some(format!("%{escaped}%"))
}
