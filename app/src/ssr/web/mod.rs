//! Request plumbing shared by the server functions: running one (`rpc`), reading a submitted
//! form into typed input (`forms`), and the short-lived cookies that carry a redirect's news.

pub mod flash;
pub mod forms;
pub mod rpc;
