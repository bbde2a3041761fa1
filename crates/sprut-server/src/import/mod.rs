//! Reading import files (CSV and XLSX) into rows for `sprut_core::import`.

mod decode;
pub mod read;
pub mod run;
mod xlsx;

#[cfg(test)]
mod tests;

pub use decode::Encoding;
pub use read::{ReadOptions, SourceFormat, TableReader, TableRow};
pub use run::{plan, write_errors, ImportError, ImportRequest};
