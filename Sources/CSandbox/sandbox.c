// The sandbox launcher: `kubeletd __sandbox [OPTIONS] -- EXECUTABLE ARGV0 ARGS...`, run by the kubelet (as root)
// for every real container process and every exec. It is C, run from an ELF constructor, because unshare(2) of a
// mount namespace needs a single-threaded process and prctl(2) is variadic (Swift imports neither); it is a dumb
// interpreter: the kubelet's SandboxPlan (Swift, pure, unit-tested) decides every mount.
//
// Options, applied in this order:
//   --probe                 print the sandbox this process can build (namespaces, user or none) and exit
//   --tty                   make stdin (a terminal) the controlling terminal (the caller made a new session)
//   --namespaces            unshare a mount and a PID namespace; mounts become private (nothing reaches the host)
//   --join-pid PID          with --namespaces: instead of a new PID namespace, join the one PID made for its
//                           children (a running container's launcher), as `exec` joins its container
//   --op tmpfs DIR          mount a small tmpfs at DIR
//   --op mkdir PATH         create directory PATH (its parent exists)
//   --op touch PATH         create an empty file PATH
//   --op symlink TARGET PATH
//   --op rbind-ro SRC DST   bind SRC recursively at DST, then remount every mount at or under DST read-only
//   --op bind SRC DST       bind SRC at DST, writable
//   --op bind-ro SRC DST    bind SRC at DST, read-only
//   --op overlay LOWER UPPER WORK DST   an overlay at DST over LOWER whose changes go to UPPER
//   --op readonly DST       remount the mount at DST read-only
//   --proc DIR              (in the new PID namespace) mount a fresh proc at DIR
//   --root DIR              chroot to DIR
//   --cwd DIR               change to DIR (after the chroot)
//   --uid N --gid N         drop to these ids: no supplementary groups, no new privileges (setuid binaries)
//   --nproc N               RLIMIT_NPROC
// With --join-pid the launcher forks the program straight into that namespace and waits for it.
// With --namespaces the launcher forks an init (PID 1 of the namespace: reaps, exits with the program's status,
// and takes every process of the namespace with it) which forks the program; the launcher waits and exits with
// the same status. SIGTERM to the process group reaches the program (PID 1 ignores it, the launcher catches it).
#define _GNU_SOURCE
#include "CSandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int kcluster_sandbox_linked(void) { return 1; }

static void fail(const char *what, const char *path) {
    fprintf(stderr, "sandbox: %s %s: %s\n", what, path ? path : "", strerror(errno));
    _exit(126);
}

