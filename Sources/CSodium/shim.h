#ifndef KIOSK_CSODIUM_SHIM_H
#define KIOSK_CSODIUM_SHIM_H
#if !__has_include(<sodium.h>)
#error "sodium.h is missing. Install it with: sudo apt-get install libsodium-dev"
#endif
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* prctl is variadic, which Swift cannot call: the one use the vault makes
   of it. The process may not be dumped (no core file, no ptrace by other
   processes of the same user), so the data key in its memory stays there. */
static inline int kiosk_set_not_dumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
#endif
