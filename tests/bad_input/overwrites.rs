//! Issue 16: every output path is claimed once.
#![allow(unused_imports)]
use super::*;
