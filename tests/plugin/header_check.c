/* Compiled by ctest as C11, C++17 and C++20 with -Wall -Wextra -pedantic
 * -Werror: the plugin ABI header must be clean in all of them. It also
 * checks the layout promises that plugins built elsewhere rely on. */
#include <soma/plugin.h>

#if defined(__cplusplus)
#define SOMA_STATIC_ASSERT static_assert
#else
#define SOMA_STATIC_ASSERT _Static_assert
#endif

SOMA_STATIC_ASSERT(offsetof(soma_plugin_entry, abi_major) == 0, "the ABI version must come first");
SOMA_STATIC_ASSERT(offsetof(soma_plugin_entry, abi_minor) == 4, "minor follows major");
SOMA_STATIC_ASSERT(sizeof(soma_result) == 4, "result codes are fixed-size");

static const soma_plugin_entry kEntry = {SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR, sizeof(soma_plugin_entry), 0, "header-check"};

#if defined(__cplusplus)
extern "C"
#endif
SOMA_PLUGIN_EXPORT const soma_plugin_entry* soma_plugin_entry_check(void);

const soma_plugin_entry* soma_plugin_entry_check(void) { return &kEntry; }
