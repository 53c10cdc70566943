#ifndef KIOSK_CSODIUM_SHIM_H
#define KIOSK_CSODIUM_SHIM_H
#if !__has_include(<sodium.h>)
#error "sodium.h is missing. Install it with: sudo apt-get install libsodium-dev"
#endif
#include <sodium.h>
#endif
