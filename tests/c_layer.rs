//! The C layer's integration tests (deferred, notifiers, reactor), one concern per
//! module, gathered into one test binary to keep link time down on a 2-core machine.

#[path = "c_layer/support.rs"]
mod support;

#[path = "c_layer/deferred_exception_mode.rs"]
mod deferred_exception_mode;
#[path = "c_layer/deferred_finish.rs"]
mod deferred_finish;
#[path = "c_layer/deferred_queue_order.rs"]
mod deferred_queue_order;
#[path = "c_layer/deferred_redefer.rs"]
mod deferred_redefer;
