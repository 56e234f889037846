#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H

/* Debian's libpq-dev puts the header under postgresql/; its own includes are quoted, so they
   resolve beside it without a pkg-config include path. */
#include <postgresql/libpq-fe.h>
#include <poll.h>

/* Waits until the connection's socket is readable or `millis` pass; returns poll's result
   (1 ready, 0 timeout, -1 error). Swift cannot build a struct pollfd array portably. */
static inline int pq_wait_readable(PGconn *conn, int millis) {
  struct pollfd p;
  p.fd = PQsocket(conn);
  if (p.fd < 0) return -1;
  p.events = POLLIN;
  p.revents = 0;
  return poll(&p, 1, millis);
}

#endif
