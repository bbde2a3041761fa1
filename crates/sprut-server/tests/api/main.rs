//! The JSON API driven through the whole application over a real SQLite file.

mod auth;
mod calendar;
mod clients;
mod forms;
mod import;
mod jobs;
mod language;
mod mail;
mod matrix;
mod octopus;
mod openapi;
mod people;
mod planning;
mod playbook;
mod records;
mod rotation;
mod sales_plans;
mod security;
mod smtp;
mod support;
mod workbench;
