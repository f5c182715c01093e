/* test_event.c: the event calendar (sim/engine/event.h): events come out in
 * time order, ties by kind then in scheduling order, and a random stress of
 * interleaved pushes and pops agrees with a sorted reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "engine/event.h"

static void test_order(void **state)
{
	event_cal c;
	event e = { 0 };
	const double t[] = { 5, 1, 3, 2, 4, 0.5, 10, 7 };

	(void)state;
	assert_int_equal(event_cal_init(&c, 8), 0);
	for (uint32_t i = 0; i < 8; i++)
		event_push(&c, t[i], 1, i);
	assert_true(event_peek(&c)->t == 0.5);
	double last = -1;
	for (int i = 0; i < 8; i++) {
		assert_int_equal(event_pop(&c, &e), 0);
		assert_true(e.t >= last);
		assert_true(t[e.obj] == e.t);
		last = e.t;
	}
	assert_int_equal(event_pop(&c, &e), -1);
	assert_null(event_peek(&c));
	event_cal_fini(&c);
	event_cal_fini(&c); /* a zeroed calendar is fine */
}

static void test_ties(void **state)
{
	event_cal c;
	event e = { 0 };

	(void)state;
	assert_int_equal(event_cal_init(&c, 256), 0);
	/* 200 events at three instants, scheduled in a scrambled time order */
	for (uint32_t i = 0; i < 200; i++)
		event_push(&c, (double)((i * 7) % 3), 0, i);
	uint32_t last[3] = { 0 };
	int seen[3] = { 0 };
	for (int i = 0; i < 200; i++) {
		assert_int_equal(event_pop(&c, &e), 0);
		int k = (int)e.t;
		if (seen[k])
			assert_true(e.obj > last[k]);
		seen[k] = 1;
		last[k] = e.obj;
	}
	/* clear restarts the sequence */
	event_cal_clear(&c);
	assert_int_equal(event_push(&c, 1, 0, 0), 1);
	event_cal_fini(&c);
}

/* Events at one instant come out by kind (smaller first), then in
 * scheduling order, whatever order the kinds were scheduled in; seq stays
 * unique and carries the kind. */
static void test_kinds(void **state)
{
	event_cal c;
	event e = { 0 };
	uint64_t seqs[64];

	(void)state;
	assert_int_equal(event_cal_init(&c, 64), 0);
	/* 60 events at t = 5 with kinds 7, 2, 4, 0, 5, ... (scrambled), and a
	 * kind-0 event at t = 6 that must come after all of them */
	for (uint32_t i = 0; i < 60; i++) {
		seqs[i] = event_push(&c, 5, (i * 5) % 8, i);
		assert_true(seqs[i] >> EVENT_SEQ_BITS == (i * 5) % 8);
		for (uint32_t j = 0; j < i; j++)
			assert_true(seqs[j] != seqs[i]);
	}
	event_push(&c, 6, 0, 60);
	uint32_t last_kind = 0, last_obj = 0;
	for (int i = 0; i < 60; i++) {
		assert_int_equal(event_pop(&c, &e), 0);
		assert_true(e.t == 5 && e.seq == seqs[e.obj] && e.kind == (e.obj * 5) % 8);
		if (i)
			assert_true(e.kind > last_kind ||
				    (e.kind == last_kind && e.obj > last_obj));
		last_kind = e.kind;
		last_obj = e.obj;
	}
	assert_int_equal(event_pop(&c, &e), 0);
	assert_true(e.t == 6 && e.obj == 60);
	/* a later kind at an earlier time still comes first */
	event_push(&c, 7, 0, 1);
	event_push(&c, 6.5, 255, 2);
	assert_int_equal(event_pop(&c, &e), 0);
	assert_true(e.obj == 2 && e.kind == 255);
	event_cal_fini(&c);
}

typedef struct ref {
	double t;
	uint64_t seq;
} ref;

