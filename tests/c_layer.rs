//! The C layer's integration tests (deferred, notifiers, reactor), one concern per
//! module, gathered into one test binary to keep link time down on a 2-core machine.

#[path = "c_layer/support.rs"]
mod support;

#[path = "c_layer/deferred_differential.rs"]
mod deferred_differential;
#[path = "c_layer/deferred_exception_mode.rs"]
mod deferred_exception_mode;
#[path = "c_layer/deferred_finish.rs"]
mod deferred_finish;
#[path = "c_layer/deferred_queue_order.rs"]
mod deferred_queue_order;
#[path = "c_layer/deferred_redefer.rs"]
mod deferred_redefer;
#[path = "c_layer/reactor_cancel.rs"]
mod reactor_cancel;
#[path = "c_layer/reactor_io.rs"]
mod reactor_io;
#[path = "c_layer/reactor_loop_end.rs"]
mod reactor_loop_end;
#[path = "c_layer/reactor_million_timers.rs"]
mod reactor_million_timers;
#[path = "c_layer/reactor_priority.rs"]
mod reactor_priority;
#[path = "c_layer/reactor_queue_memory.rs"]
mod reactor_queue_memory;
#[path = "c_layer/reactor_signal.rs"]
mod reactor_signal;
#[path = "c_layer/reactor_threshold.rs"]
mod reactor_threshold;
#[path = "c_layer/reactor_timers.rs"]
mod reactor_timers;
#[path = "c_layer/reactor_virtual_clock.rs"]
mod reactor_virtual_clock;
#[path = "c_layer/reactor_wake.rs"]
mod reactor_wake;
