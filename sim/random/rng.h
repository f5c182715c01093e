/* rng.h: keyed random streams (counter-based, Random123 Philox4x64-10).
 * A stream is named by what it belongs to, never by when it is drawn:
 * (seed, replication, purpose, owner, item, substream).  Re-keying is a few
 * stores, so each ticket gets its own stream and no state is carried between
 * tickets, policies or threads.  A stream is a gsl_rng of type rng_philox, so
 * every GSL distribution draws from it; each draw consumes one 64-bit word
 * (uniforms have 53 random bits).  Draws of one word per ticket share a
 * block between consecutive tickets instead (rng_ticket_word).  Layout and
 * purposes: docs/random.md. */
#ifndef SUPSIM_RNG_H
#define SUPSIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>
#include <Random123/philox.h>

/* What a stream is for; part of its key, so streams of different purposes
 * never overlap. */
typedef enum rng_purpose {
	RNG_ARRIVALS = 1, /* owner = segment; item 0: the Exp(1) gaps */
	RNG_TICKET = 2,   /* owner = segment; item = ticket id */
	RNG_AGENT = 3,    /* owner = team; item = agent index (shrinkage) */
	RNG_TICKETS = 4,  /* owner = segment; words shared by consecutive
	                     tickets (rng_ticket_word) */
} rng_purpose;

/* Substreams of a ticket (RNG_TICKET): fixed positions, so that a ticket's
 * priority, preferred channel, work and patience on a channel do not depend
 * on which channel it ends up on, nor on anything a policy decides. */
#define RNG_SUB_ATTR 0                 /* word 0: priority, word 1: channel */
#define RNG_SUB_WORK(ch) (1u + (ch))   /* handling time on channel ch */
#define RNG_SUB_PATIENCE(ch) (16u + (ch)) /* patience on channel ch */
#define RNG_SUB_THIN 32u               /* word 0: kept by a demand what-if? */
#define RNG_SUB_SELFSERVICE 33u        /* word 0: answered by self-service */

/* The gsl_rng type of keyed streams.  A freshly allocated one is keyed to
 * (0, 0, 0, 0, 0, 0); call rng_key before drawing. */
extern const gsl_rng_type *rng_philox;

/* A gsl_rng of type rng_philox (free with gsl_rng_free); NULL on ENOMEM. */
gsl_rng *rng_create(void);

/* The state of an rng_philox stream (engine-internal: the inline draws
 * below read it directly, without GSL's indirect call per draw). */
typedef struct rng_state {
	philox4x64_key_t key;
	philox4x64_ctr_t ctr;  /* next block to compute */
	philox4x64_ctr_t out;  /* current block */
	unsigned left;         /* unread words of out, read from out.v[4 - left] */
} rng_state;

/* Key a state to the start of stream (seed, rep, purpose, owner, item, sub). */
static inline void rng_state_key(rng_state *s, uint64_t seed, uint32_t rep, uint32_t purpose,
				 uint32_t owner, uint64_t item, uint32_t sub)
{
	s->key.v[0] = seed;
	s->key.v[1] = (uint64_t)rep << 32 | owner;
	s->ctr.v[0] = 0;
	s->ctr.v[1] = item;
	s->ctr.v[2] = (uint64_t)purpose << 32 | sub;
	s->ctr.v[3] = 0;
	s->left = 0;
}

/* Re-key r (of type rng_philox) to the start of stream
 * (seed, rep, purpose, owner, item, sub). */
static inline void rng_key(gsl_rng *r, uint64_t seed, uint32_t rep, rng_purpose purpose,
			   uint32_t owner, uint64_t item, uint32_t sub)
{
	rng_state_key(r->state, seed, rep, (uint32_t)purpose, owner, item, sub);
}

/* Move r to word `word` of its current stream (0 = its first draw), so a
 * stream drawn now and then (an agent's breaks) needs only a word count. */
void rng_seek(gsl_rng *r, uint64_t word);

/* Compute the next block of s (out of line: the inline draws need it once
 * every four words). */
void rng_refill(rng_state *s);

/* The next 64-bit word of an rng_philox stream. */
static inline uint64_t rng_word(gsl_rng *r)
{
	rng_state *s = r->state;

	if (!s->left)
		rng_refill(s);
	return s->out.v[4 - s->left--];
}

/* A uniform in [0, 1) with 53 random bits, from r's next word (the same as
 * gsl_rng_uniform(r) on an rng_philox stream, without the indirect call). */
static inline double rng_uniform(gsl_rng *r)
{
	return (double)(rng_word(r) >> 11) * 0x1p-53;
}

/* Ticket words.  A ticket's one-word draws (its thinning and self-service
 * uniforms, work and patience drawn by inversion) and its two attribute
 * words do not get a Philox block each: the k = 4 / w consecutive tickets
 * of a segment that need w words of substream sub share one block of the
 * stream (seed, rep, RNG_TICKETS, owner = segment, sub):
 *   block id / k (counter word 0), w (word 1), RNG_TICKETS << 32 | sub
 *   (word 2), 0 (word 3); ticket id reads words (id % k) * w .. + w - 1.
 * Still keyed by the ticket, never by the order of the draws (common random
 * numbers); the memo only saves recomputing a block the previous ticket of
 * the same arrival stream already computed. */
#define RNG_WORDS_NONE UINT64_MAX
typedef struct rng_words {
	uint64_t block;       /* the block held in out; RNG_WORDS_NONE: none */
	philox4x64_ctr_t out;
} rng_words;

/* Forget the block a memo holds (before its seed, replication, owner or
 * substream change). */
static inline void rng_words_reset(rng_words *memo)
{
	memo->block = RNG_WORDS_NONE;
}

/* Compute block `block` into memo (out of line: once per k tickets). */
void rng_words_fill(rng_words *memo, uint64_t seed, uint32_t rep, uint32_t owner,
		    uint32_t sub, uint64_t block, unsigned w);

/* Word j (< w) of ticket id's w words (w = 1 or 2) on substream sub of
 * (seed, rep, owner), through memo, which holds the same (seed, rep, owner,
 * sub) and w at every call since its last reset. */
static inline uint64_t rng_ticket_word(rng_words *memo, uint64_t seed, uint32_t rep,
				       uint32_t owner, uint32_t sub, uint64_t id,
				       unsigned w, unsigned j)
{
	unsigned k = 4 / w;
	uint64_t block = id / k;

	if (memo->block != block)
		rng_words_fill(memo, seed, rep, owner, sub, block, w);
	return memo->out.v[(unsigned)(id % k) * w + j];
}

/* The same word as a uniform in [0, 1) with 53 random bits. */
static inline double rng_ticket_uniform(rng_words *memo, uint64_t seed, uint32_t rep,
					uint32_t owner, uint32_t sub, uint64_t id,
					unsigned w, unsigned j)
{
	return (double)(rng_ticket_word(memo, seed, rep, owner, sub, id, w, j) >> 11) *
	       0x1p-53;
}

/* A uniform in (0, 1): never 0, for logarithms and quantiles. */
double rng_uniform_pos(gsl_rng *r);

#endif
