//! reactor: placeholder
