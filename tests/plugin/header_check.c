/* Compiled by ctest as C11, C++17 and C++20 with -Wall -Wextra -pedantic
 * -Werror: the plugin ABI header must be clean in all of them. It also
 * checks the layout promises that plugins built elsewhere rely on, and that
 * the entry macros define an exported object in both languages.
 *
 * Compiled again against the frozen 1.0 and 1.1 headers
 * (tests/fixtures/plugins/abi-1.0 and abi-1.1), where SOMA_PLUGIN_ABI_MINOR
 * is 0 and 1: the pins of each minor must hold for every header from it on,
 * so the byte offsets written here are the ones those plugins really have. */
#include <soma/plugin.h>

#include <string.h>

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
#if SOMA_PLUGIN_ABI_MINOR == 0
/* What a 1.0 plugin puts in struct_size: a 1.1 host reads nothing past it. */
SOMA_STATIC_ASSERT(sizeof(soma_plugin_entry) == 72 && sizeof(soma_host) == 168, "the 1.0 entry and host table end here");
#endif
#if SOMA_PLUGIN_ABI_MINOR >= 1
/* 1.1, appended after the last 1.0 field of each struct. */
SOMA_STATIC_ASSERT(offsetof(soma_host, get_extension) == 168, "host table 1.1: get_extension right after log");
SOMA_STATIC_ASSERT(offsetof(soma_plugin_entry, get_extension) == 72, "entry 1.1: get_extension right after on_event");
SOMA_STATIC_ASSERT(sizeof(soma_side) == 4 && sizeof(soma_layer) == 4, "sides and layers are fixed-size");
SOMA_STATIC_ASSERT(offsetof(soma_region_info, reserved) == 4 && offsetof(soma_region_info, id) == 8 && offsetof(soma_region_info, name) == 16 &&
                       offsetof(soma_region_info, side) == 24 && offsetof(soma_region_info, layer) == 28 && sizeof(soma_region_info) == 32,
                   "soma.regions/1: region info, frozen with the id");
SOMA_STATIC_ASSERT(offsetof(soma_host_regions, count) == 8 && offsetof(soma_host_regions, get) == 16 && sizeof(soma_host_regions) == 24,
                   "soma.regions/1: table, frozen with the id");
#endif
#if SOMA_PLUGIN_ABI_MINOR <= 1
/* The map a 1.0 or 1.1 plugin knows: a 1.2 host hands it exactly this many bytes. */
SOMA_STATIC_ASSERT(sizeof(soma_tension_map) == 24, "the 1.1 tension map ends at ratings");
#endif
#if SOMA_PLUGIN_ABI_MINOR >= 2
/* 1.2, appended after the last 1.1 field. */
SOMA_STATIC_ASSERT(offsetof(soma_tension_map, resource) == 24 && offsetof(soma_tension_map, tension) == 32 && sizeof(soma_tension_map) == 40,
                   "tension map 1.2: the therapist's regions right after ratings");
SOMA_STATIC_ASSERT(offsetof(soma_host_region_neighbours, adjacent) == 8 && sizeof(soma_host_region_neighbours) == 16,
                   "soma.region_neighbours/1: table, frozen with the id");
SOMA_STATIC_ASSERT(offsetof(soma_host_region_phrase, phrase) == 8 && sizeof(soma_host_region_phrase) == 16,
                   "soma.region_phrase/1: table, frozen with the id");
SOMA_STATIC_ASSERT(offsetof(soma_host_recording, slot) == 8 && offsetof(soma_host_recording, file) == 16 && sizeof(soma_host_recording) == 24,
                   "soma.recording/1: table, frozen with the id");
#endif
#endif
#if SOMA_PLUGIN_ABI_MINOR >= 1
SOMA_STATIC_ASSERT(offsetof(soma_region_info, struct_size) == 0 && offsetof(soma_host_regions, struct_size) == 0,
                   "extension tables and their structs start with their size");
/* Limits are integer constants where they count, and a later minor may
 * raise one but never lower it below 1.0's. */
