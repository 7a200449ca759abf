//! Running Stylus programs: the host functions (`vm_hooks`) and the frame driver.

pub(crate) mod exec;
pub mod host;
