//! The preprocessor with the system allocator, for heap profilers. The
//! binary allocates with mimalloc, which heaptrack and massif do not see;
//! this runs the same pass (`[context, book]` on stdin, the book on stdout)
//! through `malloc`, so they do:
//!
//! ```text
//! cargo build --release --example heap_profile
//! heaptrack target/release/examples/heap_profile < input.json > /dev/null
//! heaptrack_print --flamegraph-cost-type peak -F stacks.txt heaptrack.*.zst
//! ```

fn main() -> anyhow::Result<()> {
    mdbook_okr::mdbook::protocol::run_stdio()
}
