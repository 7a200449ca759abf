//! Flow tests: every user flow of the protocol run on the deployed WASM artifacts
//! (`artifacts/*.code` from `cargo xtask build`) in the Stylus + EVM runtime
//! (`devnet/runtime`), next to Solidity contracts compiled by `cargo xtask solc`
//! (`tests/solidity/`). The tests are the files next to this one; this library is empty.
