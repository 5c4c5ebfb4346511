// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started as a worker (the PDF text engine), this process does that job and exits here.
    carefile::worker::serve_if_asked();
    carefile_desktop_lib::run()
}
