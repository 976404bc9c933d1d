// The declaration in include/fuzzer_driver.h is all this target provides; the definition comes
// from libFuzzer's runtime at link time.
#include "fuzzer_driver.h"
