/// A plan is thousands of small strings and vectors made and dropped per
/// chapter; mimalloc handles that churn faster than the system allocator
/// (the performance page has the numbers).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` and `arena_eager_commit`, numbered as in the
/// `mi_option_e` enum of the mimalloc 2 header that `libmimalloc-sys`
/// builds with its `v2` feature (the crate names only some options as
/// constants).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Return freed memory to the system at once and commit arenas as they
    // are used: with mimalloc's defaults the preprocessor's peak memory is
    // a fifth above the system allocator's, with these it is the same, for
    // the same speed. (mimalloc 3 reads `arena_eager_commit` before `main`,
    // so only version 2 can be set from here.)
    // SAFETY: called before any other thread exists, as mimalloc requires
    // of option changes.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
    }
    mdbook_okr::cli::main()
}
