//! Who may do what with a meeting (`access`, the one decision) and what each viewer may learn
//! of it (`disclosure`, anonymity included).

pub mod access;
pub mod disclosure;
