/* stop.c: the process's stop request (see stop.h). */
#include "stop.h"

atomic_int sim_stop;
