//! Issue 16: pages built to be slow or to inject markup (time bounds, escaping).
#![allow(unused_imports)]
use super::*;
