#include "cprocess.h"
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* Marks the process non-dumpable: no core file, no ptrace attach by the same user. */
int caunoi_set_undumpable(void) {
#ifdef __linux__
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#else
    return -1;
#endif
}

int caunoi_is_dumpable(void) {
#ifdef __linux__
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#else
    return 1;
#endif
}
