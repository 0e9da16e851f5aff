#ifndef CAUNOI_CPROCESS_H
#define CAUNOI_CPROCESS_H

/* prctl is variadic, which Swift cannot call: these two wrappers are all of it. */
int caunoi_set_undumpable(void);
int caunoi_is_dumpable(void);

#endif