static int cmp_ref(const void *pa, const void *pb)
{
	const ref *a = pa, *b = pb;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Interleave pushes and pops (times on a coarse grid, so ties abound) and
 * compare each pop with the minimum of a reference multiset; with lane >= 0,
 * the events of that kind in the calendar's lane. */
static void stress(int lane)
{
	enum { N = 200000 };
	event_cal c;
	ref *pending = malloc(N * sizeof(*pending));
	size_t np = 0;
	uint64_t x = 88172645463325252ull;
	double now = 0;

	assert_non_null(pending);
	assert_int_equal(event_cal_init(&c, 4), 0);
	if (lane >= 0)
		assert_int_equal(event_cal_lane(&c, (uint32_t)lane, N), 0);
	for (int step = 0; step < N; step++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (np == 0 || x % 5 < 3) {
			double t = now + (double)(x >> 40 & 63);
			assert_int_equal(event_cal_reserve(&c, c.main.n + 1), 0);
			/* kinds 0..7: seq (kind above the counter) orders
			 * ties by kind, then scheduling, as the heap must */
			uint64_t seq = event_push(&c, t, (uint32_t)(x >> 20 & 7), (uint32_t)step);
			pending[np++] = (ref){ t, seq };
		} else {
			event e = { 0 };
			size_t best = 0;
			for (size_t i = 1; i < np; i++)
				if (cmp_ref(&pending[i], &pending[best]) < 0)
					best = i;
			assert_int_equal(event_pop(&c, &e), 0);
			assert_true(e.t == pending[best].t && e.seq == pending[best].seq);
			now = e.t;
			pending[best] = pending[--np];
		}
	}
	/* drain: the rest comes out sorted */
	qsort(pending, np, sizeof(*pending), cmp_ref);
	for (size_t i = 0; i < np; i++) {
		event e = { 0 };
		assert_int_equal(event_pop(&c, &e), 0);
		assert_true(e.t == pending[i].t && e.seq == pending[i].seq);
	}
	assert_int_equal(event_cal_size(&c), 0);
	free(pending);
	event_cal_fini(&c);
}

static void test_stress(void **state)
{
	(void)state;
	stress(-1);
}

/* The same with kind 3 in a lane (as the engine's arrivals): the order of
 * events is that of one heap. */
static void test_stress_lane(void **state)
{
	(void)state;
	stress(3);
}

/* A lane's events interleave with the main heap's by time, then kind,
 * then scheduling sequence, exactly as without a lane; the lane's heap
 * holds only its kind (event_cal_valid checks it). */
static void test_lane(void **state)
{
	event_cal a, b;
	event ea, eb;
	uint64_t x = 2463534242ull;

	(void)state;
	assert_int_equal(event_cal_init(&a, 1024), 0);
	assert_int_equal(event_cal_init(&b, 1024), 0);
	assert_int_equal(event_cal_lane(&b, 5, 8), 0);
	/* one kind-5 event pending at a time, as one arrival stream */
	event_push(&a, 1, 5, 0);
	event_push(&b, 1, 5, 0);
	for (int step = 0; step < 20000; step++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		assert_int_equal(event_pop(&a, &ea), 0);
		assert_int_equal(event_pop(&b, &eb), 0);
		assert_memory_equal(&ea, &eb, sizeof(ea));
		double t = ea.t + (double)(x & 3); /* ties with other kinds */
		if (ea.kind == 5)
			assert_true(event_push(&a, t, 5, ea.obj + 1) ==
				    event_push(&b, t, 5, eb.obj + 1));
		uint32_t kind = (uint32_t)(x >> 8) % 8;
		if (kind == 5)
			kind = 4;
		if (event_cal_size(&a) < 40)
			for (uint32_t k = 0; k < 2; k++)
				assert_true(event_push(&a, t + k, kind, k) ==
					    event_push(&b, t + k, kind, k));
		assert_true(event_cal_valid(&b));
		assert_true(b.lane.n <= 1);
	}
	assert_non_null(event_peek(&b)); /* closes the holes */
	assert_int_equal(b.lane.n, 1);
	b.lane.h[0].kind = 4; /* a foreign kind in the lane */
	assert_false(event_cal_valid(&b));
	event_cal_fini(&a);
	event_cal_fini(&b);
}

/* event_cal_valid (the SUPSIM_DEBUG check of run.c's loop): true through
 * pushes, pops (with and without the hole at the root) and growth; false
 * on a child earlier than its parent and on a lost sentinel. */
static void test_valid(void **state)
{
	event_cal c;
	event e;
	uint64_t x = 88172645463325252ull;

	(void)state;
	assert_int_equal(event_cal_init(&c, 4), 0);
	assert_true(event_cal_valid(&c));
	for (int step = 0; step < 5000; step++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (c.main.n == 0 || x % 3) {
			assert_int_equal(event_cal_reserve(&c, c.main.n + 1), 0);
			event_push(&c, (double)(x >> 40 & 1023), (uint32_t)(x & 7), 0);
		} else {
			assert_int_equal(event_pop(&c, &e), 0);
		}
		assert_true(event_cal_valid(&c));
	}
	assert_true(event_peek(&c) != NULL); /* closes the hole */
	assert_true(c.main.n > 8 && !c.main.hole && event_cal_valid(&c));
	event saved = c.main.h[5];
	c.main.h[5] = c.main.h[1];
	c.main.h[5].seq = 0; /* earlier than its parent, slot 1: same t, seq 0 */
	assert_false(event_cal_valid(&c));
	c.main.h[5] = saved;
	assert_true(event_cal_valid(&c));
	c.main.h[c.main.n + 1].t = 0; /* a padding slot no longer a sentinel */
	assert_false(event_cal_valid(&c));
	event_cal_fini(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_stress),
		cmocka_unit_test(test_stress_lane),
		cmocka_unit_test(test_lane),
		cmocka_unit_test(test_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
