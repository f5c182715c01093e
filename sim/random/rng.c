/* rng.c: the rng_philox gsl_rng type: Philox4x64-10 in counter mode.
 * Key (2 x 64 bits): seed, and (replication << 32 | owner).  Counter
 * (4 x 64 bits): block number, item, (purpose << 32 | substream), 0.  Each
 * block yields four 64-bit words, consumed in order, one per draw.  Ticket
 * words (RNG_TICKETS) put the ticket block in word 0 and the words per
 * ticket in word 1 (rng.h). */
#include <string.h>

#include "random/rng.h"

typedef rng_state philox_state;

void rng_refill(rng_state *s)
{
	s->out = philox4x64(s->ctr, s->key);
	s->ctr.v[0]++;
	s->left = 4;
}

static inline uint64_t next_word(philox_state *s)
{
	if (!s->left)
		rng_refill(s);
	return s->out.v[4 - s->left--];
}

static unsigned long philox_get(void *vs)
{
	return (unsigned long)(next_word(vs) >> 32);
}

static double philox_get_double(void *vs)
{
	return (double)(next_word(vs) >> 11) * 0x1p-53;
}

/* gsl_rng_set: the stream (s, 0, 0, 0, 0, 0). */
static void philox_set(void *vs, unsigned long s)
{
	rng_state_key(vs, s, 0, 0, 0, 0, 0);
}

static const gsl_rng_type philox_type = {
	"supsim-philox4x64",
	0xffffffffUL,
	0,
	sizeof(philox_state),
	philox_set,
	philox_get,
	philox_get_double,
};

const gsl_rng_type *rng_philox = &philox_type;

gsl_rng *rng_create(void)
{
	gsl_rng *r = gsl_rng_alloc(rng_philox);

	if (r)
		rng_state_key(r->state, 0, 0, 0, 0, 0, 0);
	return r;
}

void rng_words_fill(rng_words *memo, uint64_t seed, uint32_t rep, uint32_t owner,
		    uint32_t sub, uint64_t block, unsigned w)
{
	philox4x64_key_t key = { { seed, (uint64_t)rep << 32 | owner } };
	philox4x64_ctr_t ctr = { { block, w, (uint64_t)RNG_TICKETS << 32 | sub, 0 } };

	memo->out = philox4x64(ctr, key);
	memo->block = block;
}

void rng_seek(gsl_rng *r, uint64_t word)
{
	philox_state *s = r->state;

	s->ctr.v[0] = word / 4;
	s->left = 0;
	if (word % 4) {
		s->out = philox4x64(s->ctr, s->key);
		s->ctr.v[0]++;
		s->left = 4 - (unsigned)(word % 4);
	}
}

double rng_uniform_pos(gsl_rng *r)
{
	double u;

	do
		u = philox_get_double(r->state);
	while (u == 0);
	return u;
}
