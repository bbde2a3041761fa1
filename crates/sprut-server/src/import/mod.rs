//! Reading import files (CSV and XLSX) into rows for `sprut_core::import`.

mod decode;
mod limits;
pub mod read;
pub mod run;
mod xlsx;

#[cfg(test)]
mod hostile;
#[cfg(test)]
mod tests;

pub use decode::Encoding;
pub use limits::ReadLimits;
pub use read::{ReadOptions, SourceFormat, TableReader, TableRow};
pub use run::{plan, ErrorsFile, ImportError, ImportRequest};
