//! Cursor pagination: a page of items and the cursor to the next one.

use crate::Reason;
use serde::{Deserialize, Serialize};

/// Default number of items in a page.
pub const DEFAULT_LIMIT: u32 = 50;
/// Largest page a caller may ask for.
pub const MAX_LIMIT: u32 = 500;

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct PageRequest {
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// Items per page (1 to 500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

impl PageRequest {
    /// The page length, clamped to 1..=MAX_LIMIT.
    pub fn limit(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
    }

    /// The decoded cursor, or an error naming the field.
    pub fn cursor(&self) -> Result<Option<String>, crate::CoreError> {
        self.after
            .as_deref()
            .filter(|a| !a.is_empty())
            .map(|a| decode_cursor(a).ok_or_else(|| crate::CoreError::field("after", Reason::Cursor)))
            .transpose()
    }
}

/// A page of items.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Cursor for the next page; absent on the last page.
    pub next: Option<String>,
}

/// Encodes a sort key as an opaque cursor.
pub fn encode_cursor(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// Decodes a cursor made by [`encode_cursor`].
pub fn decode_cursor(cursor: &str) -> Option<String> {
    if !cursor.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..cursor.len())
        .step_by(2)
        .map(|i| cursor.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    String::from_utf8(bytes?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip() {
        let k = "ромашка\u{1f}0190";
        assert_eq!(decode_cursor(&encode_cursor(k)).as_deref(), Some(k));
        assert_eq!(decode_cursor("zz"), None);
        assert_eq!(decode_cursor("abc"), None);
    }
}
