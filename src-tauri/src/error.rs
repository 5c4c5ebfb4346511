//! Errors cross to the UI as `{ code, message }` (the core's `ErrorReport`).

use carefile::{Error, ErrorReport};
use serde::{Serialize, Serializer};

#[derive(Debug)]
pub struct CmdError(ErrorReport);

impl From<Error> for CmdError {
    fn from(e: Error) -> Self {
        CmdError(ErrorReport::from(&e))
    }
}

impl Serialize for CmdError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

pub type CmdResult<T> = Result<T, CmdError>;
