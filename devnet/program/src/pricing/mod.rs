//! Stylus pricing, host-free: gas and ink ([`ink`]), host function ink costs ([`hostio`]),
//! memory pages ([`memory`]), program init gas ([`init`]) and the activation data fee
//! ([`data_fee`]).

pub mod data_fee;
pub mod hostio;
pub mod init;
pub mod ink;
pub mod memory;

pub use data_fee::DataPricer;
pub use init::{cached_init_gas, call_init_gas, entry_gas_floors, init_gas};
pub use ink::{gas_to_ink, ink_to_gas};
pub use memory::memory_cost;
