fn main() -> std::process::ExitCode {
    mdbook_okr::cli::main()
}
