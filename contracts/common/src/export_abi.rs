//! The full Solidity interface of a contract, for `abi/<Contract>.sol`.
//!
//! stylus-sdk's `export-abi` prints every `#[public]` function and the errors of their return
//! types, but lists errors without parameter names and no events at all. This module takes
//! that output as the source of the functions and of which errors the contract can return, and
//! completes it from the contract's [`sol_items!`](crate::sol_items) groups: each error with
//! its parameter names and every event with its `indexed` parameters.

use std::{collections::BTreeSet, fmt};

use alloy_json_abi::{JsonAbi, Param};

/// Header of every generated interface file.
const HEADER: &str = "// SPDX-License-Identifier: MIT OR Apache-2.0\npragma solidity ^0.8.23;\n";

/// The SDK's printer of one `#[public]` block: `<T as GenerateAbi>::fmt_abi`.
pub type AbiFormatter = fn(&mut fmt::Formatter<'_>) -> fmt::Result;

/// Prefix of the line of the interface file that names the constructor (a Solidity
/// interface cannot declare one, so it is a comment).
pub const CONSTRUCTOR_LINE: &str = "/// Deployed with ";

/// The constructor's signature as cargo-stylus reads it (`constructor(type name, ...)`, with
/// ` payable` when it is, parsed by alloy's `Constructor::parse`), parameter names in
/// mixedCase as in the interface.
pub fn constructor_signature(constructor: AbiFormatter) -> String {
    camel_case_identifiers(SdkAbi(constructor).to_string().trim())
}

/// The `main` of a contract's export-abi binary, answering as cargo-stylus expects: with
/// `constructor` as the first argument (what `cargo stylus deploy --constructor-args` asks),
/// the [`constructor_signature`]; otherwise the complete interface from `interface`.
pub fn main(
    interface: fn() -> Result<String, String>,
    constructor: AbiFormatter,
) -> std::process::ExitCode {
    if std::env::args().nth(1).as_deref() == Some("constructor") {
        println!("{}", constructor_signature(constructor));
        return std::process::ExitCode::SUCCESS;
    }
    match interface() {
        Ok(text) => {
            print!("{text}");
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("export-abi: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Renders the complete interface of a contract as one `interface I<Name>`.
///
/// # Arguments
/// * `source` - the crate that defines the contract, named in the file's header.
/// * `constructor` - the SDK printer of its constructor's signature, written as a comment
///   line ([`CONSTRUCTOR_LINE`]).
/// * `interfaces` - the SDK printers of the contract's `#[public]` blocks: the contract's own
///   first (it names the interface), then those of the traits it `#[implements]`, whose
///   functions are merged into the one interface.
/// * `groups` - the JSON ABIs of the contract's event and error groups.
///
/// # Errors
/// A message when the SDK lists an error that none of `groups` declares, or when the SDK
/// output has no `interface` block.
pub fn render_interface(
    source: &str,
    constructor: AbiFormatter,
    interfaces: &[AbiFormatter],
    groups: &[JsonAbi],
) -> Result<String, String> {
    let sdk_output: String = interfaces
        .iter()
        .map(|formatter| SdkAbi(*formatter).to_string())
        .collect();
    let mut functions = Vec::new();
    let mut error_names = BTreeSet::new();
    let mut interface_line = None;
    for line in sdk_output.lines() {
        let trimmed = line.trim();
        if let Some(declaration) = trimmed.strip_prefix("interface ") {
            if interface_line.is_none() {
                // `interface IName is IParent, ... {` becomes `interface IName {`.
                let name = declaration.split([' ', '{']).next().unwrap_or_default();
                interface_line = Some(format!("interface {name} {{"));
            }
        } else if let Some(error) = trimmed.strip_prefix("error ") {
            let name = error.split('(').next().unwrap_or_default().to_string();
            error_names.insert(name);
        } else if trimmed.starts_with("function ") {
            // Only the parameter names: function names (`DEFAULT_ADMIN_ROLE`) are selectors.
            let (name, params) = trimmed.split_at(trimmed.find('(').unwrap_or(trimmed.len()));
            functions.push(format!("{name}{}", camel_case_identifiers(params)));
        }
    }
    let interface_line =
        interface_line.ok_or_else(|| format!("no interface in the SDK output:\n{sdk_output}"))?;

    let mut out = format!(
        "{HEADER}\n/// Generated from `{source}` by `cargo xtask abi`: do not edit.\n\
         {CONSTRUCTOR_LINE}{}\n{interface_line}\n",
        constructor_signature(constructor)
    );
    for function in &functions {
        out.push_str(&format!("    {function}\n"));
    }

    let mut seen_events = BTreeSet::new();
    let events: Vec<String> = groups
        .iter()
        .flat_map(JsonAbi::events)
        .map(|event| format!("{};", event.full_signature()))
        .filter(|event| seen_events.insert(event.clone()))
        .collect();
    if !events.is_empty() {
        out.push('\n');
    }
    for event in &events {
        out.push_str(&format!("    {event}\n"));
    }

    let mut errors = Vec::new();
    for name in &error_names {
        let error = groups
            .iter()
            .find_map(|group| {
                group
                    .errors
                    .get(name)
                    .and_then(|overloads| overloads.first())
            })
            .ok_or_else(|| format!("error {name} is returned but declared in no group"))?;
        errors.push(format!("error {}({});", error.name, params(&error.inputs)));
    }
    if !errors.is_empty() {
        out.push('\n');
    }
    for error in &errors {
        out.push_str(&format!("    {error}\n"));
    }
    out.push_str("}\n");
    Ok(out)
}

/// Rewrites `snake_case` words (Rust parameter names, as the SDK prints them) in mixedCase,
/// the Solidity convention. Solidity types and the SDK's function names have no underscores,
/// so only parameter names change.
fn camel_case_identifiers(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut upper_next = false;
    let mut previous_is_ident = false;
    for c in line.chars() {
        let is_ident = c.is_ascii_alphanumeric() || c == '_';
        if c == '_' && previous_is_ident {
            upper_next = true;
        } else if upper_next && is_ident {
            out.push(c.to_ascii_uppercase());
            upper_next = false;
        } else {
            if upper_next {
                out.push('_');
                upper_next = false;
            }
            out.push(c);
        }
        previous_is_ident = is_ident;
    }
    out
}

/// `type name, type name, ...` for simple (non-tuple) parameters.
fn params(inputs: &[Param]) -> String {
    inputs
        .iter()
        .map(|param| format!("{} {}", param.ty, param.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Displays one SDK printer's output.
struct SdkAbi(AbiFormatter);

impl fmt::Display for SdkAbi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

#[cfg(test)]
mod tests {
    use super::{camel_case_identifiers, constructor_signature};

    /// What the SDK prints for a payable constructor with a string and a snake_case name.
    fn sdk_constructor(f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "constructor(string calldata name, uint64 epoch_start) payable"
        )
    }

    #[test]
    fn the_constructor_signature_parses_as_cargo_stylus_parses_it() {
        let signature = constructor_signature(sdk_constructor);
        assert_eq!(
            signature,
            "constructor(string calldata name, uint64 epochStart) payable"
        );
        let parsed = alloy_json_abi::Constructor::parse(&signature).unwrap();
        let inputs: Vec<(String, String)> = parsed
            .inputs
            .iter()
            .map(|p| (p.ty.clone(), p.name.clone()))
            .collect();
        assert_eq!(
            inputs,
            [
                ("string".to_owned(), "name".to_owned()),
                ("uint64".to_owned(), "epochStart".to_owned())
            ]
        );
        assert_eq!(
            parsed.state_mutability,
            alloy_json_abi::StateMutability::Payable
        );
    }

    #[test]
    fn parameter_names_become_mixed_case() {
        assert_eq!(
            camel_case_identifiers(
                "function renounceRole(bytes32 role, address caller_confirmation) external;"
            ),
            "function renounceRole(bytes32 role, address callerConfirmation) external;"
        );
        assert_eq!(
            camel_case_identifiers("function f(uint256 a_b_c, bytes4 x) external view;"),
            "function f(uint256 aBC, bytes4 x) external view;"
        );
    }
}