SOMA_STATIC_ASSERT(SOMA_MAX_ID_BYTES >= 64 && SOMA_MAX_TEXT_BYTES >= 4096 && SOMA_MAX_NARRATION_BYTES >= 65536 && SOMA_MAX_STEPS >= 2000 &&
                       SOMA_MAX_HIGHLIGHTS_PER_STEP >= 256 && SOMA_MAX_BREATH_CYCLES >= 10000 && SOMA_MAX_ENTRY_LIST >= 64,
                   "integer limits, at least 1.0's");
#if defined(__cplusplus)
static_assert(SOMA_MAX_PAUSE_SEC >= 600.0 && SOMA_MAX_BREATH_PHASE_SEC >= 60.0 && SOMA_MAX_AT_SEC >= 6000.0 && SOMA_MAX_FADE_SEC >= 600.0 &&
                  SOMA_MAX_HOLD_SEC >= 600.0 && SOMA_MAX_PULSE_HZ >= 0.5 && SOMA_MAX_VARIANT_MINUTES >= 600.0,
              "time limits, at least 1.0's");
#endif
static char kLongestId[SOMA_MAX_ID_BYTES + 1];
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
#if SOMA_PLUGIN_ABI_MINOR >= 1
    /* ... and for an extension. */
    if (SOMA_STRUCT_HAS(host, soma_host, get_extension)) {
        const soma_host_regions* regions = (const soma_host_regions*)host->get_extension(host, SOMA_EXT_REGIONS);
        soma_region_info info;
        soma_region_info_init(&info);
        if (regions && regions->count(host) > 0) {
            if (regions->get(host, 0, &info) != SOMA_OK) return SOMA_ERROR_FAILED;
            if (info.layer == SOMA_LAYER_INTERNAL || info.side == SOMA_SIDE_LEFT) h.region = info.id;
        }
    }
    kLongestId[0] = 'a';
#endif
#if SOMA_PLUGIN_ABI_MINOR >= 2
    /* A 1.2 field of a struct the host hands over, and the 1.2 extension. */
    {
        const soma_tension_map* map = host->tension_map(host);
        const soma_host_region_neighbours* near =
            (const soma_host_region_neighbours*)host->get_extension(host, SOMA_EXT_REGION_NEIGHBOURS);
        if (map && SOMA_STRUCT_HAS(map, soma_tension_map, tension) && map->resource[0] && near &&
            near->adjacent(host, map->resource, map->tension))
            return SOMA_ERROR_INVALID_ARGUMENT;
    }
#endif
    if (host->begin_step(host, "one") != SOMA_OK) return SOMA_ERROR_FAILED;
#if SOMA_PLUGIN_ABI_MINOR >= 2
    /* An extension that came without a minor of its own: asked for, and
     * done without where the host lacks it. */
    {
        const soma_host_recording* rec = (const soma_host_recording*)host->get_extension(host, SOMA_EXT_RECORDING);
        if (rec && rec->struct_size >= sizeof(soma_host_recording) && rec->slot(host, "greeting") != SOMA_OK) return SOMA_ERROR_FAILED;
    }
#endif
    host->highlight(host, &h);
    host->breath(host, &b);
    return host->end_step(host);
}

#if SOMA_PLUGIN_ABI_MINOR >= 1
typedef struct header_check_ext {
    uint32_t struct_size;
    uint32_t reserved;
} header_check_ext;
static const header_check_ext kExt = {(uint32_t)sizeof(header_check_ext), 0};

static const void* getExtension(const char* id) { return strcmp(id, "header-check.ext/1") == 0 ? &kExt : NULL; }

/* The oldest-minor form, for an entry that must also load in 1.0 hosts. */
static const soma_plugin_entry kForOlderHosts = {SOMA_PLUGIN_ENTRY_HEADER_NEEDS(0), "header-check-old", kTitles, NULL, kLanguages, kVariants,
                                                 build, NULL, NULL};
const soma_plugin_entry* headerCheckOldEntry(void);
const soma_plugin_entry* headerCheckOldEntry(void) { return &kForOlderHosts; }

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ENTRY_HEADER, "header-check", kTitles, NULL, kLanguages, kVariants, build, NULL, getExtension};
#else
SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR, sizeof(soma_plugin_entry), 0, "header-check",
                     kTitles, NULL, kLanguages, kVariants, build, NULL};
#endif
