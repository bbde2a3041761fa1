//! [`ReadLimits`]: how much of an untrusted file is read before it is refused, the same on the
//! CLI, the API and the UI, so that no file can exhaust the memory or the time of the server.

/// The caps on one file read for import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Data rows read at most.
    pub max_rows: u64,
    /// Columns of a row at most (the header's or any row's).
    pub max_columns: usize,
    /// Bytes of one row's text at most.
    pub max_row_bytes: usize,
    /// Bytes an XLSX workbook may unpack to, over every part read.
    pub max_unzipped_bytes: u64,
    /// Bytes of an XLSX workbook's shared-string table kept in memory at most.
    pub max_shared_strings_bytes: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        Self {
            max_rows: 5_000_000,
            max_columns: 1_000,
            max_row_bytes: 4 * 1024 * 1024,
            max_unzipped_bytes: 1024 * 1024 * 1024,
            max_shared_strings_bytes: 256 * 1024 * 1024,
        }
    }
}

/// `n` bytes as a person reads them: `64 MB`.
pub(crate) fn megabytes(n: u64) -> String {
    format!("{} MB", n.div_ceil(1024 * 1024))
}

/// Spreadsheet column letters of a 0-based column index: 0 → `A`, 16383 → `XFD`.
pub(crate) fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
        assert_eq!(megabytes(1), "1 MB");
        assert_eq!(megabytes(64 * 1024 * 1024), "64 MB");
    }
}
