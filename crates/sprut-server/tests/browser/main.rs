//! End-to-end tests of the web UI in a real browser: Debian's Chromium driven headless over
//! W3C WebDriver (chromedriver), against the real server on a demo company in SQLite.
//!
//! Screenshots land in `<workspace>/screenshots/`. Without `/usr/bin/chromedriver` the tests
//! are skipped (with a visible message), unless `CI` is set, where they fail.

mod driver;
mod handover;
mod planning;
mod rotation_import;
mod walkthrough;
mod workbench;