/// Remounts the mount at `path` read-only and nosuid, keeping its nodev, noexec and atime flags.
static int remount_readonly(const char *path) {
    unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID;
    struct statvfs info;
    if (statvfs(path, &info) == 0) {
        if (info.f_flag & ST_NODEV) flags |= MS_NODEV;
        if (info.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
        if (info.f_flag & ST_NOATIME) flags |= MS_NOATIME;
        if (info.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
        if (info.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    }
    return mount(NULL, path, NULL, flags, NULL);
}

/// Decodes mountinfo's octal escapes (`\040` for a space) in place.
static void unescape(char *text) {
    char *out = text;
    for (char *in = text; *in; in++) {
        if (in[0] == '\\' && in[1] >= '0' && in[1] <= '7' && in[2] >= '0' && in[2] <= '7' && in[3] >= '0' &&
            in[3] <= '7') {
            *out++ = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
            in += 3;
        } else {
            *out++ = *in;
        }
    }
    *out = 0;
}

/// Remounts every mount at or under `top` read-only (from /proc/self/mountinfo).
static void readonly_tree(const char *top) {
    FILE *file = fopen("/proc/self/mountinfo", "r");
    if (!file) fail("open", "/proc/self/mountinfo");
    size_t length = strlen(top);
    char *line = NULL;
    size_t capacity = 0;
    while (getline(&line, &capacity, file) > 0) {
        // Fields: id parent major:minor root mountpoint ...
        char *fields[5] = {0};
        char *cursor = line;
        for (int index = 0; index < 5 && cursor; index++) {
            fields[index] = strsep(&cursor, " ");
        }
        if (!fields[4]) continue;
        char *point = fields[4];
        unescape(point);
        if (strncmp(point, top, length) != 0 || (point[length] != 0 && point[length] != '/')) continue;
        if (remount_readonly(point) != 0 && errno != ENOENT) fail("remount read-only", point);
    }
    free(line);
    fclose(file);
}

static void require(int argc, char **argv, int index, int count) {
    if (index + count >= argc) {
        fprintf(stderr, "sandbox: %s needs %d arguments\n", argv[index], count);
        _exit(126);
    }
}

/// Runs one `--op` starting at argv[index] (the op's name); returns the index after it.
static int run_op(int argc, char **argv, int index) {
    require(argc, argv, index, 1);
    const char *op = argv[index];
    if (strcmp(op, "tmpfs") == 0) {
        if (mount("tmpfs", argv[index + 1], "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=16m") != 0)
            fail("mount tmpfs", argv[index + 1]);
        return index + 2;
    }
    if (strcmp(op, "mkdir") == 0) {
        if (mkdir(argv[index + 1], 0755) != 0 && errno != EEXIST) fail("mkdir", argv[index + 1]);
        return index + 2;
    }
    if (strcmp(op, "touch") == 0) {
        int fd = open(argv[index + 1], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) fail("create", argv[index + 1]);
        close(fd);
        return index + 2;
    }
    if (strcmp(op, "readonly") == 0) {
        if (remount_readonly(argv[index + 1]) != 0) fail("remount read-only", argv[index + 1]);
        return index + 2;
    }
    require(argc, argv, index, 2);
    const char *first = argv[index + 1];
    const char *second = argv[index + 2];
    if (strcmp(op, "symlink") == 0) {
        if (symlink(first, second) != 0 && errno != EEXIST) fail("symlink", second);
        return index + 3;
    }
    if (strcmp(op, "rbind-ro") == 0) {
        if (mount(first, second, NULL, MS_BIND | MS_REC, NULL) != 0) fail("bind", second);
        readonly_tree(second);
        return index + 3;
    }
    if (strcmp(op, "bind") == 0 || strcmp(op, "bind-ro") == 0) {
        if (mount(first, second, NULL, MS_BIND, NULL) != 0) fail("bind", second);
        if (strcmp(op, "bind-ro") == 0) {
            if (remount_readonly(second) != 0) fail("remount read-only", second);
        } else if (mount(NULL, second, NULL, MS_REMOUNT | MS_BIND | MS_NOSUID, NULL) != 0) {
            fail("remount writable", second);
        }
        return index + 3;
    }
    if (strcmp(op, "overlay") == 0) {
        require(argc, argv, index, 4);
        const char *work = argv[index + 3];
        const char *target = argv[index + 4];
        if (mkdir(second, 0755) != 0 && errno != EEXIST) fail("mkdir", second);
        if (mkdir(work, 0755) != 0 && errno != EEXIST) fail("mkdir", work);
        char options[4096];
        int written = snprintf(options, sizeof options, "lowerdir=%s,upperdir=%s,workdir=%s", first, second, work);
        if (written < 0 || (size_t)written >= sizeof options) {
            errno = ENAMETOOLONG;
            fail("overlay", target);
        }
        if (mount("overlay", target, "overlay", MS_NOSUID, options) != 0) fail("mount overlay", target);
        return index + 5;
    }
    fprintf(stderr, "sandbox: unknown op %s\n", op);
    _exit(126);
}

static void ignore_signal(int signal) { (void)signal; }

/// Renames this process to `name` in ps (its /proc/PID/cmdline) by rewriting the argument area, after copying the
/// program's arguments (from index `program`) out of it; returns the copy.
static char **retitle(int argc, char **argv, int program, const char *name) {
    char **copy = calloc((size_t)(argc - program + 1), sizeof *copy);
    if (!copy) fail("calloc", NULL);
    for (int index = program; index < argc; index++) {
        copy[index - program] = strdup(argv[index]);
        if (!copy[index - program]) fail("strdup", NULL);
    }
    char *start = argv[0];
    char *end = argv[argc - 1] + strlen(argv[argc - 1]);
    memset(start, 0, (size_t)(end - start));
    strncpy(start, name, (size_t)(end - start));
    return copy;
}

static int exit_code(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

static void drop_privileges(long uid, long gid, long nproc) {
    if (nproc > 0) {
        struct rlimit limit = {(rlim_t)nproc, (rlim_t)nproc};
        if (setrlimit(RLIMIT_NPROC, &limit) != 0) fail("setrlimit", NULL);
    }
    if (gid >= 0) {
        if (setgroups(0, NULL) != 0) fail("setgroups", NULL);
        if (setresgid((gid_t)gid, (gid_t)gid, (gid_t)gid) != 0) fail("setgid", NULL);
    }
    if (uid >= 0 && setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0) fail("setuid", NULL);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("no_new_privs", NULL);
}

static void run_program(char **argv) {
    execv(argv[0], argv + 1);
    int failure = errno;
    fprintf(stderr, "exec: \"%s\": %s\n", argv[1], strerror(failure));
    _exit(failure == ENOENT ? 127 : 126);
}

static void probe(void) {
    if (geteuid() != 0) {
        puts("none");
        _exit(0);
    }
    pid_t child = fork();
    if (child == 0) {
        if (unshare(CLONE_NEWNS | CLONE_NEWPID) != 0) _exit(1);
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) _exit(1);
        _exit(0);
    }
    int status = 0;
    while (child > 0 && waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    puts(child > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "namespaces" : "user");
    fflush(stdout);
    _exit(0);
}

static void sandbox_main(int argc, char **argv) {
    int namespaces = 0;
    const char *proc = NULL, *root = NULL, *cwd = NULL;
    long uid = -1, gid = -1, nproc = 0, join = 0;
    int index = 2;
    // First pass: everything but the ops, which run in order once the namespaces exist.
    int tty = 0;
    int program = -1;
    for (int scan = 2; scan < argc; scan++) {
        const char *option = argv[scan];
        if (strcmp(option, "--") == 0) {
            program = scan + 1;
            break;
        }
        if (strcmp(option, "--probe") == 0) probe();
        if (strcmp(option, "--tty") == 0) tty = 1;
        else if (strcmp(option, "--namespaces") == 0) namespaces = 1;
        else if (strcmp(option, "--op") == 0) {
            // Skipped here; validated when run.
        } else if (scan + 1 < argc && strcmp(option, "--proc") == 0) proc = argv[++scan];
        else if (scan + 1 < argc && strcmp(option, "--root") == 0) root = argv[++scan];
        else if (scan + 1 < argc && strcmp(option, "--cwd") == 0) cwd = argv[++scan];
        else if (scan + 1 < argc && strcmp(option, "--uid") == 0) uid = atol(argv[++scan]);
        else if (scan + 1 < argc && strcmp(option, "--gid") == 0) gid = atol(argv[++scan]);
        else if (scan + 1 < argc && strcmp(option, "--nproc") == 0) nproc = atol(argv[++scan]);
        else if (scan + 1 < argc && strcmp(option, "--join-pid") == 0) join = atol(argv[++scan]);
    }
    if (program < 0 || program + 1 >= argc) {
        fprintf(stderr, "sandbox: usage: __sandbox [options] -- EXECUTABLE ARGV0 [ARGS...]\n");
        _exit(126);
    }
    if (tty) (void)ioctl(STDIN_FILENO, TIOCSCTTY, 0);
    if (namespaces && join > 0) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%ld/ns/pid_for_children", join);
        int target = open(path, O_RDONLY | O_CLOEXEC);
        if (target < 0 && errno != ENOENT && errno != ESRCH) fail("open", path);
        if (target < 0) {
            // The container's process ended between the kubelet's look and this one (it is restarting or done):
            // there is no namespace to join, so the exec gets one of its own, as when its container is not running.
            join = 0;
        } else {
            if (unshare(CLONE_NEWNS) != 0) fail("unshare", NULL);
            if (setns(target, CLONE_NEWPID) != 0) fail("setns", path);
            close(target);
            if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("make mounts private", "/");
        }
    }
    if (namespaces && join <= 0) {
        if (unshare(CLONE_NEWNS | CLONE_NEWPID) != 0) fail("unshare", NULL);
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("make mounts private", "/");
    }
    for (index = 2; index < program - 1;) {
        if (strcmp(argv[index], "--op") == 0) {
            index = run_op(argc, argv, index + 1);
        } else {
            index++;
        }
    }
    if (!namespaces) {
        if (cwd && chdir(cwd) != 0) fail("chdir", cwd);
        drop_privileges(uid, gid, nproc);
        run_program(argv + program);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ignore_signal;
    int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) sigaction(forwarded[i], &action, NULL);
    pid_t init = fork();
    if (init < 0) fail("fork", NULL);
    if (init > 0) {
        int status = 0;
        for (;;) {
            if (waitpid(init, &status, 0) == init) _exit(exit_code(status));
            if (errno != EINTR) fail("wait", NULL);
        }
    }
    // PID 1 of the new namespace, or the program in the joined one.
    action.sa_handler = SIG_DFL;
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) sigaction(forwarded[i], &action, NULL);
    if (proc && mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) fail("mount proc", proc);
    if (root && chroot(root) != 0) fail("chroot", root);
    if (chdir(cwd ? cwd : "/") != 0) fail("chdir", cwd);
    drop_privileges(uid, gid, nproc);
    if (join > 0) run_program(argv + program);
    char **programArguments = retitle(argc, argv, program, "kcluster-init");
    pid_t child = fork();
    if (child < 0) fail("fork", NULL);
    if (child == 0) run_program(programArguments);
    for (;;) {
        int status = 0;
        pid_t ended = waitpid(-1, &status, 0);
        if (ended == child) _exit(exit_code(status));
        if (ended < 0 && errno != EINTR) _exit(1);
    }
}

/// Runs before main (glibc passes argc, argv and envp to constructors): the sandbox must start single-threaded.
__attribute__((constructor)) static void kcluster_sandbox_early(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc >= 2 && argv && argv[1] && strcmp(argv[1], "__sandbox") == 0) {
        sandbox_main(argc, argv);
        _exit(126);
    }
}
