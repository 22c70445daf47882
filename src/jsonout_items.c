/*
 * jsonout_items.c - a streamed array whose items are built and printed
 * by two threads (jsonout.h).
 *
 * A summary's regions and occupations are most of its JSON, and building
 * and printing them came after all the reading, on one core. Here the
 * main thread and one helper take the items in turn, each item printed
 * into a slot of a small ring, and the main thread writes the slots in
 * item order: the same bytes as one thread. The helper works at most
 * WINDOW items ahead of what is written, so what waits in memory is a
 * few items, not the document.
 */
#include <pthread.h>
#include <stdlib.h>

#include "kmap/jsonout.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

enum { WINDOW = 4 };

struct items {
	json_make_fn *make;
	void *ctx;
	size_t n;
	struct strbuf slot[WINDOW];
	size_t ready[WINDOW]; /* item + 1 printed in the slot, or 0 */
	size_t next;	      /* the next item to take */
	size_t written;	      /* items written so far */
	pthread_mutex_t mu;
	pthread_cond_t changed;
};

/* Builds and prints item i into its slot (the lock not held). */
static void print_item(struct items *it, size_t i)
{
	cJSON *value = it->make(it->ctx, i);

	json_print_to(&it->slot[i % WINDOW], value, 2);
	cJSON_Delete(value);
}

/* Takes the next item if there is one within the window (lock held). */
static int take(struct items *it, size_t *i)
{
	if (it->next >= it->n || it->next >= it->written + WINDOW)
		return 0;
	*i = it->next++;
	return 1;
}

static void mark_ready(struct items *it, size_t i)
{
	pthread_mutex_lock(&it->mu);
	it->ready[i % WINDOW] = i + 1;
	pthread_cond_broadcast(&it->changed);
	pthread_mutex_unlock(&it->mu);
}

static void *items_helper(void *arg)
{
	struct items *it = arg;
	size_t i;

	pthread_mutex_lock(&it->mu);
	for (;;) {
		if (it->next >= it->n)
			break;
		if (!take(it, &i)) {
			pthread_cond_wait(&it->changed, &it->mu);
			continue;
		}
		pthread_mutex_unlock(&it->mu);
		print_item(it, i);
		mark_ready(it, i);
		pthread_mutex_lock(&it->mu);
	}
	pthread_mutex_unlock(&it->mu);
	return NULL;
}

/* Writes the next item once it is printed, printing others meanwhile. */
static void write_next(struct json_stream *js, struct items *it)
{
	size_t w = it->written, i;
	struct strbuf *s = &it->slot[w % WINDOW];

	pthread_mutex_lock(&it->mu);
	while (it->ready[w % WINDOW] != w + 1) {
		if (take(it, &i)) {
			pthread_mutex_unlock(&it->mu);
			print_item(it, i);
			mark_ready(it, i);
			pthread_mutex_lock(&it->mu);
		} else {
			pthread_cond_wait(&it->changed, &it->mu);
		}
	}
	pthread_mutex_unlock(&it->mu);
	if (js->items++)
		fputs(", ", js->fp);
	fwrite(s->buf, 1, s->len, js->fp);
	/* kept for the item after next: freeing a few MB here made malloc
	 * consolidate every small block the items' trees had freed, and
	 * growing the next buffer again did the same */
	strbuf_reset(s);
	pthread_mutex_lock(&it->mu);
	it->ready[w % WINDOW] = 0;
	it->written++;
	pthread_cond_broadcast(&it->changed);
	pthread_mutex_unlock(&it->mu);
}

/* One thread: allocation counting and failure injection count in order
 * (xalloc.c), and the test hook asks for it. */
static int one_thread(void)
{
	const char *s = getenv("KMAP_JSON_THREADS");

	return (s && *s == '1') || getenv("KMAP_FAIL_ALLOC") ||
	       getenv("KMAP_COUNT_ALLOC");
}

void json_stream_array_items(struct json_stream *js, size_t n,
			     json_make_fn *make, void *ctx)
{
	struct items it = { .make = make, .ctx = ctx, .n = n };
	pthread_t thread;
	int threaded;

	if (n < 2 || one_thread()) {
		for (size_t i = 0; i < n; i++)
			json_stream_array_item(js, make(ctx, i));
		return;
	}
	for (size_t k = 0; k < WINDOW; k++)
		strbuf_init(&it.slot[k]);
	pthread_mutex_init(&it.mu, NULL);
	pthread_cond_init(&it.changed, NULL);
	threaded = !pthread_create(&thread, NULL, items_helper, &it);
	while (it.written < n)
		write_next(js, &it);
	if (threaded)
		pthread_join(thread, NULL);
	pthread_cond_destroy(&it.changed);
	pthread_mutex_destroy(&it.mu);
	for (size_t k = 0; k < WINDOW; k++)
		strbuf_release(&it.slot[k]);
}
