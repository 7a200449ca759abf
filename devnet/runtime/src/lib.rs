//! Stylus runtime.
