//! The JSON API driven through the whole application over a real SQLite file.

mod auth;
mod clients;
mod matrix;
mod openapi;
mod people;
mod playbook;
mod records;
mod security;
mod support;
