//! One way to write a file: to a temporary name beside it, flushed to the disk, then renamed over
//! the final name and the folder flushed too. A kill at any moment leaves either no file (or the
//! old one) under the final name, or the whole new one; never half of it.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What to do when the final name is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse, leaving the existing file untouched (reports, sheets, bundles, backups).
    Refuse,
    /// Replace it in one step (the vault's own files, such as its key file).
    Replace,
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> Result<()> {
    if existing == Existing::Refuse && path.exists() {
        return Err(already_exists(path));
    }
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| write_error(path, e))?;
    file.commit(existing)
}

fn already_exists(path: &Path) -> Error {
    Error::invalid(format!("{} already exists; choose another file name.", path.display()))
}

fn write_error(path: &Path, e: io::Error) -> Error {
    Error::io(format!("Could not write {}", path.display()), e)
}

/// Flush a folder's entries (a rename or a new file) to the disk. Not every platform can open a
/// folder, so this is best effort there.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Swap two folders in one step where the system can (Linux `renameat2(RENAME_EXCHANGE)`); false
/// where it can't, and then the caller renames one after the other.
pub(crate) fn swap_folders(a: &Path, b: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let (Ok(a), Ok(b)) =
            (CString::new(a.as_os_str().as_bytes()), CString::new(b.as_os_str().as_bytes()))
        else {
            return false;
        };
        // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
        unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            ) == 0
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        false
    }
}

/// A hidden temporary name beside `target`, in the same folder (so a rename is atomic and nothing
/// lands on another disk).
pub(crate) fn hidden_sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    dir.join(format!(".{name}.{}.{tag}", hex::encode(crate::ids::random_bytes::<6>())))
}

/// A file being written under a temporary name (`.<name>.<random>.part` in the same folder).
/// [`AtomicFile::commit`] puts it under its final name; dropping it uncommitted removes it.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self> {
        if path.file_name().is_none() {
            return Err(Error::invalid(format!("{} is not a file name.", path.display())));
        }
        let mut last = None;
        for _ in 0..8 {
            let tmp = hidden_sibling(path, "part");
            match fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(file) => {
                    return Ok(AtomicFile { path: path.to_path_buf(), tmp, file: Some(file) })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(write_error(path, e)),
            }
        }
        Err(write_error(path, last.unwrap_or_else(|| io::Error::other("no free temporary name"))))
    }

    /// The final name this file will have.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush, then put the file under its final name and flush the folder.
    pub fn commit(mut self, existing: Existing) -> Result<()> {
        let path = self.path.clone();
        let file = self.file.take().expect("an AtomicFile is committed once");
        file.sync_all().map_err(|e| write_error(&path, e))?;
        drop(file);
        super::crash::point("file written, not yet renamed");
        match existing {
            Existing::Replace => {
                fs::rename(&self.tmp, &path).map_err(|e| write_error(&path, e))?;
            }
            Existing::Refuse => {
                // A hard link fails if the name is taken, so nothing is ever overwritten; where the
                // file system has no links (FAT on a USB stick), check and rename.
                match fs::hard_link(&self.tmp, &path) {
                    Ok(()) => {
                        let _ = fs::remove_file(&self.tmp);
                    }
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        return Err(already_exists(&path))
                    }
                    Err(_) if path.exists() => return Err(already_exists(&path)),
                    Err(_) => fs::rename(&self.tmp, &path).map_err(|e| write_error(&path, e))?,
                }
            }
        }
        sync_dir(path.parent().unwrap_or(Path::new("")));
        super::crash::point("file renamed");
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().ok_or_else(|| io::Error::other("already committed"))?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Uncommitted (an error part way) or committed through a link: the temporary name goes.
        let _ = fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("letter.pdf");
        write_atomic(&out, b"hello", Existing::Refuse).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"hello");
        let names: Vec<_> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn refuses_an_existing_name_and_leaves_it_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.txt");
        fs::write(&out, b"old").unwrap();
        let e = write_atomic(&out, b"new", Existing::Refuse).unwrap_err();
        assert!(e.to_string().contains("already exists"), "{e}");
        assert_eq!(fs::read(&out).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&out, b"new", Existing::Replace).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
    }

    #[test]
    fn an_uncommitted_file_never_appears_under_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("bundle.pdf");
        {
            let mut f = AtomicFile::create(&out).unwrap();
            f.write_all(b"half a bun").unwrap();
            assert!(!out.exists());
        }
        assert!(!out.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

/// Takes away what an operation wrote if it does not finish: files (and a database's side files),
/// whole folders, or the contents of a folder that was there before. The one drop guard for
/// temporary and half-made output; `keep` once the work is done.
#[derive(Debug, Default)]
pub(crate) struct RemoveOnDrop {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
    contents_of: Vec<PathBuf>,
}

impl RemoveOnDrop {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn file(&mut self, path: &Path) {
        self.files.push(path.to_path_buf());
    }

    /// An SQLite database and its side files.
    pub(crate) fn db(&mut self, path: &Path) {
        self.file(path);
        for suffix in ["-journal", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            self.files.push(PathBuf::from(p));
        }
    }

    /// A folder and everything in it.
    pub(crate) fn folder(&mut self, path: &Path) {
        self.folders.push(path.to_path_buf());
    }

    /// Everything inside a folder, which itself stays.
    pub(crate) fn contents(&mut self, path: &Path) {
        self.contents_of.push(path.to_path_buf());
    }

    /// The work finished: leave everything where it is.
    pub(crate) fn keep(&mut self) {
        self.files.clear();
        self.folders.clear();
        self.contents_of.clear();
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        for p in &self.files {
            let _ = fs::remove_file(p);
        }
        for p in &self.folders {
            let _ = fs::remove_dir_all(p);
        }
        for dir in &self.contents_of {
            if let Ok(entries) = fs::read_dir(dir) {
                for e in entries.flatten() {
                    let p = e.path();
                    let _ = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
                }
            }
        }
    }
}

#[cfg(test)]
mod remove_on_drop_tests {
    use super::*;

    #[test]
    fn unfinished_work_is_taken_away_and_finished_work_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (db, folder, before) =
            (dir.path().join("a.db"), dir.path().join("staging"), dir.path().join("out"));
        fs::write(&db, b"x").unwrap();
        fs::write(dir.path().join("a.db-wal"), b"x").unwrap();
        fs::create_dir_all(folder.join("inner")).unwrap();
        fs::create_dir_all(before.join("half")).unwrap();
        fs::write(before.join("half.txt"), b"x").unwrap();
        {
            let mut guard = RemoveOnDrop::new();
            guard.db(&db);
            guard.folder(&folder);
            guard.contents(&before);
        }
        assert!(!db.exists() && !dir.path().join("a.db-wal").exists());
        assert!(!folder.exists());
        assert!(before.is_dir(), "a folder that was there stays");
        assert_eq!(fs::read_dir(&before).unwrap().count(), 0, "what was written in it goes");

        fs::write(&db, b"x").unwrap();
        {
            let mut guard = RemoveOnDrop::new();
            guard.file(&db);
            guard.keep();
        }
        assert!(db.exists(), "finished work stays");
    }
}
