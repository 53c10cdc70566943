#ifndef KIOSK_CSQLITE_SHIM_H
#define KIOSK_CSQLITE_SHIM_H
#if !__has_include(<sqlite3.h>)
#error "sqlite3.h is missing. Install it with: sudo apt-get install libsqlite3-dev"
#endif
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import.
static inline sqlite3_destructor_type kiosk_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
// sqlite3_config and sqlite3_db_config are variadic: Swift cannot call them.
static inline int kiosk_sqlite_db_config_defensive(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}
// On: closing does not copy the write-ahead log into the file (a file
// found damaged is closed untouched).
static inline int kiosk_sqlite_db_config_no_checkpoint_on_close(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on, (int *)0);
}
#endif
