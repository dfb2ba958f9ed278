// libFuzzer's entry point for programs that have their own main (SwiftPM names an executable's
// entry point <Target>_main, so the fuzz targets call the driver from there).
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
