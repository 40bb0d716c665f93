/*
 * Programs translated on demand.  A module that is not built in is
 * translated by tools/w2c-translate.py (wasm2c, then the host's C
 * compiler, its parts in parallel) into a shared object, which is loaded.
 * Objects are cached by content in a per-user directory:
 *
 *	CACHE/v<WL_PROGRAM_ABI>-<WL_TRANSLATOR>/<hash>-<size>/{entry,module.wasm,prog.so}
 *
 * (WL_TRANSLATOR, from the build, names the translator's sources by a
 * hash: translations an older one made would still work, but are made
 * again, as they may be slower or keep a bug.)
 * entry names the runtime ABI, the module's hash and size, and the
 * object's; an entry is loaded only if all of them and the module's bytes
 * match, so that a stale, truncated or foreign entry is made again, never
 * loaded.  A lock file per entry makes two runtimes translate a module
 * once; in one runtime, the first task to execute a module translates it
 * and the others wait for it.  Only they wait: the kernel let the CPU go.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "wasmlinux.h"

#ifndef WL_SHARE_DIR
#error "WL_SHARE_DIR: where the translator and program.h are installed"
#endif

#define WL_STR_(x)	#x
#define WL_STR(x)	WL_STR_(x)
#ifndef WL_TRANSLATOR
#error "WL_TRANSLATOR: the translator's version (runtime/build.mk)"
#endif
#define WL_CACHE_VERSION	"v" WL_STR(WL_PROGRAM_ABI) "-" WL_TRANSLATOR

enum { BUSY, READY, FAILED };

/* A module this runtime has met, by content; kept for the run. */
struct module {
	uint64_t hash;
	size_t size;
	int state;
	const struct wl_program *prog;
	char why[200];			/* of the last failure */
	unsigned int waiters;
	struct plat_sem *done;
	struct module *next;
};

static struct plat_mutex *lock;
static struct module *modules;

void wl_translate_init(void)
{
	lock = plat_mutex_new();
}

static char *path_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);

	if (!p)
		wl_die(1, "out of host memory");
	snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* The cache directory, malloc'd, or NULL if there is none (--no-cache). */
static char *cache_dir(const char *dir)
{
	const struct wasmlinux_config *cfg = wl_config();
	const char *env;

	if (!dir && cfg && cfg->no_cache)
		return NULL;
	if (!dir && cfg)
		dir = cfg->cache_dir;
	if (!dir)
		dir = getenv("WASMLINUX_CACHE");
	if (dir)
		return *dir ? path_join(dir, WL_CACHE_VERSION) : NULL;
	env = getenv("XDG_CACHE_HOME");
	if (env && *env)
		return path_join(env, "wasmlinux/" WL_CACHE_VERSION);
	env = getenv("HOME");
	if (env && *env)
		return path_join(env, ".cache/wasmlinux/" WL_CACHE_VERSION);
	return NULL;
}

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*size = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static bool write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f)
		return false;
	ok = fwrite(data, 1, size, f) == size;
	return !fclose(f) && ok;
}

#define ENTRY_FMT "wasmlinux-program %u %016llx %zu %016llx %zu\n"

/* The program of the entry in dir, if every check passes; else NULL. */
static const struct wl_program *entry_load(const char *dir,
					   const uint8_t *module, size_t size,
					   uint64_t hash)
{
	char *path = path_join(dir, "entry"), want[128], err[256];
	const struct wl_program *prog = NULL;
	uint8_t *entry = NULL, *copy = NULL, *so = NULL;
	size_t n, copy_size, so_size;
	void *lib;

	entry = read_file(path, &n);
	free(path);
	path = path_join(dir, "module.wasm");
	copy = entry ? read_file(path, &copy_size) : NULL;
	free(path);
	path = NULL;
	if (!copy || copy_size != size || memcmp(copy, module, size))
		goto out;
	path = path_join(dir, "prog.so");
	so = read_file(path, &so_size);
	if (!so)
		goto out;
	snprintf(want, sizeof(want), ENTRY_FMT, WL_PROGRAM_ABI,
		 (unsigned long long)hash, size,
		 (unsigned long long)wl_program_hash(so, so_size), so_size);
	if (n != strlen(want) || memcmp(entry, want, n))
		goto out;
	lib = plat_lib_open(path, err, sizeof(err));
	prog = lib ? plat_lib_symbol(lib, "wl_program_prog") : NULL;
	if (prog && (prog->abi != WL_PROGRAM_ABI || prog->hash != hash ||
		     prog->size != size))
		prog = NULL;
out:
	free(path);
	free(entry);
	free(copy);
	free(so);
	return prog;
}

