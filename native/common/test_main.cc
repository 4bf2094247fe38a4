#define OP_TEST_MAIN
#include "common/test.h"
