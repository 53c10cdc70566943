#ifndef KIOSK_CHARU_SHIM_H
#define KIOSK_CHARU_SHIM_H
/* libharu has no pkg-config file in Debian (libhpdf-dev): linked by name. */
#if !__has_include(<hpdf.h>)
#error "hpdf.h is missing. Install it with: sudo apt-get install libhpdf-dev"
#endif
#include <hpdf.h>
#endif
