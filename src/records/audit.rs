//! What the desk reads about audit: the records the store returns and the desk shows.

/// One line of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub from_state: String,
    pub to_state: String,
    pub note: String,
    pub payload: String,
}
