//! Stylus pricing, host-free: gas and ink ([`ink`]), host function ink costs ([`hostio`]),
//! memory pages ([`memory`]), program init gas ([`init`]), the activation data fee
//! ([`data_fee`]), the reads of a root program's fragments ([`fragment_read`]) and the least a
//! frame pays for the data it returns ([`return_data`]).

pub mod data_fee;
pub mod fragment_read;
pub mod hostio;
pub mod init;
pub mod ink;
pub mod memory;
pub mod return_data;

pub use data_fee::DataPricer;
pub use fragment_read::{fragment_read_gas, fragment_read_reserve};
pub use init::{cached_init_gas, call_init_gas, entry_gas_floors, init_gas};
pub use ink::{gas_to_ink, ink_to_gas};
pub use memory::memory_cost;
