#ifndef ZHTEXT_FUZZER_DRIVER_H
#define ZHTEXT_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own main (SwiftPM's executables do: it links
/// them with --defsym main=<module>_main), provided by the -sanitize=fuzzer runtime.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
