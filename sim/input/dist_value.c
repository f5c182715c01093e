/* dist_value.c: a distribution's value in a scenario file: exp(mean=D),
 * lognormal, gamma, const, uniform, and empirical(file=PATH), a CSV sample
 * read by tables.c.  Apart from values.c so that the value grammar does not
 * depend on the tables that use it. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/dist_value.h"
#include "input/tables.h"

/* The distribution forms: parameter names ('\0' name: positional) and kinds
 * ('d' duration, 'x' plain number, 'p' path). */
enum { DF_EXP, DF_LOGNORMAL, DF_GAMMA, DF_CONST, DF_UNIFORM, DF_EMPIRICAL, DF_N };
static const struct dist_form {
	const char *name;
	int nparam;
	const char *param[2];
	const char *kind;
} dist_forms[DF_N] = {
	[DF_EXP] = { "exp", 1, { "mean" }, "d" },
	[DF_LOGNORMAL] = { "lognormal", 2, { "mean", "sd" }, "dd" },
	[DF_GAMMA] = { "gamma", 2, { "shape", "mean" }, "xd" },
	[DF_CONST] = { "const", 1, { "" }, "d" },
	[DF_UNIFORM] = { "uniform", 2, { "min", "max" }, "dd" },
	[DF_EMPIRICAL] = { "empirical", 1, { "file" }, "p" },
};
#define DIST_FORMS "exp(mean=D), lognormal(mean=D, sd=D), gamma(shape=X, mean=D), " \
	"const(D), uniform(min=D, max=D) or empirical(file=PATH), D a duration with a unit " VAL_UNITS

/* Parsed text of a distribution: its form and each parameter's text. */
typedef struct dist_args {
	int form;
	char buf[1024];
	char *val[2];
	double num[2];
} dist_args;

/* In-place trim of a NUL-terminated string. */
static char *trim_mut(char *q)
{
	const char *p = q;
	size_t n = val_trim(&p);

	q += p - q;
	q[n] = '\0';
	return q;
}

/* Assign one "key=value" (or positional) argument to its parameter. */
static int dist_arg(dist_args *a, char *arg, const char *txt, srcloc at, err *e)
{
	const struct dist_form *f = &dist_forms[a->form];
	char *eq = strchr(arg, '=');
	const char *key = "";
	int k;

	if (f->param[0][0] && !eq)
		return err_at(e, at, "bad distribution '%s': expected named parameters "
			      "(%s=...), found '%s'", txt, f->param[0], trim_mut(arg));
	if (eq && f->param[0][0]) {
		*eq = '\0';
		key = trim_mut(arg);
		arg = eq + 1;
	}
	for (k = 0; k < f->nparam; k++)
		if (!strcmp(f->param[k], key))
			break;
	if (k == f->nparam)
		return err_at(e, at, "bad distribution '%s': unknown parameter '%s' of %s "
			      "(expected %s%s%s)", txt, key[0] ? key : arg, f->name, f->param[0],
			      f->nparam > 1 ? ", " : "", f->nparam > 1 ? f->param[1] : "");
	if (a->val[k])
		return err_at(e, at, "bad distribution '%s': parameter '%s' given twice",
			      txt, f->param[k][0] ? f->param[k] : "value");
	a->val[k] = trim_mut(arg);
	return 0;
}

/* Split "name(a, b)" into a form and its parameter texts. */
static int dist_split(const char *s, dist_args *a, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p), name_len = 0;

	memset(a, 0, sizeof(*a));
	while (name_len < n && isalpha((unsigned char)p[name_len]))
		name_len++;
	for (a->form = 0; a->form < DF_N; a->form++)
		if (strlen(dist_forms[a->form].name) == name_len &&
		    !strncmp(p, dist_forms[a->form].name, name_len))
			break;
	if (a->form == DF_N || name_len + 2 > n || p[name_len] != '(' || p[n - 1] != ')' ||
	    n - name_len - 2 >= sizeof(a->buf))
		return err_at(e, at, "bad distribution '%.*s': expected " DIST_FORMS, (int)n, p);
	memcpy(a->buf, p + name_len + 1, n - name_len - 2);
	a->buf[n - name_len - 2] = '\0';
	for (char *arg = a->buf, *next; arg; arg = next) {
		next = strchr(arg, ',');
		if (next)
			*next++ = '\0';
		if (dist_arg(a, arg, s, at, e))
			return -1;
	}
	return 0;
}

