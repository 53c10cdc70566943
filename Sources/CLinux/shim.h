#ifndef KIOSK_CLINUX_SHIM_H
#define KIOSK_CLINUX_SHIM_H
/* Two Linux calls that glibc declares only under _GNU_SOURCE, which the
   Swift Glibc module does not set: through syscall(2) here. */
#include <unistd.h>
#include <fcntl.h>
#include <sys/syscall.h>

/* A pipe whose ends close on exec, made atomically (no other thread's
   child can inherit them). */
static inline int kiosk_pipe_cloexec(int fds[2]) {
    return (int)syscall(SYS_pipe2, fds, O_CLOEXEC);
}

/* An anonymous file in memory (never on disk), closed on exec. */
static inline int kiosk_memory_file(const char *name) {
    return (int)syscall(SYS_memfd_create, name, 1U /* MFD_CLOEXEC */);
}
#endif