/* Writes the entry for the object in tmp into dir (made anew). */
static bool entry_store(const char *dir, const char *tmp,
			const uint8_t *module, size_t size, uint64_t hash)
{
	char *from = path_join(tmp, "prog.so"), *to = path_join(dir, "prog.so");
	char *path = path_join(dir, "module.wasm"), line[128];
	uint8_t *so;
	size_t so_size;
	bool ok = false;

	plat_remove_tree(dir);
	so = read_file(from, &so_size);
	if (so && plat_mkdirs(dir) && write_file(path, module, size) &&
	    !rename(from, to)) {
		free(path);
		path = path_join(dir, "entry");
		snprintf(line, sizeof(line), ENTRY_FMT, WL_PROGRAM_ABI,
			 (unsigned long long)hash, size,
			 (unsigned long long)wl_program_hash(so, so_size),
			 so_size);
		ok = write_file(path, line, strlen(line));
	}
	free(so);
	free(from);
	free(to);
	free(path);
	return ok;
}

/* What translating needs on PATH, with the Debian package that has it. */
static bool tools_present(const char *cc, char *why, size_t size)
{
	static const char *const need[][2] = {
		{ "wasm2c", "wabt" }, { "wasm2wat", "wabt" }, { "wat2wasm", "wabt" },
		{ "python3", "python3" },
	};

	if (!plat_on_path(cc)) {
		snprintf(why, size, "cannot translate it: no C compiler (%s) on PATH "
		    "(Debian package gcc)", cc);
		return false;
	}
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (!plat_on_path(need[i][0])) {
			snprintf(why, size, "cannot translate it: no %s on PATH "
			    "(Debian package %s)", need[i][0], need[i][1]);
			return false;
		}
	}
	return true;
}

/*
 * The progress line: on a terminal, one line rewritten as parts are
 * compiled, once the translation has taken a second; elsewhere one line
 * at the end.
 */
struct progress {
	const char *path;
	size_t size;
	uint64_t start;
	bool shown;
};

static void progress(struct progress *p, unsigned int done,
		     unsigned int all, bool end)
{
	bool tty = plat_isatty(2);
	double secs = (double)(plat_time_mono() - p->start) / 1e9;

	if (secs < 1 || (!tty && !end))
		return;
	if (tty)
		fprintf(stderr, "\rwasmlinux: translating %s (%zu KiB): %u/%u "
			"parts%s", p->path, p->size >> 10, done, all,
			end ? "\r\n" : "");
	else
		fprintf(stderr, "wasmlinux: translated %s (%zu KiB, %u parts) "
			"in %.1f s\n", p->path, p->size >> 10, all, secs);
	fflush(stderr);
	p->shown = true;
}

/* Runs the translator for the module file in tmp; false with a reason. */
static bool run_translator(const char *tmp, const char *path, size_t size,
			   char *why, size_t why_size)
{
	const char *share = getenv("WASMLINUX_SHARE");
	const char *cc = getenv("CC");
	unsigned int jobs = plat_cpu_count(), parts;
	char *tool, *include, *module, *log, pbuf[16], jbuf[16], line[64];
	unsigned int done = 0, all = 0;
	struct progress p = { path, size, plat_time_mono(), false };
	const char *argv[16];
	intptr_t child;
	FILE *out;
	int n = 0, status;

	if (!cc || !*cc)
		cc = "cc";
	if (!tools_present(cc, why, why_size))
		return false;
	if (!share || !*share)
		share = WL_SHARE_DIR;
	/* a part per 128 KiB of module, up to two per compiler */
	parts = (unsigned int)(size >> 17);
	parts = parts < 1 ? 1 : parts > 2 * jobs ? 2 * jobs : parts;
	snprintf(pbuf, sizeof(pbuf), "%u", parts);
	snprintf(jbuf, sizeof(jbuf), "%u", jobs);
	tool = path_join(share, "tools/w2c-translate.py");
	include = path_join(share, "include");
	module = path_join(tmp, "module.wasm");
	log = path_join(tmp, "translate.log");
	argv[n++] = "python3";
	argv[n++] = tool;
	argv[n++] = "so";
	argv[n++] = module;
	argv[n++] = tmp;
	argv[n++] = pbuf;
	argv[n++] = jbuf;
	argv[n++] = include;
	argv[n++] = cc;
	argv[n] = NULL;
	child = plat_child_start(argv, log, &out);
	if (!child) {
		snprintf(why, why_size, "cannot start the translator %s", tool);
		status = -2;
	} else {
		/* "parts DONE/ALL" lines (interrupts restart the reads) */
		while (fgets(line, sizeof(line), out))
			if (sscanf(line, "parts %u/%u", &done, &all) == 2)
				progress(&p, done, all, false);
		fclose(out);
		status = plat_child_wait(child);
	}
	if (status == 0 || p.shown)
		progress(&p, done, all, true);
	if (status == 10)
		snprintf(why, why_size, "wasm2c refused it (see %s)", log);
	else if (status == 11)
		snprintf(why, why_size, "the C compiler failed on it (see %s)", log);
	else if (status != 0 && status != -2)
		snprintf(why, why_size, "the translator failed (see %s)", log);
	free(tool);
	free(include);
	free(module);
	free(log);
	if (!status)
		wl_stats.translations++;
	return status == 0;
}

