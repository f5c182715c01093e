/* test_rng.c: keyed streams (sim/random/rng.c).  Known values: Random123's
 * own Philox4x64-10 answer for key 0, counter 0, and the first draws of each
 * kind of stream for seed 1, pinned so that any change of the stream layout
 * (docs/random.md) shows.  Then: re-keying replays a stream, different keys
 * give different streams, seeking equals drawing, uniforms look uniform, and
 * GSL distributions draw from it.  Ticket words: the layout of rng.h (block
 * id / k, word (id % k) * w + j), pinned values, a memo read in any order
 * gives what a fresh one gives, and consecutive tickets look independent. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>

#include "random/rng.h"

static void test_philox_kat(void **state)
{
	gsl_rng *r = rng_create();

	(void)state;
	assert_non_null(r);
	/* stream (0, 0, 0, 0, 0, 0) is Philox4x64-10 at key 0, counter 0:
	 * 16554d9eca36314c db20fe9d672d0fdc d7e772cee186176b 7e68b68aec7ba23b */
	gsl_rng_set(r, 0);
	assert_int_equal(gsl_rng_get(r), 0x16554d9eul);
	assert_int_equal(gsl_rng_get(r), 0xdb20fe9dul);
	assert_true(rng_uniform(r) == (double)(0xd7e772cee186176bull >> 11) * 0x1p-53);
	assert_true(rng_uniform(r) == (double)(0x7e68b68aec7ba23bull >> 11) * 0x1p-53);
	gsl_rng_free(r);
}

static const struct {
	uint32_t rep;
	rng_purpose purpose;
	uint32_t owner;
	uint64_t item;
	uint32_t sub;
	double u[6];
} known[] = {
	{ 0, RNG_ARRIVALS, 0, 0, 0,
	  { 0.66300198714436209, 0.20675726301211084, 0.72346829722474515,
	    0.13691367645263697, 0.93867416559254169, 0.16110400175370643 } },
	{ 0, RNG_TICKET, 0, 0, RNG_SUB_ATTR,
	  { 0.32778039785531077, 0.20482152405363818, 0.30302174469639609,
	    0.68809633477122423, 0.29518857489554418, 0.95485888186317081 } },
	{ 0, RNG_TICKET, 0, 0, RNG_SUB_WORK(2),
	  { 0.99593568828005086, 0.75401635736506967, 0.90459179993072036,
	    0.84739983168276711, 0.50008097314307254, 0.55671043839721124 } },
	{ 1, RNG_TICKET, 3, 12345, RNG_SUB_PATIENCE(0),
	  { 0.024081803863185813, 0.18606757705681909, 0.46391512516995892,
	    0.53028329533471741, 0.67792616035377562, 0.81309769040892821 } },
	{ 0, RNG_AGENT, 1, 7, 0,
	  { 0.071186393793893687, 0.018789433985063608, 0.86317617226107357,
	    0.030116232581687052, 0.44208153198472688, 0.60562445468736803 } },
};

static void test_known_values(void **state)
{
	gsl_rng *r = rng_create();

	(void)state;
	for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
		rng_key(r, 1, known[k].rep, known[k].purpose, known[k].owner,
			known[k].item, known[k].sub);
		for (int j = 0; j < 6; j++)
			assert_true(rng_uniform(r) == known[k].u[j]);
		/* gsl_rng_uniform is the same stream through GSL */
		rng_key(r, 1, known[k].rep, known[k].purpose, known[k].owner,
			known[k].item, known[k].sub);
		for (int j = 0; j < 6; j++)
			assert_true(gsl_rng_uniform(r) == known[k].u[j]);
	}
	rng_key(r, 1, 0, RNG_ARRIVALS, 0, 0, 0);
	assert_int_equal(gsl_rng_get(r), 2847571851ul);
	assert_int_equal(gsl_rng_get(r), 888015682ul);
	assert_int_equal(gsl_rng_get(r), 3107272676ul);
	gsl_rng_free(r);
}

