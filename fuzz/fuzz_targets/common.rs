//! Shared by the targets: run the code under test with the stack it has in plein.

/// Pages are loaded and rendered on rayon workers and `plein serve` rebuilds on a spawned thread:
/// both have Rust's default 2 MiB stack, not the main thread's 8 MiB. Running each input on such
/// a thread makes a recursion that would overflow in plein a crash here too.
pub const PLEIN_STACK: usize = 2 * 1024 * 1024;

/// Runs `f` on a fresh thread with [`PLEIN_STACK`]. A panic or stack overflow there aborts the
/// process (libfuzzer-sys installs an aborting panic hook), which libFuzzer reports as a crash.
pub fn on_plein_stack<F: FnOnce() + Send>(f: F) {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new().stack_size(PLEIN_STACK).spawn_scoped(scope, f).expect("spawn fuzz worker");
        if handle.join().is_err() {
            std::process::abort();
        }
    });
}
