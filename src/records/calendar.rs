//! What the desk reads about calendar: the records the store returns and the desk shows.

/// A loaded year, for `suqiu calendar status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearStatus {
    pub year: i32,
    pub loaded_at: String,
    pub source: String,
    pub off_days: i64,
    pub makeup_days: i64,
}
