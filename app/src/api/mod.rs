//! Server functions, one module per resource. Each one authorises first, validates second, then
//! calls the domain operation in `ssr` and maps its error to an [`AppError`](crate::error::AppError).
//! Mutations are POST only, at stable paths under `/rpc`.

pub mod meetings;
