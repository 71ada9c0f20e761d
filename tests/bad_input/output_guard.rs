//! Issue 16: the output folder is kennis's alone; killed builds leave nothing behind.
#![allow(unused_imports)]
use super::*;
