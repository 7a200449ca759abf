//! Stylus programs, host-free.
