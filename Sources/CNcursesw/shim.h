#ifndef KIOSK_CNCURSESW_SHIM_H
#define KIOSK_CNCURSESW_SHIM_H
// Wide-character curses needs these before the header, or get_wch and
// cchar_t are missing and multi-byte text breaks.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#if !__has_include(<ncursesw/curses.h>)
#error "ncursesw/curses.h is missing. Install it with: sudo apt-get install libncurses-dev"
#endif
#include <ncursesw/curses.h>
#endif
