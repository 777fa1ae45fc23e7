//! The meeting brief, in three parts: its vocabulary (purpose kinds, statuses, limits), the
//! input that creates and changes one, and its read models.

mod input;
mod read;
mod vocabulary;

pub use input::*;
pub use read::*;
pub use vocabulary::*;
