//! Embeds the built-in theme (`themes/default/`) in the binary: a table of every file below it
//! (relative path → bytes), so an installed `plein` needs no theme folder next to the site.
//! A generated table rather than a crate: it is twenty lines, and Cargo's `rerun-if-changed` on
//! the folder also notices files that were added or removed.

use std::path::{Path, PathBuf};

fn main() {
    // Read when the script runs, not baked in when it is compiled: Cargo reuses a compiled build
    // script for another checkout of the same package that shares the target folder.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let theme = Path::new(&manifest_dir).join("themes").join("default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut table = String::from("/// Every file of the built-in theme: (path below `themes/default/`, bytes).\n");
    table.push_str("pub(crate) static BUILT_IN: &[(&str, &[u8])] = &[\n");
    for (rel, path) in &files {
        table.push_str(&format!("    ({rel:?}, include_bytes!({:?})),\n", path.display().to_string()));
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("built_in_theme.rs");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("readable folder entry").path();
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path.strip_prefix(base).expect("below the theme").to_string_lossy().replace('\\', "/");
            files.push((rel, path));
        }
    }
}