static void test_keys_and_seek(void **state)
{
	gsl_rng *r = rng_create(), *q = rng_create();
	double first[7];

	(void)state;
	/* each field of the key changes the stream */
	rng_key(r, 1, 0, RNG_TICKET, 0, 0, 0);
	first[0] = rng_uniform(r);
	rng_key(r, 2, 0, RNG_TICKET, 0, 0, 0);
	first[1] = rng_uniform(r);
	rng_key(r, 1, 1, RNG_TICKET, 0, 0, 0);
	first[2] = rng_uniform(r);
	rng_key(r, 1, 0, RNG_AGENT, 0, 0, 0);
	first[3] = rng_uniform(r);
	rng_key(r, 1, 0, RNG_TICKET, 1, 0, 0);
	first[4] = rng_uniform(r);
	rng_key(r, 1, 0, RNG_TICKET, 0, 1, 0);
	first[5] = rng_uniform(r);
	rng_key(r, 1, 0, RNG_TICKET, 0, 0, 1);
	first[6] = rng_uniform(r);
	for (int i = 0; i < 7; i++)
		for (int j = i + 1; j < 7; j++)
			assert_true(first[i] != first[j]);
	/* seeking to word k equals drawing k words */
	for (uint64_t k = 0; k < 11; k++) {
		rng_key(r, 5, 2, RNG_AGENT, 3, 4, 0);
		for (uint64_t j = 0; j < k; j++)
			rng_uniform(r);
		rng_key(q, 5, 2, RNG_AGENT, 3, 4, 0);
		rng_seek(q, k);
		for (int j = 0; j < 6; j++)
			assert_true(rng_uniform(r) == rng_uniform(q));
	}
	gsl_rng_free(r);
	gsl_rng_free(q);
}

/* Uniform mean and variance, and an exponential mean through GSL, within
 * 3.3 standard errors; rng_uniform_pos never returns 0. */
static void test_moments(void **state)
{
	const int n = 1000000;
	gsl_rng *r = rng_create();
	double s = 0, ss = 0, se = 0;

	(void)state;
	rng_key(r, 1, 0, RNG_TICKET, 0, 42, 0);
	for (int i = 0; i < n; i++) {
		double u = rng_uniform(r);
		assert_true(u >= 0 && u < 1);
		s += u;
		ss += (u - 0.5) * (u - 0.5);
	}
	assert_true(fabs(s / n - 0.5) < 3.3 * sqrt(1.0 / 12 / n));
	/* var of (u - 1/2)^2 is 1/180 */
	assert_true(fabs(ss / n - 1.0 / 12) < 3.3 * sqrt(1.0 / 180 / n));
	for (int i = 0; i < n; i++)
		se += gsl_ran_exponential(r, 2.0);
	assert_true(fabs(se / n - 2.0) < 3.3 * 2.0 / sqrt(n));
	for (int i = 0; i < 1000; i++)
		assert_true(rng_uniform_pos(r) > 0);
	gsl_rng_free(r);
}

/* Word j of ticket id's w words, computed from the layout of rng.h alone. */
static uint64_t layout_word(uint64_t seed, uint32_t rep, uint32_t owner, uint32_t sub,
			    uint64_t id, unsigned w, unsigned j)
{
	unsigned k = 4 / w;
	philox4x64_key_t key = { { seed, (uint64_t)rep << 32 | owner } };
	philox4x64_ctr_t ctr = { { id / k, w, (uint64_t)RNG_TICKETS << 32 | sub, 0 } };

	return philox4x64(ctr, key).v[(id % k) * w + j];
}

