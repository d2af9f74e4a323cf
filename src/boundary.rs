//! The read boundary: content, locales and data come from many hands (see `docs/security.md`), so
//! every untrusted file plein reads must resolve inside the site's folder and be a regular file.
//! A symbolic link that stays inside the site may be used; one that leaves it, or a device,
//! socket or pipe, is an error at the link.

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// The site's folder, resolved once, against which untrusted paths are checked.
#[derive(Debug, Clone)]
pub(crate) struct SiteRoot {
    real: PathBuf,
}

/// What an untrusted path turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    File,
    Dir,
}

impl SiteRoot {
    /// Resolves `root` (it may itself be reached through links: the site is trusted to be where
    /// the user pointed).
    pub(crate) fn new(root: &Path) -> SiteRoot {
        let real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        SiteRoot { real }
    }

    /// Checks that `path` (a file or folder found in an untrusted folder) is a regular file or
    /// a folder inside the site once every link is resolved.
    pub(crate) fn check(&self, path: &Path) -> Result<Kind, Diagnostic> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| {
            Diagnostic::error(path, 0, 0, format!("cannot read: {e}")).with_help("check that the file exists and that you may read it")
        })?;
        let real = if meta.file_type().is_symlink() {
            let real = std::fs::canonicalize(path).map_err(|e| {
                Diagnostic::error(path, 0, 0, format!("this symbolic link points at nothing that can be read ({e})"))
                    .with_help("remove the link, or replace it with the file itself")
            })?;
            if !real.starts_with(&self.real) {
                return Err(Diagnostic::error(
                    path,
                    0,
                    0,
                    format!(
                        "this symbolic link points outside the site, at {}; plein reads nothing outside the site's folder",
                        real.display()
                    ),
                )
                .with_help("copy the file into the site instead of linking to it, or remove the link"));
            }
            real
        } else {
            path.to_path_buf()
        };
        let meta = if meta.file_type().is_symlink() { std::fs::metadata(&real).ok() } else { Some(meta) };
        match meta {
            Some(m) if m.is_file() => Ok(Kind::File),
            Some(m) if m.is_dir() => Ok(Kind::Dir),
            _ => Err(Diagnostic::error(path, 0, 0, "this is not a regular file or folder (a device, socket or pipe)")
                .with_help("remove it from the site; only files and folders are read")),
        }
    }
}

/// A top-level source folder of the site (`content/`, `locales/`): it must be a real folder
/// inside the site, or absent.
pub(crate) fn check_source_folder(root: &SiteRoot, dir: &Path) -> Result<(), Diagnostic> {
    if std::fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    match root.check(dir) {
        Ok(Kind::Dir) => Ok(()),
        Ok(Kind::File) => {
            Err(Diagnostic::error(dir, 0, 0, "this should be a folder, but it is a file")
                .with_help("move the file away and create the folder"))
        }
        Err(d) => Err(d),
    }
}

/// The file types `content/` may publish as they are: passive formats a browser shows or
/// downloads but never runs. HTML, SVG, JavaScript, CSS, XML (which can carry a stylesheet) and
/// every type not listed come only from the trusted theme. The list is documented in
/// `docs/security.md` and `docs/content-format.md`; keep the three in step.
/// (extension, what the file must start with, if the format has a signature).
pub(crate) const PUBLISHABLE: &[(&str, Option<&[u8]>)] = &[
    ("png", Some(b"\x89PNG\r\n\x1a\n")),
    ("jpg", Some(b"\xff\xd8\xff")),
    ("jpeg", Some(b"\xff\xd8\xff")),
    ("gif", Some(b"GIF8")),
    ("webp", Some(b"RIFF")),
    ("avif", None),
    ("pdf", Some(b"%PDF-")),
    ("csv", None),
    ("txt", None),
    ("odt", Some(b"PK\x03\x04")),
    ("ods", Some(b"PK\x03\x04")),
    ("odp", Some(b"PK\x03\x04")),
    ("docx", Some(b"PK\x03\x04")),
    ("xlsx", Some(b"PK\x03\x04")),
    ("pptx", Some(b"PK\x03\x04")),
    ("mp3", None),
    ("mp4", None),
    ("webm", Some(b"\x1a\x45\xdf\xa3")),
    ("vtt", Some(b"WEBVTT")),
];

/// Whether a file found in `content/` may be published: its extension is on [`PUBLISHABLE`]
/// and, for formats with a signature, its bytes start with it (a `.png` that is really HTML is
/// refused, in case a host sniffs types).
pub(crate) fn check_publishable(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let allowed = || PUBLISHABLE.iter().map(|(e, _)| format!(".{e}")).collect::<Vec<_>>().join(", ");
    let Some((_, signature)) = PUBLISHABLE.iter().find(|(e, _)| *e == ext) else {
        let what = if ext.is_empty() { "a file without an extension".to_string() } else { format!("a `.{ext}` file") };
        return Err(Diagnostic::error(path, 0, 0, format!("{what} cannot be published from content/: only passive file types are"))
            .with_help(format!(
                "allowed here: {}; HTML, SVG, scripts and styles belong in the theme (templates/, static/); remove the file or convert it",
                allowed()
            )));
    };
    if let Some(signature) = signature {
        if !bytes.starts_with(signature) {
            return Err(Diagnostic::error(path, 0, 0, format!("this file is named `.{ext}` but its content is not a .{ext} file"))
                .with_help("export the file again in the format its name says, or give it the right extension"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_inside_are_allowed_outside_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::write(site.join("content/a.txt"), "a").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink(site.join("content/a.txt"), site.join("content/inside.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), site.join("content/outside.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("nothing"), site.join("content/dangling.txt")).unwrap();
        let root = SiteRoot::new(&site);
        assert_eq!(root.check(&site.join("content/a.txt")).unwrap(), Kind::File);
        assert_eq!(root.check(&site.join("content/inside.txt")).unwrap(), Kind::File);
        assert!(root.check(&site.join("content/outside.txt")).unwrap_err().message.contains("outside the site"));
        assert!(root.check(&site.join("content/dangling.txt")).is_err());
        assert_eq!(root.check(&site.join("content")).unwrap(), Kind::Dir);
    }

    #[test]
    fn only_passive_types_with_their_signature_are_published() {
        assert!(check_publishable(Path::new("a.png"), b"\x89PNG\r\n\x1a\nrest").is_ok());
        assert!(check_publishable(Path::new("a.PDF"), b"%PDF-1.7").is_ok());
        assert!(check_publishable(Path::new("a.txt"), b"hello").is_ok());
        for (name, bytes) in [("x.html", &b"<p>"[..]), ("x.svg", b"<svg"), ("x.js", b"1"), ("x.xml", b"<?xml"), ("x", b"")] {
            assert!(check_publishable(Path::new(name), bytes).unwrap_err().message.contains("cannot be published"), "{name}");
        }
        assert!(check_publishable(Path::new("x.png"), b"<script>").unwrap_err().message.contains("not a .png"));
    }

    #[test]
    fn special_files_are_refused() {
        let root = SiteRoot::new(Path::new("/"));
        assert!(root.check(Path::new("/dev/null")).unwrap_err().message.contains("not a regular file"));
    }
}
