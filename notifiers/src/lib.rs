//! notifiers: placeholder
