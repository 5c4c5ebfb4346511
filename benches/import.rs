//! Import throughput benchmark (being written).
fn main() {}
