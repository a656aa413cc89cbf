//! mdBook glue: the preprocessor over stdin/stdout in both protocol
//! dialects, in-process builds, `serve` and `install`. Everything here sits
//! after the pipeline's stages and calls them; no stage imports from here.

pub mod build;
pub mod install;
pub mod preprocessor;
pub mod protocol;
pub mod serve;
