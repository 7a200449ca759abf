//! Running cargo and the other tools as child processes.

use std::{
    ffi::OsString,
    path::Path,
    process::{Command, Stdio},
};

use anyhow::{Context, Result, bail};

/// The cargo that runs this xtask (`$CARGO`, set by `cargo run`), else `cargo` from `PATH`.
///
/// Using the same cargo keeps every child build on the toolchain pinned by
/// `rust-toolchain.toml`.
pub fn cargo_program() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"))
}

/// A `cargo` command that runs in `dir`.
pub fn cargo(dir: &Path) -> Command {
    let mut cmd = Command::new(cargo_program());
    cmd.current_dir(dir);
    cmd
}

/// The command line of `cmd` for messages, with the program shown by its file name
/// (`cargo`, not the toolchain path in `$CARGO`).
pub fn display(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    cmd.get_args().fold(program, |mut line, arg| {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
        line
    })
}

/// Runs `cmd` with the terminal's stdin, stdout and stderr; fails if it does not exit with 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = display(cmd);
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `cmd` and returns its stdout; stderr goes to the terminal, stdin is closed.
/// Fails if the command does not exit with 0.
pub fn stdout_of(cmd: &mut Command) -> Result<Vec<u8>> {
    let line = display(cmd);
    let output = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `{line}`"))?;
    if !output.status.success() {
        bail!("`{line}` failed ({})", output.status);
    }
    Ok(output.stdout)
}

/// Whether `cmd` runs and exits with 0, its output discarded (to probe for optional tools).
pub fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `node <script>` in `root` with `input` on its stdin and returns what it printed on
/// stdout; its stderr goes to ours. Fails if node cannot start or the script fails.
pub fn node_script(root: &Path, script: &str, input: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut child = Command::new("node")
        .arg(script)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot run `node` (is Node.js installed?)")?;
    child
        .stdin
        .take()
        .context("no stdin for node")?
        .write_all(input)
        .with_context(|| format!("cannot send the input to {script}"))?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!("{script} failed ({}); its errors are above", output.status);
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_shows_the_program_file_name_and_arguments() {
        let mut cmd = Command::new("/opt/toolchain/bin/cargo");
        cmd.args(["build", "-p", "lrt-token"]);
        assert_eq!(display(&cmd), "cargo build -p lrt-token");
    }

    #[test]
    fn stdout_of_reports_a_failing_command() {
        let err = stdout_of(Command::new("false").arg("x")).unwrap_err();
        assert!(err.to_string().contains("`false x` failed"), "{err}");
    }

    #[test]
    fn stdout_of_captures_stdout() {
        let out = stdout_of(Command::new("echo").arg("hi")).unwrap();
        assert_eq!(out, b"hi\n");
    }
}
