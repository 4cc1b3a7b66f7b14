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
SOMA_STATIC_ASSERT(offsetof(soma_tension_map, struct_size) == 0, "sized structs start with their size");
SOMA_STATIC_ASSERT(SOMA_PLUGIN_ABI_MAJOR == 1, "ABI 1.x is frozen: a change that needs another major is a new header");

/* The 1.0 layout, byte by byte, on LP64 (where Soma ships): plugins built
 * against 1.0 rely on every offset below, so a 1.x header may append fields
 * but never move one. Each number follows from C's layout rules for the
 * 1.0 field list, written out by hand. */
#if UINTPTR_MAX == 0xffffffffffffffffu
SOMA_STATIC_ASSERT(sizeof(soma_text) == 16 && sizeof(soma_variant) == 16, "lists without a size never change");
SOMA_STATIC_ASSERT(offsetof(soma_tension_rating, rating) == 8 && offsetof(soma_tension_rating, note) == 16 &&
                       offsetof(soma_tension_rating, timestamp) == 24,
                   "tension rating 1.0");
SOMA_STATIC_ASSERT(offsetof(soma_tension_map, count) == 4 && offsetof(soma_tension_map, rating_size) == 8 &&
                       offsetof(soma_tension_map, ratings) == 16,
                   "tension map 1.0");
SOMA_STATIC_ASSERT(offsetof(soma_highlight, region) == 8 && offsetof(soma_highlight, mark) == 16 && offsetof(soma_highlight, at_sec) == 24 &&
                       offsetof(soma_highlight, intensity) == 32 && offsetof(soma_highlight, color) == 36 &&
                       offsetof(soma_highlight, fade_in_sec) == 48 && offsetof(soma_highlight, hold_sec) == 56 &&
                       offsetof(soma_highlight, fade_out_sec) == 64 && offsetof(soma_highlight, pulse_hz) == 72,
                   "highlight 1.0");
SOMA_STATIC_ASSERT(offsetof(soma_breath_pattern, cycles) == 4 && offsetof(soma_breath_pattern, inhale_sec) == 8 &&
                       offsetof(soma_breath_pattern, hold_in_sec) == 16 && offsetof(soma_breath_pattern, exhale_sec) == 24 &&
                       offsetof(soma_breath_pattern, hold_out_sec) == 32,
                   "breath pattern 1.0");
SOMA_STATIC_ASSERT(offsetof(soma_event, type) == 4 && offsetof(soma_event, time_samples) == 8 && offsetof(soma_event, sample_rate) == 16 &&
                       offsetof(soma_event, step_index) == 20 && offsetof(soma_event, step_id) == 24,
                   "event 1.0");
SOMA_STATIC_ASSERT(offsetof(soma_host, abi_minor) == 4 && offsetof(soma_host, host_data) == 8 && offsetof(soma_host, language) == 16 &&
                       offsetof(soma_host, clock) == 56 && offsetof(soma_host, begin_step) == 64 && offsetof(soma_host, end_step) == 136 &&
                       offsetof(soma_host, remove_step) == 144 && offsetof(soma_host, report_error) == 152 && offsetof(soma_host, log) == 160,
                   "host table 1.0: functions only ever appended after log");
SOMA_STATIC_ASSERT(offsetof(soma_plugin_entry, id) == 16 && offsetof(soma_plugin_entry, variants) == 48 &&
                       offsetof(soma_plugin_entry, build) == 56 && offsetof(soma_plugin_entry, on_event) == 64,
                   "entry 1.0");
#endif

static const soma_text kTitles[] = {{"en", "Header check"}, {NULL, NULL}};
static const char* const kLanguages[] = {"en", NULL};
static const soma_variant kVariants[] = {{"short", 5.0}, {NULL, 0.0}};

static soma_result build(const soma_host* host) {
    soma_highlight h;
    soma_breath_pattern b;
    soma_highlight_init(&h);
    soma_breath_pattern_init(&b);
    h.region = "belly";
    /* How a plugin asks for a host function of a later minor. */
    if (!SOMA_STRUCT_HAS(host, soma_host, log) || host->abi_minor > 1000) return SOMA_ERROR_UNSUPPORTED;
    if (host->begin_step(host, "one") != SOMA_OK) return SOMA_ERROR_FAILED;
    host->highlight(host, &h);
    host->breath(host, &b);
    return host->end_step(host);
}

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR, sizeof(soma_plugin_entry), 0, "header-check",
                     kTitles, NULL, kLanguages, kVariants, build, NULL};
