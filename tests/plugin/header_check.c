/* Compiled by ctest as C11, C++17 and C++20 with -Wall -Wextra -pedantic
 * -Werror: the plugin ABI header must be clean in all of them. It also
 * checks the layout promises that plugins built elsewhere rely on, and that
 * the entry macro defines an exported object in both languages. */
#include <soma/plugin.h>

#if defined(__cplusplus)
#define SOMA_STATIC_ASSERT static_assert
#else
#define SOMA_STATIC_ASSERT _Static_assert
#endif

SOMA_STATIC_ASSERT(offsetof(soma_plugin_entry, abi_major) == 0, "the ABI version must come first");
SOMA_STATIC_ASSERT(offsetof(soma_plugin_entry, abi_minor) == 4, "minor follows major");
SOMA_STATIC_ASSERT(offsetof(soma_plugin_entry, struct_size) == 8, "then the entry's size");
SOMA_STATIC_ASSERT(sizeof(soma_result) == 4, "result codes are fixed-size");
SOMA_STATIC_ASSERT(sizeof(soma_event_type) == 4, "event types are fixed-size");
SOMA_STATIC_ASSERT(offsetof(soma_highlight, struct_size) == 0, "sized structs start with their size");
SOMA_STATIC_ASSERT(offsetof(soma_breath_pattern, struct_size) == 0, "sized structs start with their size");
SOMA_STATIC_ASSERT(offsetof(soma_event, struct_size) == 0, "sized structs start with their size");
SOMA_STATIC_ASSERT(offsetof(soma_host, struct_size) == 0, "sized structs start with their size");

static const soma_text kTitles[] = {{"en", "Header check"}, {NULL, NULL}};
static const char* const kLanguages[] = {"en", NULL};
static const soma_variant kVariants[] = {{"short", 5.0}, {NULL, 0.0}};

static soma_result build(const soma_host* host) {
    soma_highlight h;
    soma_highlight_init(&h);
    h.region = "belly";
    if (host->begin_step(host, "one") != SOMA_OK) return SOMA_ERROR_FAILED;
    host->highlight(host, &h);
    return host->end_step(host);
}

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR, sizeof(soma_plugin_entry), 0, "header-check",
                     kTitles, NULL, kLanguages, kVariants, build, NULL};