static void test_ticket_words(void **state)
{
	/* seed 1, replication 0, segment 0, work on web: tickets 0..5 */
	static const double pinned[6] = {
		0.72664179435258414, 0.12150180214019679, 0.71949197888927952,
		0.77530613192043907, 0.55127534865059524, 0.98523340290061523,
	};
	rng_words memo, fresh;
	uint64_t ids[64];

	(void)state;
	rng_words_reset(&memo);
	for (uint64_t id = 0; id < 6; id++)
		assert_true(rng_ticket_uniform(&memo, 1, 0, 0, RNG_SUB_WORK(2), id, 1, 0) ==
			    pinned[id]);
	/* the layout, for w = 1 and 2, over seeds, replications, owners, subs */
	for (uint64_t id = 0; id < 40; id++)
		for (unsigned w = 1; w <= 2; w++)
			for (unsigned j = 0; j < w; j++) {
				rng_words_reset(&fresh);
				uint32_t rep = (uint32_t)(id % 3), owner = (uint32_t)(id % 5);
				uint32_t sub = w == 2 ? RNG_SUB_ATTR : RNG_SUB_PATIENCE(id % 4);
				assert_true(rng_ticket_word(&fresh, 7 + id % 2, rep, owner, sub, id,
							    w, j) ==
					    layout_word(7 + id % 2, rep, owner, sub, id, w, j));
			}
	/* one memo read in a scrambled order (ids of an arrival stream come in
	 * order, but nothing may depend on it) equals a fresh memo per read */
	for (uint64_t i = 0; i < 64; i++)
		ids[i] = (i * 37 + 11) % 64;
	rng_words_reset(&memo);
	for (int i = 0; i < 64; i++) {
		rng_words_reset(&fresh);
		assert_true(rng_ticket_word(&memo, 3, 1, 2, RNG_SUB_THIN, ids[i], 1, 0) ==
			    rng_ticket_word(&fresh, 3, 1, 2, RNG_SUB_THIN, ids[i], 1, 0));
	}
	/* a ticket's two attribute words are two distinct words; the four
	 * tickets of a block get four distinct words */
	rng_words_reset(&memo);
	assert_true(rng_ticket_word(&memo, 1, 0, 0, RNG_SUB_ATTR, 0, 2, 0) !=
		    rng_ticket_word(&memo, 1, 0, 0, RNG_SUB_ATTR, 0, 2, 1));
	rng_words_reset(&memo);
	for (uint64_t a = 0; a < 4; a++)
		for (uint64_t b = a + 1; b < 4; b++)
			assert_true(rng_ticket_word(&memo, 1, 0, 0, 1, a, 1, 0) !=
				    rng_ticket_word(&memo, 1, 0, 0, 1, b, 1, 0));
}

/* Consecutive tickets' uniforms: mean, variance and the correlation of
 * neighbours (lag 1, inside a block, and lag 4, across blocks) within 3.3
 * standard errors. */
static void test_ticket_words_moments(void **state)
{
	const int n = 1000000;
	rng_words memo;
	double s = 0, ss = 0, c1 = 0, c4 = 0, prev[4] = { 0.5, 0.5, 0.5, 0.5 };

	(void)state;
	rng_words_reset(&memo);
	for (int i = 0; i < n; i++) {
		double u = rng_ticket_uniform(&memo, 1, 0, 0, RNG_SUB_WORK(0), (uint64_t)i, 1, 0);
		assert_true(u >= 0 && u < 1);
		s += u;
		ss += (u - 0.5) * (u - 0.5);
		c1 += (u - 0.5) * (prev[(i + 3) % 4] - 0.5);
		c4 += (u - 0.5) * (prev[i % 4] - 0.5);
		prev[i % 4] = u;
	}
	assert_true(fabs(s / n - 0.5) < 3.3 * sqrt(1.0 / 12 / n));
	assert_true(fabs(ss / n - 1.0 / 12) < 3.3 * sqrt(1.0 / 180 / n));
	/* (u - 1/2)(v - 1/2) of independent uniforms: mean 0, sd 1/12 */
	assert_true(fabs(c1 / n) < 3.3 / 12 / sqrt(n));
	assert_true(fabs(c4 / n) < 3.3 / 12 / sqrt(n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_philox_kat),
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_keys_and_seek),
		cmocka_unit_test(test_moments),
		cmocka_unit_test(test_ticket_words),
		cmocka_unit_test(test_ticket_words_moments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
