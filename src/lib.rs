//! suqiu (诉求): the desk system of a district petition service center.

pub mod domain;
