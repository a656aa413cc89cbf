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
    // No transparent huge pages: mimalloc asks for them on its arenas, and
    // with memory returned at once a 2 MiB page is faulted in and zeroed
    // again and again for a few small strings. Without them the 1,000-chapter
    // pass peaks a sixth lower at the same speed (performance page). mimalloc's
    // own `allow_thp` option is read before `main`, hence the call here; it
    // applies to pages mapped already too.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes no pointers; a failure
    // only leaves huge pages on.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    mdbook_okr::cli::main()
}