/*
 * The program of the module, from the cache in dir or translated into it
 * (a temporary directory without one).  Keeps a failed translation's
 * directory for its log.
 */
static const struct wl_program *
load_or_translate(const char *dir, const uint8_t *module, size_t size,
		  uint64_t hash, const char *path, char *why, size_t why_size)
{
	const struct wl_program *prog = NULL;
	char key[64], *entry = NULL, *lockpath = NULL, *tmp, *mod, err[256];
	const char *parent = dir;
	intptr_t lk = -1;
	void *lib;

	snprintf(key, sizeof(key), "%016llx-%zu", (unsigned long long)hash,
		 size);
	if (dir) {
		if (!plat_mkdirs(dir)) {
			snprintf(why, why_size, "cannot make the cache %s: %s", dir,
			    strerror(errno));
			return NULL;
		}
		entry = path_join(dir, key);
		strcat(key, ".lock");
		lockpath = path_join(dir, key);
		lk = plat_lock(lockpath);
		prog = entry_load(entry, module, size, hash);
		if (prog)
			goto out;
	} else {
		parent = getenv("TMPDIR");
		if (!parent || !*parent)
			parent = "/tmp";
	}
	tmp = plat_mkdtemp(parent);
	if (!tmp) {
		snprintf(why, why_size, "cannot make a directory in %s: %s", parent,
		    strerror(errno));
		goto out;
	}
	mod = path_join(tmp, "module.wasm");
	if (!write_file(mod, module, size)) {
		snprintf(why, why_size, "cannot write %s", mod);
	} else if (run_translator(tmp, path, size, why, why_size)) {
		if (entry && entry_store(entry, tmp, module, size, hash)) {
			prog = entry_load(entry, module, size, hash);
		} else if (!entry) {
			char *so = path_join(tmp, "prog.so");

			lib = plat_lib_open(so, err, sizeof(err));
			prog = lib ? plat_lib_symbol(lib, "wl_program_prog") : NULL;
			free(so);
		}
		if (!prog)
			snprintf(why, why_size, "its translation does not load");
		plat_remove_tree(tmp);
	}
	free(mod);
	free(tmp);
out:
	plat_unlock(lk);
	free(lockpath);
	free(entry);
	return prog;
}

const struct wl_program *wl_translated(const uint8_t *module, size_t size,
				       uint64_t hash, const char *path,
				       char *why, size_t why_size)
{
	struct module *m;
	char *dir;

	plat_mutex_lock(lock);
	for (m = modules; m; m = m->next)
		if (m->hash == hash && m->size == size)
			break;
	if (!m) {
		m = calloc(1, sizeof(*m));
		if (!m)
			wl_die(1, "out of host memory");
		m->hash = hash;
		m->size = size;
		m->state = FAILED;
		m->done = plat_sem_new(0);
		m->next = modules;
		modules = m;
	}
	/* another task translates it: its result is ours */
	if (m->state == BUSY) {
		while (m->state == BUSY) {
			m->waiters++;
			plat_mutex_unlock(lock);
			plat_sem_down(m->done);
			plat_mutex_lock(lock);
		}
		if (m->state == FAILED)
			snprintf(why, why_size, "%s", m->why);
		plat_mutex_unlock(lock);
		return m->prog;
	}
	if (m->state == READY) {
		plat_mutex_unlock(lock);
		return m->prog;
	}
	m->state = BUSY;
	plat_mutex_unlock(lock);

	dir = cache_dir(NULL);
	m->prog = load_or_translate(dir, module, size, hash, path, m->why,
				    sizeof(m->why));
	free(dir);

	/*
	 * The kernel logs the reason, but a shell at the console runs with
	 * "quiet": say it where the user sees it too.
	 */
	if (!m->prog)
		fprintf(stderr, "wasmlinux: %s: %s%s", path, m->why,
			plat_isatty(2) ? "\r\n" : "\n");
	plat_mutex_lock(lock);
	m->state = m->prog ? READY : FAILED;
	if (!m->prog)
		snprintf(why, why_size, "%s", m->why);
	for (; m->waiters; m->waiters--)
		plat_sem_up(m->done);
	plat_mutex_unlock(lock);
	return m->prog;
}

int wasmlinux_compile(const char *path, const char *dir, char *why,
		      size_t why_size)
{
	size_t size;
	uint8_t *module = read_file(path, &size);
	const struct wl_program *prog;
	char *cache;

	if (!module) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		return -1;
	}
	cache = cache_dir(dir);
	if (!cache) {
		snprintf(why, why_size, "no cache directory (give one)");
		free(module);
		return -1;
	}
	prog = load_or_translate(cache, module, size,
				 wl_program_hash(module, size), path, why,
				 why_size);
	free(cache);
	free(module);
	return prog ? 0 : -1;
}
