//! The one way Carefile contains a panic in code that reads untrusted files (third-party parsers:
//! lopdf, mail-parser, docx-rs): run it with [`contain`], which turns a panic into `None` for that
//! file, and marks the thread while it runs so the process's panic hook stays quiet
//! ([`in_contained_step`]) instead of telling the person the app failed.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// True while this thread runs inside [`contain`]: a panic here is an ordinary error for one
/// file, and a process-wide panic hook should say nothing.
pub fn in_contained_step() -> bool {
    CONTAINED.with(Cell::get)
}

/// Runs `f`; a panic inside it becomes `None`. Nested calls keep the outer mark.
pub fn contain<T>(f: impl FnOnce() -> T) -> Option<T> {
    let outer = CONTAINED.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(outer));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_is_none_and_the_mark_is_only_held_inside() {
        assert!(!in_contained_step());
        assert_eq!(contain(in_contained_step), Some(true));
        let none: Option<()> = contain(|| panic!("a hostile file"));
        assert_eq!(none, None);
        assert!(!in_contained_step());
        assert_eq!(
            contain(|| contain(|| 1).map(|n| n + in_contained_step() as i32)),
            Some(Some(2))
        );
    }
}
