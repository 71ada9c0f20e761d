//! Issue 16: nothing outside the site root is read or published through a symlink.
#![allow(unused_imports)]
use super::*;
