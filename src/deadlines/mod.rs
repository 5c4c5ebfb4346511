//! Placeholder: the statutory deadline engine lands here.
