//! Static files served next to the JSON-RPC endpoint (GET), so that a web page and the chain it
//! talks to share one origin: the restaking page (`app/dist`) and the deployment manifest it
//! reads. Files are looked up in each folder in order; `/` is `index.html`.

use std::path::{Component, Path, PathBuf};

/// A file to answer a GET with: its bytes and content type.
#[derive(Debug)]
pub struct SiteFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its `Content-Type`, from its extension.
    pub content_type: &'static str,
}

/// The content type of a file name, by extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The file a request path names in the first of `dirs` that has it. Paths that leave the
/// folder (`..`, absolute parts) or name a directory are not served.
pub fn find(dirs: &[PathBuf], request_path: &str) -> Option<SiteFile> {
    let relative = request_path.trim_start_matches('/');
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
    let relative = Path::new(relative);
    if !relative
        .components()
        .all(|component| matches!(component, Component::Normal(_)))
    {
        return None;
    }
    dirs.iter().find_map(|dir| {
        let path = dir.join(relative);
        if !path.is_file() {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        Some(SiteFile {
            bytes,
            content_type: content_type(&path),
        })
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn serves_files_from_the_folders_in_order_and_nothing_outside() {
        let root = std::env::temp_dir().join(format!("site-test-{}", std::process::id()));
        let (first, second) = (root.join("a"), root.join("b"));
        std::fs::create_dir_all(&first).unwrap();
        std::fs::create_dir_all(&second).unwrap();
        std::fs::write(first.join("index.html"), "<p>a</p>").unwrap();
        std::fs::write(second.join("index.html"), "<p>b</p>").unwrap();
        std::fs::write(second.join("manifest.json"), "{}").unwrap();
        std::fs::write(root.join("secret.txt"), "no").unwrap();
        let dirs = [first, second];
        let index = find(&dirs, "/").unwrap();
        assert_eq!(index.bytes, b"<p>a</p>");
        assert_eq!(index.content_type, "text/html; charset=utf-8");
        assert_eq!(find(&dirs, "/manifest.json").unwrap().bytes, b"{}");
        assert!(find(&dirs, "/../secret.txt").is_none());
        assert!(find(&dirs, "/a/../../secret.txt").is_none());
        assert!(find(&dirs, "/missing.js").is_none());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
