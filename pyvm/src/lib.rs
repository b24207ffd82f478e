//! pyvm: placeholder
