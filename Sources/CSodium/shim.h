#ifndef CAUNOI_CSODIUM_SHIM_H
#define CAUNOI_CSODIUM_SHIM_H
#include <sodium.h>
#endif
