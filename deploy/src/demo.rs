//! The main job.
use std::path::PathBuf;

/// How the demo runs.
#[derive(Clone, Debug)]
pub struct DemoOptions {
    /// Devnet port.
    pub port: u16,
    /// Keep running.
    pub keep_running: bool,
    /// Artifacts.
    pub artifacts_dir: PathBuf,
}

/// Runs it.
pub async fn main(_options: DemoOptions) -> anyhow::Result<()> {
    Ok(())
}
