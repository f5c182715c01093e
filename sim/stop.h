/* stop.h: the process's stop request.  The cli's handler for SIGINT,
 * SIGTERM and SIGHUP sets it; every loop that can run long (reading a
 * scenario and its tables, building the model, simulating, searching a
 * staffing) polls it often enough to stop within a fraction of a second.
 * An atomic int that is lock-free: safe to set from a signal handler and to
 * read from any thread (a volatile sig_atomic_t is only the former). */
#ifndef SUPSIM_STOP_H
#define SUPSIM_STOP_H

#include <stdatomic.h>

#if ATOMIC_INT_LOCK_FREE != 2
#error "stop.h needs a lock-free atomic int (async-signal-safe)"
#endif

extern atomic_int sim_stop;

/* Async-signal-safe. */
static inline void sim_stop_request(void)
{
	atomic_store_explicit(&sim_stop, 1, memory_order_relaxed);
}

static inline int sim_stopping(void)
{
	return atomic_load_explicit(&sim_stop, memory_order_relaxed);
}

#endif
