#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

/* Enable the X/Open wide-character API (wget_wch, mvwadd_wch, cchar_t, setcchar, wint_t).
   SwiftPM drops -D flags coming from pkg-config ("prohibited flag(s)"), so it must be
   defined here, before the include. Editing this file does not trigger a rebuild: touch a
   Swift file in CursesBackend afterwards. */
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* ---- attributes: built with NCURSES_BITS(...), a function-like macro, so invisible ---- */
static const attr_t NC_A_NORMAL = A_NORMAL;
static const attr_t NC_A_STANDOUT = A_STANDOUT;
static const attr_t NC_A_BLINK = A_BLINK;
static const attr_t NC_A_COLOR = A_COLOR;
static const attr_t NC_A_UNDERLINE = A_UNDERLINE;
static const attr_t NC_A_REVERSE = A_REVERSE;
static const attr_t NC_A_DIM = A_DIM;
static const attr_t NC_A_BOLD = A_BOLD;
static const attr_t NC_A_ITALIC = A_ITALIC;

/* ---- mouse masks: NCURSES_MOUSE_MASK(b, m) is function-like too ---- */
static const mmask_t NC_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t NC_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t NC_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t NC_BUTTON2_PRESSED = BUTTON2_PRESSED;
static const mmask_t NC_BUTTON2_RELEASED = BUTTON2_RELEASED;
static const mmask_t NC_BUTTON2_CLICKED = BUTTON2_CLICKED;
static const mmask_t NC_BUTTON3_PRESSED = BUTTON3_PRESSED;
static const mmask_t NC_BUTTON3_RELEASED = BUTTON3_RELEASED;
static const mmask_t NC_BUTTON3_CLICKED = BUTTON3_CLICKED;
static const mmask_t NC_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t NC_BUTTON5_PRESSED = BUTTON5_PRESSED;
static const mmask_t NC_ALL_MOUSE_EVENTS = ALL_MOUSE_EVENTS;
static const mmask_t NC_REPORT_MOUSE_POSITION = REPORT_MOUSE_POSITION;

/* KEY_F(n) is a function-like macro. */
static inline int nc_key_f(int n) { return KEY_F(n); }

/* getmaxyx/getyx are macros that assign to lvalues. */
static inline void nc_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline void nc_getyx(WINDOW *w, int *y, int *x) { getyx(w, *y, *x); }

/* Mutable C globals import, but Swift 6 rejects every reference ("not concurrency-safe
   because it involves shared mutable state"); accessors avoid that. */
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline WINDOW *nc_curscr(void) { return curscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }

/* newterm on the process's own stdin/stdout (Glibc's stdout is another unsafe global).
   Unlike initscr, newterm returns NULL instead of exiting when TERM is unusable. */
static inline SCREEN *nc_newterm(void) { return newterm(NULL, stdout, stdin); }

/* The codeset of the current LC_CTYPE, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }

/* The codeset a locale name would give, without changing the process locale. Copies it into
   buf; returns 0, or -1 when the locale does not exist. */
static inline int nc_codeset_of_locale(const char *name, char *buf, size_t len) {
  locale_t loc = newlocale(LC_CTYPE_MASK, name, (locale_t)0);
  if (loc == (locale_t)0) return -1;
  snprintf(buf, len, "%s", nl_langinfo_l(CODESET, loc));
  freelocale(loc);
  return 0;
}

/* wcwidth/wcswidth are declared in <wchar.h> only under __USE_XOPEN, which the Swift Glibc
   module is not built with ("cannot find 'wcwidth' in scope"); glibc exports them. */
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

#endif
