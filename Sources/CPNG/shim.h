#ifndef KIOSK_CPNG_SHIM_H
#define KIOSK_CPNG_SHIM_H
#if !__has_include(<png.h>)
#error "png.h is missing. Install it with: sudo apt-get install libpng-dev"
#endif
#include <png.h>
#endif
