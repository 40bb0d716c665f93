/*
 * Linux implementation of the part of platform.h that translating
 * programs on demand uses (translate.c): child processes, shared objects,
 * directories and lock files of the cache.
 */
#define _GNU_SOURCE
#include "platform.h"
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

bool plat_on_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	char buf[4096];

	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	for (p = path ? path : ""; *p; p = *end ? end + 1 : end) {
		size_t n;

		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n ? p : ".",
			     name) < (int)sizeof(buf) && access(buf, X_OK) == 0)
			return true;
	}
	return false;
}

intptr_t plat_child_start(const char *const argv[], const char *log,
			  FILE **out)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], err;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return 0;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, log,
					 O_WRONLY | O_CREAT | O_APPEND, 0644);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
			   environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (err) {
		close(pipefd[0]);
		return 0;
	}
	*out = fdopen(pipefd[0], "r");
	if (!*out) {
		close(pipefd[0]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return 0;
	}
	return pid;
}

int plat_child_wait(intptr_t child)
{
	int status;

	while (waitpid((pid_t)child, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void *plat_lib_open(const char *path, char *err, size_t size)
{
	void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);

	if (!lib)
		snprintf(err, size, "%s", dlerror());
	return lib;
}

void *plat_lib_symbol(void *lib, const char *name)
{
	return dlsym(lib, name);
}

bool plat_mkdirs(const char *path)
{
	char buf[4096];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0755) && errno != EEXIST)
			return false;
		*p = '/';
	}
	return !mkdir(buf, 0755) || errno == EEXIST;
}

char *plat_mkdtemp(const char *parent)
{
	size_t n = strlen(parent) + sizeof("/tmp.XXXXXX");
	char *path = malloc(n);

	if (!path)
		return NULL;
	snprintf(path, n, "%s/tmp.XXXXXX", parent);
	if (!mkdtemp(path)) {
		free(path);
		return NULL;
	}
	return path;
}

void plat_remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char buf[4096];

	if (!d) {
		unlink(path);
		return;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (snprintf(buf, sizeof(buf), "%s/%s", path, e->d_name) >=
		    (int)sizeof(buf))
			continue;
		if (e->d_type == DT_DIR)
			plat_remove_tree(buf);
		else
			unlink(buf);
	}
	closedir(d);
	rmdir(path);
}

intptr_t plat_lock(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX))
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

void plat_unlock(intptr_t lock)
{
	if (lock >= 0)
		close((int)lock);
}
