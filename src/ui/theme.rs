//! Colours and styles. The level colours carry meaning: green on time, yellow due soon, red
//! overdue, white on red severely overdue.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::vocab::Level;

pub fn level(l: Level) -> Style {
    match l {
        Level::Normal => Style::default().fg(Color::Green),
        Level::Near => Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        Level::Overdue => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        Level::Severe => Style::default()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
    }
}

pub fn title() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn tab() -> Style {
    Style::default().fg(Color::Gray)
}

pub fn tab_active() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::default().fg(Color::Black).bg(Color::Gray)
}

pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

pub fn selected() -> Style {
    Style::default()
        .bg(Color::Blue)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD)
}

pub fn header() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn status_bar() -> Style {
    Style::default().bg(Color::Black).fg(Color::Gray)
}

pub fn status_user() -> Style {
    Style::default().bg(Color::Cyan).fg(Color::Black)
}

pub fn warn() -> Style {
    Style::default().fg(Color::Yellow)
}

pub fn notice() -> Style {
    Style::default()
        .fg(Color::Magenta)
        .add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn info() -> Style {
    Style::default().fg(Color::Green)
}

pub fn label() -> Style {
    Style::default().fg(Color::Cyan)
}

pub fn focused_label() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn input() -> Style {
    Style::default().bg(Color::Rgb(30, 30, 40))
}
