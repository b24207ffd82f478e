//! microthreading