/* A parameter's text as a duration ('d') or a plain number ('x'). */
static int scan_param(const char *q, char kind, double *v)
{
	size_t n = strlen(q), used;

	if (kind == 'd')
		return val_scan_duration(q, n, v);
	return val_scan_number(q, n, v, &used) || used != n ? -1 : 0;
}

/* Convert the parameter texts to numbers and check their ranges. */
static int dist_values(dist_args *a, const char *txt, srcloc at, err *e)
{
	const struct dist_form *f = &dist_forms[a->form];
	const char *pname;

	for (int k = 0; k < f->nparam; k++) {
		pname = f->param[k][0] ? f->param[k] : "value";
		if (!a->val[k])
			return err_at(e, at, "bad distribution '%s': missing parameter '%s' "
				      "(expected " DIST_FORMS ")", txt, pname);
		if (f->kind[k] == 'p')
			continue;
		if (scan_param(a->val[k], f->kind[k], &a->num[k]))
			return err_at(e, at, "bad distribution '%s': %s '%s': expected %s", txt,
				      pname, a->val[k], f->kind[k] == 'd' ?
				      "a number and a unit " VAL_UNITS : "a number");
		if (a->num[k] < 0 || (a->num[k] == 0 && a->form != DF_CONST &&
				      a->form != DF_UNIFORM && strcmp(pname, "sd")))
			return err_at(e, at, "bad distribution '%s': %s must be %s", txt, pname,
				      a->form == DF_CONST || a->form == DF_UNIFORM ||
				      !strcmp(pname, "sd") ? ">= 0" : "> 0");
	}
	if (a->form == DF_UNIFORM && a->num[1] < a->num[0])
		return err_at(e, at, "bad distribution '%s': max must be >= min", txt);
	return 0;
}

/* An empirical distribution from the CSV sample at path (errors: PATH:LINE). */
static int dist_empirical(dist *d, const char *base_dir, const char *rel, const char *txt,
			  srcloc at, err *e)
{
	char path[PATH_MAX];
	double *values;
	size_t n;

	if (val_path(base_dir, rel, path, sizeof(path), at, e))
		return -1;
	if (table_durations(path, &values, &n, e))
		return -1;
	if (dist_make_empirical(d, values, n)) {
		free(values);
		return err_at(e, at, "bad distribution '%s': the sample in %s is not usable",
			      txt, path);
	}
	return 0;
}

int val_dist(const char *s, const char *base_dir, dist *out, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p);
	char txt[1024];
	dist_args a;
	dist d = { 0 };
	int rc;

	if (n >= sizeof(txt))
		return err_at(e, at, "bad distribution: %zu bytes long, at most %zu", n,
			      sizeof(txt) - 1);
	snprintf(txt, sizeof(txt), "%.*s", (int)n, p);
	if (dist_split(txt, &a, at, e) || dist_values(&a, txt, at, e))
		return -1;
	switch (a.form) {
	case DF_EXP:
		rc = dist_make_exp(&d, a.num[0]);
		break;
	case DF_LOGNORMAL:
		rc = dist_make_lognormal(&d, a.num[0], a.num[1]);
		break;
	case DF_GAMMA:
		rc = dist_make_gamma(&d, a.num[0], a.num[1]);
		break;
	case DF_CONST:
		rc = dist_make_const(&d, a.num[0]);
		break;
	case DF_UNIFORM:
		rc = dist_make_uniform(&d, a.num[0], a.num[1]);
		break;
	default:
		if (dist_empirical(&d, base_dir, a.val[0], txt, at, e))
			return -1;
		rc = 0;
		break;
	}
	if (rc)
		return err_at(e, at, "bad distribution '%s': parameters out of range", txt);
	*out = d;
	return 0;
}
