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
// ---- KioskTerminal helpers -------------------------------------------------
// Swift cannot import function-like macros (A_BOLD, BUTTON1_PRESSED,
// getmaxx) nor, under Swift 6 strict concurrency, touch C globals
// (stdscr, stdout, COLORS) cleanly; these wrappers expose them as functions.
#include <stdio.h>
// tigetstr is declared by curses.h itself.

/// newterm on the process's own stdout/stdin; NULL on failure (unlike
/// initscr, which prints and exits).
static inline SCREEN *kiosk_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline WINDOW *kiosk_stdscr(void) { return stdscr; }
/// Asks the terminal for SGR extended mouse reports (mode 1006): exact
/// cells on wide screens. A terminal without it ignores the request.
static inline void kiosk_sgr_mouse(int on) { fputs(on ? "\033[?1006h" : "\033[?1006l", stdout); fflush(stdout); }
static inline int kiosk_colors(void) { return COLORS; }
static inline int kiosk_color_pairs(void) { return COLOR_PAIRS; }
static inline int kiosk_lines(WINDOW *w) { return getmaxy(w); }
static inline int kiosk_cols(WINDOW *w) { return getmaxx(w); }
/// 1 when the terminal can move the cursor to any cell (terminfo "cup").
static inline int kiosk_has_cursor_address(void) {
    char *s = tigetstr("cup");
    return s != NULL && s != (char *)-1;
}

static inline attr_t kiosk_attr_normal(void) { return A_NORMAL; }
static inline attr_t kiosk_attr_bold(void) { return A_BOLD; }
static inline attr_t kiosk_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t kiosk_attr_reverse(void) { return A_REVERSE; }
static inline attr_t kiosk_attr_dim(void) { return A_DIM; }

/// Columns the C library (and so curses) gives a wide character; -1 when
/// unprintable. Declared here because glibc hides it without _XOPEN_SOURCE.
extern int wcwidth(wchar_t c);
static inline int kiosk_wcwidth(wchar_t c) { return wcwidth(c); }

static inline mmask_t kiosk_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t kiosk_button1_clicked(void) { return BUTTON1_CLICKED; }

/// setcchar for up to CCHARW_MAX wide characters (base + combining marks),
/// `count` of them, not necessarily NUL-terminated.
static inline int kiosk_setcchar(cchar_t *cc, const wchar_t *chars, int count, attr_t attrs, short pair) {
    wchar_t buf[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buf[i] = chars[i];
    buf[n] = 0;
    return setcchar(cc, buf, attrs, pair, NULL);
}
#endif
