//! Questionnaires: the YAML model, loading (bundled or from a path) and validation.

pub mod load;
pub mod model;
pub mod raw;
pub mod validate;

pub use load::{
    BUNDLED, Bundled, DEFAULT_ID, EARLIER, Earlier, bundled, earlier, earlier_named, from_path,
    from_str,
};
pub use model::*;
