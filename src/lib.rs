//! suqiu (诉求): the desk system of a district petition service center.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod paper;
pub mod store;
pub mod tui;
pub mod app;
pub mod keymap;
pub mod ui;
