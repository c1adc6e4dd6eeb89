//! suqiu (诉求): the desk system of a district petition service center.

pub mod app;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod domain;
pub mod keymap;
pub mod paper;
pub mod pdf;
pub mod progress;
pub mod records;
pub mod reports;
pub mod roster_files;
pub mod sanjin_files;
pub mod sheet;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod words;
