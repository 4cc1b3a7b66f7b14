/* SPDX-License-Identifier: MIT (the plugin SDK; see LICENSE) */
/*
 * soma/plugin.h: the C ABI between the Soma host and native exercise plugins.
 * ABI 1.3. Each 1.x is frozen once released and a later 1.x only ADDS (see
 * "Versions"), so a plugin built against this header, or an older 1.x one,
 * keeps loading in every Soma that speaks its minor or a later 1.x.
 *
 * Plain C11, also valid C++17/C++20, with no C++ types, no exceptions and
 * fixed-size integers for every enum. Depends on <stddef.h> and <stdint.h>
 * only. Must never grow a dependency on the engine's C++ headers.
 *
 * ENTRY. A plugin is a shared library that exports exactly one symbol: the
 * DATA object SOMA_PLUGIN_ENTRY_NAME ("soma_entry"), a const
 * soma_plugin_entry. It is data, not a function, so that the host reads the
 * ABI version before ANY plugin code runs (the CLAP rule).
 *
 * A SESSION. The host calls entry->build(host) with a function table
 * (soma_host) that collects steps: begin_step, speak, highlight, breath,
 * pose, camera, ambience, pacer, pause, end_step. The host checks every
 * value it is handed (region ids, times, intensities, strings, call order)
 * and refuses nonsense with a failure code and a message; a refused call
 * also fails the whole build, so a plugin that ignores return codes still
 * ends with a clear error instead of a broken session.
 *
 * WHILE IT RUNS. entry->on_event (optional) is called when a step starts or
 * ends, when the person pauses, resumes or takes the grounding way out.
 * Through the same host table it may insert new steps after the current one
 * and remove steps that have not started: only the FUTURE changes. The host
 * logs every event and every change with its sample time, and an export
 * replays that log.
 *
 * DETERMINISM. build and on_event must give the same result for the same
 * inputs: the same language, variant, breaths per minute and tension map,
 * and the same events in the same order. No wall clock, no random numbers
 * without a fixed seed, no state kept between calls that changes a result.
 * The host calls build many times in one process (each session, and its
 * check of the plugin: every language and variant, with and without a
 * tension map, and again with a client's own map before that map is used),
 * and must be able to replay on_event.
 *
 * THREADS. The host calls build, on_event and get_extension from one thread
 * at a time (never concurrently for one plugin, not necessarily the same
 * thread each time) and never from the audio thread. Host functions may
 * only be called from inside the build/on_event call that received the
 * soma_host, on that call's thread. A plugin starts no thread that runs
 * after its call returns.
 *
 * TAGS. Every function below carries two tags: the thread it runs on, then
 * the state in which it may be called.
 *   [plugin thread]      a host function (soma_host, or a host extension's
 *                        table): the plugin calls it only on the thread of
 *                        the build/on_event call that received the soma_host.
 *   [host: any thread, never the audio thread]
 *                        an entry function: the host calls it, one call at
 *                        a time per plugin (see THREADS).
 *   [build], [on_event], [build, on_event]
 *                        a host function may be called only inside that
 *                        entry call (an [on_event] one called in build
 *                        returns SOMA_ERROR_WRONG_STATE).
 *   [loaded]             an entry function the host may call at any time
 *                        while the library is loaded, sessions or not.
 *   [session]            an entry function the host calls only while a
 *                        session of the plugin's latest build runs (or an
 *                        export replays one).
 *
 * EXTENSIONS (1.1). Interfaces that not every plugin needs grow beside the
 * core, the CLAP way: a const table of functions (or of data) named by a
 * versioned id "vendor.name/N": a vendor ("soma" is the host's own) and a
 * name of lowercase letters, digits, '_', '-' and '.', and a decimal
 * version N from 1, at most SOMA_MAX_ID_BYTES in all ("soma.regions/1"). host->get_extension(host, id)
 * gives the host's table for an id, or NULL when this host does not offer
 * it; a plugin may set entry->get_extension to offer tables of its own to
 * the host the same way. Once an id is published, its table and the structs
 * it defines are frozen like this header: any change, even an added
 * function, is a new id ("soma.regions/2"), and a side may offer several
 * versions at once. A table starts with uint32_t struct_size (its size as
 * its side was built; a reader may check it as a guard). Asking for an id
 * that is not offered, malformed or unknown, is never an error: the answer
 * is NULL and nothing fails. Each extension documents its functions with
 * the tags above; a host extension's functions take the current call's
 * soma_host, so they are [plugin thread][build, on_event] like the host's.
 *
 * OWNERSHIP AND LIFETIME. Everything the entry points to is static data of
 * the plugin, valid while the library is loaded and never changed. Strings
 * the host returns (language, variant, region_name, the tension map, the
 * event's step_id) are owned by the host and valid until the call that
 * received them returns; copy what you keep. Strings and structs the plugin
 * passes to a host function are copied before it returns. Neither side
 * frees what the other allocated. The host may unload the library at any
 * time between calls, so nothing of the plugin may be left running or
 * registered (threads, atexit handlers, signal handlers) when a call ends.
 *
 * FAILURE. Host functions return SOMA_OK or a failure code, after the host
 * recorded a message naming the plugin, the step and the problem. build and
 * on_event return SOMA_OK, or a failure code after host->report_error (the
 * last message wins); the host treats any code it does not know as
 * SOMA_ERROR_FAILED, and a plugin must treat any non-zero code from the host
 * as a failure. A failed build gives no session; a failed on_event applies
 * none of that call's changes. A plugin must not crash, hang, call exit(),
 * or throw through a C frame (C++: use soma::sdk::guard, soma/plugin_cpp.h).
 * Soma runs each new plugin (and each new tension map) in a child process
 * first and quarantines a plugin that crashes or hangs there; that is a
 * safety net, not part of a plugin's normal path. A plugin writes no files
 * and opens no network connections: its only output is the session.
 *
 * LIMITS (refused beyond them; a later minor may raise a limit, never lower
 * one). Each has a name, SOMA_MAX_* below, holding this header's value.
 * Exercise ids: 1-64 bytes of [a-z0-9-]; step ids: 1-64 bytes of
 * [a-z0-9_-], unique in a session; mark names: 1-64 bytes of letters,
 * digits, '_' and '-' (SOMA_MAX_ID_BYTES). Titles, summaries and messages:
 * UTF-8 without control characters, at most 4096 bytes
 * (SOMA_MAX_TEXT_BYTES). Narration: at most 64 KiB per step
 * (SOMA_MAX_NARRATION_BYTES). At most 2000 steps (SOMA_MAX_STEPS) and 256
 * highlights per step (SOMA_MAX_HIGHLIGHTS_PER_STEP). A pause or a <break>
 * at most 600 s (SOMA_MAX_PAUSE_SEC), a breath phase at most 60 s
 * (SOMA_MAX_BREATH_PHASE_SEC) and at most 10000 cycles
 * (SOMA_MAX_BREATH_CYCLES); inhale and exhale together at least 1 s
 * (SOMA_MIN_BREATH_CYCLE_SEC, checked since 1.1, as script exercises
 * always were: a breath is never rushed). A highlight at most 6000 s into its step
 * (SOMA_MAX_AT_SEC), fades and holds of at most 600 s (SOMA_MAX_FADE_SEC,
 * SOMA_MAX_HOLD_SEC), a pulse of at most 0.5 Hz (SOMA_MAX_PULSE_HZ). At most
 * 64 entries in each list of the entry (SOMA_MAX_ENTRY_LIST), variants of
 * 0 < minutes <= 600 (SOMA_MAX_VARIANT_MINUTES). A host of an older minor
 * checks against its own header's values, so a plugin meant for older
 * hosts too keeps within the oldest limits it supports.
 *
 * VERSIONS: how hosts and plugins of different 1.x minors meet.
 * - The entry's abi_major must equal the host's SOMA_PLUGIN_ABI_MAJOR, and
 *   its abi_minor must not be greater than the host's SOMA_PLUGIN_ABI_MINOR;
 *   otherwise the plugin is refused before any of its code runs
 *   (plugin.abi_major, plugin.abi_minor).
 * - A newer host (1.1) with an older plugin (1.0) loads it and treats it as
 *   1.0: it reads only the entry fields the entry's struct_size covers (a
 *   1.0 entry ends at on_event, so its get_extension is never looked at),
 *   sends only the event types of the plugin's minor, reads only the part of
 *   each struct the plugin hands it that its struct_size covers (the rest
 *   takes the defaults of the *_init function), and hands the plugin a
 *   soma_host whose 1.0 functions behave as in 1.0. The plugin never looks
 *   past the 1.0 part of what the host hands it.
 * - An older host (1.0) refuses a plugin that says abi_minor 1. A plugin
 *   built against a newer header that wants to run in older hosts too puts
 *   the OLDEST minor it needs in abi_minor (instead of SOMA_PLUGIN_ABI_MINOR)
 *   and, before it uses anything newer, checks host->abi_minor or
 *   SOMA_STRUCT_HAS(host, soma_host, function); for structs the host hands it
 *   (soma_event, soma_tension_map, its ratings) it checks struct_size or
 *   rating_size before reading a newer field. An older host ignores the
 *   tail of a plugin's struct beyond its own struct's size.
 * - A struct the host hands a plugin is never larger than the plugin's
 *   abi_minor knows it (since 1.2, where soma_tension_map grew): a plugin
 *   that says abi_minor 1 gets the 1.1 map, struct_size included, in every
 *   later host. So a plugin that needs a newer field of such a struct says
 *   that minor in abi_minor; one that says less still checks struct_size
 *   and finds the field absent.
 * - The entry's struct_size, not its abi_minor, says which entry fields a
 *   plugin has: a plugin built against 1.1 that puts abi_minor 0 (to load
 *   in 1.0 hosts too) still offers its extensions to a 1.1 host.
 * - A minor version may only ADD: functions at the end of soma_host, fields
 *   at the end of a struct that carries struct_size (soma_plugin_entry,
 *   soma_host, soma_highlight, soma_breath_pattern, soma_event,
 *   soma_tension_map) or of soma_tension_rating (its size travels as
 *   rating_size), a meaning for a reserved field in which 0 keeps the 1.0
 *   meaning, new result codes, log levels and event types, new region,
 *   pose, camera and ambience ids, new extension ids (a published one never
 *   changes: see EXTENSIONS). It never removes, reorders, resizes or
 *   retypes a field, changes a function's signature or meaning, or removes
 *   or renames an id. soma_text and soma_variant have no size field and
 *   never change; something new per variant would come as a new list in
 *   the entry.
 * - Everything else (a change, not an addition) is a new major version,
 *   which old plugins do not load in; they must be rebuilt.
 * - struct_size is the size of the struct as the side that filled it was
 *   compiled; the host refuses a struct_size smaller than the 1.0 struct.
 *   Reserved fields are 0 when written and ignored when read.
 * - 1.1 added: soma_host.get_extension, soma_plugin_entry.get_extension, the
 *   host extension SOMA_EXT_REGIONS ("soma.regions/1": soma_host_regions,
 *   soma_region_info, soma_side, soma_layer), and, for the source only (they
 *   never cross the boundary), the SOMA_MAX_* limits and the
 *   SOMA_PLUGIN_ENTRY_HEADER macros. A 1.0 source that spells out its entry
 *   still builds against 1.1; -Wextra then warns that get_extension has no
 *   initialiser: add NULL, or use SOMA_PLUGIN_ENTRY_HEADER.
 * - 1.2 added: soma_tension_map.resource and soma_tension_map.tension (the
 *   regions a therapist chose, handed only to plugins whose abi_minor is 2
 *   or more, see above), and the host extension SOMA_EXT_REGION_NEIGHBOURS
 *   ("soma.region_neighbours/1": soma_host_region_neighbours), which a host
 *   offers to every plugin that asks, whatever its abi_minor.
 * - 1.3 added: SOMA_PULSE_BREATH, a soma_highlight.pulse_hz that follows the
 *   session's breath instead of a clock of its own (an older host refuses
 *   it as a bad pulse: a plugin that uses it says abi_minor 3); the pose
 *   ids "seated_look_left", "seated_look_right", "seated_hands_chest_belly"
 *   and "seated_hands_head" (an older host refuses them as unknown poses);
 *   and the host extension SOMA_EXT_REGION_PHRASE ("soma.region_phrase/1":
 *   soma_host_region_phrase), offered to every plugin that asks, whatever
 *   its abi_minor.
 * - Host extensions that came after 1.3 without a minor of their own (a
 *   plugin finds them with get_extension, which 1.1 has, and a host that
 *   lacks one answers NULL): SOMA_EXT_RECORDING ("soma.recording/1":
 *   soma_host_recording), offered to every plugin that asks, whatever its
 *   abi_minor.
 */
#ifndef SOMA_PLUGIN_H
#define SOMA_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOMA_PLUGIN_ABI_MAJOR 1
#define SOMA_PLUGIN_ABI_MINOR 3

/* The name of the one exported symbol (a const soma_plugin_entry). */
#define SOMA_PLUGIN_ENTRY_NAME "soma_entry"

#if defined(_WIN32)
#define SOMA_PLUGIN_EXPORT __declspec(dllexport)
#else
#define SOMA_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Whether a sized struct, as the other side filled it, has a field: for
 * fields (and host functions) added after 1.0.
 *     if (SOMA_STRUCT_HAS(host, soma_host, get_extension)) ... */
#define SOMA_STRUCT_HAS(ptr, type, field) \
    ((size_t)(ptr)->struct_size >= offsetof(type, field) + sizeof(((const type*)0)->field))

/* The LIMITS above, as this header has them (see there for what each
 * bounds; a later minor may raise one, never lower it). Plain integer and
 * double constants, usable in C and C++ alike. */
#define SOMA_MAX_ID_BYTES 64             /* exercise, step and variant ids, mark names, language tags */
#define SOMA_MAX_TEXT_BYTES 4096         /* titles, summaries, report_error and log messages */
#define SOMA_MAX_NARRATION_BYTES 65536   /* one step's narration, all its speak() calls joined */
#define SOMA_MAX_STEPS 2000              /* steps in a session, inserted ones included */
#define SOMA_MAX_HIGHLIGHTS_PER_STEP 256
#define SOMA_MAX_PAUSE_SEC 600.0         /* pause(), and a <break time=""/> in narration */
#define SOMA_MAX_BREATH_PHASE_SEC 60.0   /* each of inhale, hold_in, exhale, hold_out */
#define SOMA_MAX_BREATH_CYCLES 10000     /* soma_breath_pattern.cycles */
#define SOMA_MIN_BREATH_CYCLE_SEC 1.0    /* inhale_sec + exhale_sec, at least (since 1.1) */
#define SOMA_MAX_AT_SEC 6000.0           /* soma_highlight.at_sec */
#define SOMA_MAX_FADE_SEC 600.0          /* soma_highlight.fade_in_sec and fade_out_sec */
#define SOMA_MAX_HOLD_SEC 600.0          /* soma_highlight.hold_sec (< 0: until the step ends) */
#define SOMA_MAX_PULSE_HZ 0.5            /* soma_highlight.pulse_hz: slower than breath, never a flash */
#define SOMA_MAX_ENTRY_LIST 64           /* entries in each list of the entry, its terminator not counted */
#define SOMA_MAX_VARIANT_MINUTES 600.0   /* soma_variant.minutes, which must also be > 0 */

/* Result codes: 0 is success, everything else a reason. A plugin may
 * return any of these; an unknown non-zero code counts as
 * SOMA_ERROR_FAILED. Later minors may add codes the host returns: a plugin
 * treats every non-zero code as a failure. */
typedef int32_t soma_result;
#define SOMA_OK 0
#define SOMA_ERROR_INVALID_ARGUMENT 1 /* a value the host refused (see the host's message) */
#define SOMA_ERROR_FAILED 2           /* the plugin could not do what was asked */
#define SOMA_ERROR_UNSUPPORTED 3      /* language, variant or option not offered */
#define SOMA_ERROR_EXCEPTION 4        /* C++ code threw; the SDK helper caught it */
#define SOMA_ERROR_WRONG_STATE 5      /* a host call out of order (speak outside a step, ...) */

/* Log levels for soma_host.log; an unknown level is shown as an error. */
typedef int32_t soma_log_level;
#define SOMA_LOG_DEBUG 0
#define SOMA_LOG_INFO 1
#define SOMA_LOG_WARN 2
#define SOMA_LOG_ERROR 3

/* Event types for on_event. The host sends a plugin only the types of its
 * abi_minor; a plugin still returns SOMA_OK for a type it does not know. */
typedef uint32_t soma_event_type;
#define SOMA_EVENT_STEP_STARTED 1
#define SOMA_EVENT_STEP_ENDED 2
#define SOMA_EVENT_PAUSED 3
#define SOMA_EVENT_RESUMED 4
#define SOMA_EVENT_GROUNDING 5 /* the person took the grounding way out */

/* A text in one language. Lists of them end with {NULL, NULL}. Never grows. */
typedef struct soma_text {
    const char* lang; /* BCP-47 tag: "nl", "en", "nl-BE" */
    const char* text; /* UTF-8 */
} soma_text;

/* A variant of the exercise. Lists end with {NULL, 0}. Never grows. */
typedef struct soma_variant {
    const char* id;  /* "short", "long": 1-SOMA_MAX_ID_BYTES bytes of [a-z0-9_-] */
    double minutes;  /* intended length, for listings: 0 < minutes <= SOMA_MAX_VARIANT_MINUTES */
} soma_variant;

/* One region of the client's tension map, as a therapist rated it. Built by
 * the host; a later minor may add fields at the end (see rating_size). */
typedef struct soma_tension_rating {
    const char* region; /* atlas id ("shoulder_left"); never NULL; may be an
                           id this plugin does not know: check with region_name */
    int32_t rating;     /* 0 (none) .. 10 (most) */
    int32_t reserved;   /* 0 */
    const char* note;   /* UTF-8, "" when there is none; never NULL */
    int64_t timestamp;  /* when it was rated, seconds since the Unix epoch */
} soma_tension_rating;

/* The client's tension map. Elements are rating_size bytes apart (so the
 * rating struct can grow); index with soma_tension_map_at(), never with
 * ratings[i]. Owned by the host, valid until the call that got it returns.
 * struct_size is the size the host built it with, never more than the
 * plugin's abi_minor knows (see VERSIONS): a 1.0 or 1.1 plugin gets a map
 * that ends at ratings. */
typedef struct soma_tension_map {
    uint32_t struct_size;
    uint32_t count;
    uint32_t rating_size; /* sizeof(soma_tension_rating) as the host built it; >= the 1.0 size */
    uint32_t reserved;    /* 0 */
    const soma_tension_rating* ratings;

    /* --- 1.2: only in a map handed to a plugin whose abi_minor is 2 or
     * more; check SOMA_STRUCT_HAS(map, soma_tension_map, tension) first ---
     * The regions the therapist chose for this client in the map file
     * (docs/tension-maps.md): atlas ids, or "" when they chose none; never
     * NULL. The host checked them when it read the file: a known id each,
     * the resource on the surface (never an internal region), and the two
     * neither the same region nor neighbours. An exercise that works with
     * an easy place and a place of tension takes these over its own choice;
     * others ignore them. */
    const char* resource; /* a place that feels neutral or good ("hand_right") */
    const char* tension;  /* the place to work with ("shoulder_left") */
} soma_tension_map;

static inline const soma_tension_rating* soma_tension_map_at(const soma_tension_map* map, uint32_t index) {
    return (const soma_tension_rating*)(const void*)((const char*)(const void*)map->ratings +
                                                     (size_t)index * map->rating_size);
}

/* A highlight on a region. Fill it with soma_highlight_init() first, so the
 * fields of later minors get their defaults; the host checks every field. */
typedef struct soma_highlight {
    uint32_t struct_size;
    uint32_t reserved;    /* 0 */
    const char* region;   /* atlas id; unknown ids are refused with the nearest valid ones */
    const char* mark;     /* start on this <mark name=""/> of the step's narration, or NULL/"" */
    double at_sec;        /* ... at this offset from the step's start (0..SOMA_MAX_AT_SEC) when mark is empty */
    float intensity;      /* 0..1 */
    float color[3];       /* linear RGB, each 0..1 */
    double fade_in_sec;   /* 0..SOMA_MAX_FADE_SEC */
    double hold_sec;      /* 0..SOMA_MAX_HOLD_SEC, or < 0 (exactly -1 by convention): until the step ends */
    double fade_out_sec;  /* 0..SOMA_MAX_FADE_SEC */
    double pulse_hz;      /* 0 (steady) .. SOMA_MAX_PULSE_HZ; faster is refused (no flashing);
                             or < 0 (exactly SOMA_PULSE_BREATH by convention, since 1.3): with
                             the breath, fullest as an in-breath fills, softest when it is out */
} soma_highlight;

/* soma_highlight.pulse_hz (since 1.3): the glow follows the session's own
 * breath cycles, whatever the rhythm. A plugin cannot time this itself: it
 * knows a step's offsets, not where the breath cycles fall in it. */
#define SOMA_PULSE_BREATH (-1.0)

static inline void soma_highlight_init(soma_highlight* h) {
    h->struct_size = (uint32_t)sizeof(soma_highlight);
    h->reserved = 0;
    h->region = NULL;
    h->mark = NULL;
    h->at_sec = 0.0;
    h->intensity = 1.0f;
    h->color[0] = 1.0f;
    h->color[1] = 0.72f;
    h->color[2] = 0.45f;
    h->fade_in_sec = 1.5;
    h->hold_sec = -1.0;
    h->fade_out_sec = 2.0;
    h->pulse_hz = 0.0;
}

/* A breath pattern, in seconds. cycles = 0: for as long as the step lasts.
 * Fill it with soma_breath_pattern_init() first (fields of later minors get
 * their defaults), or set struct_size to sizeof(soma_breath_pattern). */
typedef struct soma_breath_pattern {
    uint32_t struct_size;
    int32_t cycles;       /* 0..SOMA_MAX_BREATH_CYCLES */
    double inhale_sec;    /* > 0, at most SOMA_MAX_BREATH_PHASE_SEC */
    double hold_in_sec;   /* >= 0, at most SOMA_MAX_BREATH_PHASE_SEC */
    double exhale_sec;    /* > 0, at most SOMA_MAX_BREATH_PHASE_SEC */
    double hold_out_sec;  /* >= 0, at most SOMA_MAX_BREATH_PHASE_SEC */
} soma_breath_pattern;

/* An easy rhythm to start from: in 4 s, out 6 s, while the step lasts. */
static inline void soma_breath_pattern_init(soma_breath_pattern* b) {
    b->struct_size = (uint32_t)sizeof(soma_breath_pattern);
    b->cycles = 0;
    b->inhale_sec = 4.0;
    b->hold_in_sec = 0.0;
    b->exhale_sec = 6.0;
    b->hold_out_sec = 0.0;
}

/* What happened, for on_event. Built by the host; valid during the call. */
typedef struct soma_event {
    uint32_t struct_size;
    soma_event_type type;
    int64_t time_samples; /* session time of the event, in samples at sample_rate */
    int32_t sample_rate;  /* Hz (48000) */
    int32_t step_index;   /* the step that started/ended or was running; -1 if none */
    const char* step_id;  /* its id, "" if none; never NULL */
} soma_event;

/*
 * The host, as a plugin sees it: a function table with a context pointer.
 * Every function takes the soma_host it came from as its first argument,
 * and every function the host's struct_size covers is set (never NULL).
 * [plugin thread] All of them: only inside the build/on_event call that
 * received this soma_host, on that call's thread; the pointer is invalid
 * once the call returns, so a plugin never keeps it. Each function's
 * second tag says in which of those calls it may be used.
 * Strings the host returns are owned by the host and valid until that call
 * returns (region_name's answer: until the next region_name call or the
 * call's end, whichever comes first); strings and structs the plugin
 * passes are copied before the function returns.
 * Functions returning soma_result return SOMA_OK, or a failure code after
 * the host has recorded a message naming the plugin and the problem; the
 * build (or the event's changes) then fails as a whole, whatever the
 * plugin returns.
 */
typedef struct soma_host soma_host;
struct soma_host {
    uint32_t struct_size; /* sizeof(soma_host) as the host was built: which functions exist */
    uint32_t abi_minor;   /* the host's SOMA_PLUGIN_ABI_MINOR (its major is always the plugin's) */
    void* host_data;      /* the host's own; plugins must not touch it */

    /* --- information; these never fail --- */
    /* [plugin thread][build, on_event] The session's language (BCP-47, one
     * of the entry's languages) and variant id (one of the entry's
     * variants). Never NULL. */
    const char* (*language)(const soma_host* host);
    const char* (*variant)(const soma_host* host);
    /* [plugin thread][build, on_event]
     * The breaths-per-minute option, or 0 when the person chose none (use
     * the exercise's default). Finite and >= 0; the plugin decides which
     * range it offers and refuses others with SOMA_ERROR_UNSUPPORTED. */
    double (*breaths_per_minute)(const soma_host* host);
    /* [plugin thread][build, on_event] The client's tension map, or NULL
     * when there is none. */
    const soma_tension_map* (*tension_map)(const soma_host* host);
    /* [plugin thread][build, on_event]
     * The name of an atlas region in the session's language, to be spoken
     * ("linkerschouder", "left shoulder"; reads after "je"/"your"); NULL
     * for an unknown id. */
    const char* (*region_name)(const soma_host* host, const char* region_id);
    /* [plugin thread][build, on_event] Session time in samples: the
     * event's time inside on_event, 0 inside build. Deterministic: never
     * the wall clock. */
    int64_t (*clock)(const soma_host* host);

    /* --- building steps (build, and on_event to insert) --- */
    /* [plugin thread][build, on_event]
     * Opens a step. id: 1-SOMA_MAX_ID_BYTES bytes of [a-z0-9_-], unique in
     * the session (inserted steps too). Inside on_event the step is
     * inserted after the current step (after earlier inserts of the same
     * call). SOMA_ERROR_WRONG_STATE while a step is open. */
    soma_result (*begin_step)(const soma_host* host, const char* step_id);
    /* [plugin thread][build, on_event]
     * Adds narration to the open step, in the session's language: UTF-8
     * text with <mark name="word"/> and <break time="2s"/> (or "500ms")
     * tags and no others, at most SOMA_MAX_NARRATION_BYTES per step.
     * Several calls are joined by a space. */
    soma_result (*speak)(const soma_host* host, const char* ssml);
    /* [plugin thread][build, on_event] Adds a highlight to the open step.
     * Its mark (if any) must be in the step's narration by end_step. */
    soma_result (*highlight)(const soma_host* host, const soma_highlight* highlight);
    /* [plugin thread][build, on_event] Sets the breath pattern from the
     * open step on. */
    soma_result (*breath)(const soma_host* host, const soma_breath_pattern* pattern);
    /* [plugin thread][build, on_event] Pose from the open step on:
     * "supine", "constructive_rest", "seated", "standing", and (since
     * 1.3) the seated variants on the same chair: "seated_look_left",
     * "seated_look_right" (head and neck turned to the client's own
     * side), "seated_hands_chest_belly" (right palm on the sternum, left
     * below the navel), "seated_hands_head" (right palm on the forehead,
     * left on the back of the head). */
    soma_result (*pose)(const soma_host* host, const char* pose_id);
    /* [plugin thread][build, on_event] Camera preset: "whole_body",
     * "torso", "head_shoulders", "pelvis_legs". */
    soma_result (*camera)(const soma_host* host, const char* preset_id);
    /* [plugin thread][build, on_event] Ambience: "brown-noise", "waves",
     * "none". */
    soma_result (*ambience)(const soma_host* host, const char* ambience_id);
    /* [plugin thread][build, on_event] Breath-pacing tones on (1) or off
     * (0) from the open step on. */
    soma_result (*pacer)(const soma_host* host, int32_t on);
    /* [plugin thread][build, on_event] Quiet after the open step's
     * narration, seconds (0..SOMA_MAX_PAUSE_SEC). */
    soma_result (*pause)(const soma_host* host, double seconds);
    /* [plugin thread][build, on_event]
     * Closes the open step; checks that every highlight's mark is in its
     * narration. A build or on_event that returns with a step still open
     * fails (SOMA_ERROR_WRONG_STATE). */
    soma_result (*end_step)(const soma_host* host);

    /* --- while running (on_event only; SOMA_ERROR_WRONG_STATE in build) --- */
    /* [plugin thread][on_event] Removes a step that has not started yet
     * (the sequencer refuses, and logs, the removal of one that has). */
    soma_result (*remove_step)(const soma_host* host, const char* step_id);

    /* --- failure and logging; these never fail --- */
    /* [plugin thread][build, on_event]
     * Records why the plugin is about to return a failure code; the host
     * shows it with the plugin's path. The last message wins. UTF-8, at
     * most SOMA_MAX_TEXT_BYTES (an unreadable one is replaced by a note
     * saying so). */
    void (*report_error)(const soma_host* host, const char* message);
    /* [plugin thread][build, on_event] A log line, shown with the
     * plugin's id. Same limits as report_error. */
    void (*log)(const soma_host* host, soma_log_level level, const char* message);

    /* --- 1.1: before calling it in a plugin whose abi_minor is 0, check
     * SOMA_STRUCT_HAS(host, soma_host, get_extension) --- */
    /* [plugin thread][build, on_event] The host's table for an extension
     * id ("soma.regions/1", see EXTENSIONS at the top), to be cast to that
     * id's type, or NULL when this host does not offer it. Never fails: an
     * unknown or malformed id gives NULL and fails nothing. The table is
     * static data of the host, valid and unchanged while the library is
     * loaded; its functions still take the current call's soma_host. */
    const void* (*get_extension)(const soma_host* host, const char* id);

    /* Later minors add functions here, and only here. */
};

/*
 * Host extension "soma.regions/1" (SOMA_EXT_REGIONS): the regions of the
 * host's body atlas, the ids a highlight or a tension map may name, with
 * what the atlas knows of each. For choosing regions by what they are
 * (keep to the surface, pick the other side) instead of by a list of ids
 * written into the plugin. Frozen with its id, soma_region_info included.
 */
#define SOMA_EXT_REGIONS "soma.regions/1"

/* The side of the body a region is on, from the CLIENT's own point of view
 * (their own left, whatever a camera shows). 0 is never a side. */
typedef uint32_t soma_side;
#define SOMA_SIDE_LEFT 1
#define SOMA_SIDE_RIGHT 2
#define SOMA_SIDE_CENTER 3 /* on the midline (belly, spine), or both sides at once (eyes) */

/* Where a region lies. 0 is never a layer. */
typedef uint32_t soma_layer;
#define SOMA_LAYER_SURFACE 1  /* the skin: a part of the figure's surface */
#define SOMA_LAYER_INTERNAL 2 /* inside the body (diaphragm, psoas, lungs, spine) */

/* One region, as soma_host_regions.get fills it. Fill struct_size with
 * soma_region_info_init() first. */
typedef struct soma_region_info {
    uint32_t struct_size; /* in: sizeof(soma_region_info) or more; out: the bytes the host filled */
    uint32_t reserved;    /* 0 */
    const char* id;       /* the atlas id ("psoas_left"), stable forever */
    const char* name;     /* in the session's language, to be spoken, as region_name gives it */
    soma_side side;       /* SOMA_SIDE_* */
    soma_layer layer;     /* SOMA_LAYER_* */
} soma_region_info;

static inline void soma_region_info_init(soma_region_info* r) {
    r->struct_size = (uint32_t)sizeof(soma_region_info);
    r->reserved = 0;
    r->id = NULL;
    r->name = NULL;
    r->side = 0;
    r->layer = 0;
}

/* The table host->get_extension(host, SOMA_EXT_REGIONS) returns. */
typedef struct soma_host_regions {
    uint32_t struct_size; /* sizeof(soma_host_regions) */
    uint32_t reserved;    /* 0 */
    /* [plugin thread][build, on_event] How many regions the atlas has:
     * the same all through one host, and never fewer in a later Soma (ids
     * are only ever added). Never fails. */
    uint32_t (*count)(const soma_host* host);
    /* [plugin thread][build, on_event] Fills *out with region index (0 ..
     * count - 1; the atlas's fixed order, but keep ids, not indices). It
     * writes sizeof(soma_region_info) bytes and no more, even when
     * out->struct_size says there is room, and sets out->struct_size to
     * that. Strings are owned by the host and valid until the call that
     * received host returns. SOMA_ERROR_INVALID_ARGUMENT, which
     * fails the build (or the event's changes) like any refused host call,
     * for an index past the end, a NULL out, or a struct_size smaller than
     * soma_region_info's. */
    soma_result (*get)(const soma_host* host, uint32_t index, soma_region_info* out);
} soma_host_regions;

/*
 * Host extension "soma.region_neighbours/1" (SOMA_EXT_REGION_NEIGHBOURS,
 * since 1.2): which regions of the atlas border on each other in the body
 * (skin that meets, or an inner part and the surface it lies under: the
 * neck and a shoulder, a hand and its forearm, the psoas and the lower
 * back). For keeping two places apart, as pendulation keeps its easy place
 * away from the tension, without a table of anatomy in every plugin. The
 * host offers it to every plugin that asks, whatever its abi_minor. Frozen
 * with its id.
 */
#define SOMA_EXT_REGION_NEIGHBOURS "soma.region_neighbours/1"

/* The table host->get_extension(host, SOMA_EXT_REGION_NEIGHBOURS) returns. */
typedef struct soma_host_region_neighbours {
    uint32_t struct_size; /* sizeof(soma_host_region_neighbours) */
    uint32_t reserved;    /* 0 */
    /* [plugin thread][build, on_event] 1 when regions a and b border on
     * each other, 0 when they do not. Symmetric (adjacent(a, b) ==
     * adjacent(b, a)); a region is not its own neighbour (0), and an id the
     * atlas does not know, or NULL, borders on nothing (0). The same
     * answers all through one host. Never fails. */
    int32_t (*adjacent)(const soma_host* host, const char* a, const char* b);
} soma_host_region_neighbours;

/*
 * Host extension "soma.region_phrase/1" (SOMA_EXT_REGION_PHRASE, since
 * 1.3): a region as narration names it, with the person's own possessive,
 * in the session's language: "je linkerschouder", "your left shoulder",
 * and where a name does not read after "je"/"your", the phrase that does:
 * "de kruin van je hoofd", "the crown of your head". For sentences built
 * around a region a plugin did not know when it was written ("Let your
 * attention rest in {phrase}."). The host offers it to every plugin that
 * asks, whatever its abi_minor. Frozen with its id.
 */
#define SOMA_EXT_REGION_PHRASE "soma.region_phrase/1"

/* The table host->get_extension(host, SOMA_EXT_REGION_PHRASE) returns. */
typedef struct soma_host_region_phrase {
    uint32_t struct_size; /* sizeof(soma_host_region_phrase) */
    uint32_t reserved;    /* 0 */
    /* [plugin thread][build, on_event] The phrase for region_id, lower
     * case, to be spoken mid-sentence; NULL for an unknown id or NULL.
     * Owned by the host: valid until the next phrase or region_name call,
     * or the end of the call that received host, whichever comes first.
     * Never fails. */
    const char* (*phrase)(const soma_host* host, const char* region_id);
} soma_host_region_phrase;

/*
 * Host extension "soma.recording/1" (SOMA_EXT_RECORDING, after 1.3): a
 * step spoken by a recording instead of the built-in voice, as script
 * exercises have it. Either the person's own (they record a step once, and
 * Soma finds it in their recordings folder under the step's name:
 * docs/plugins.md, "Recorded narration"), or one the plugin ships beside
 * its library. The host offers it to every plugin that asks, whatever its
 * abi_minor. Frozen with its id.
 */
#define SOMA_EXT_RECORDING "soma.recording/1"

/* The table host->get_extension(host, SOMA_EXT_RECORDING) returns. */
typedef struct soma_host_recording {
    uint32_t struct_size; /* sizeof(soma_host_recording) */
    uint32_t reserved;    /* 0 */
    /* [plugin thread][build, on_event] The name the person's own recording
     * of the open step is filed under: 1-SOMA_MAX_ID_BYTES bytes of
     * [a-z0-9_-], like a step id; without it, the step id. Steps that say
     * the same words share one name, so the person records them once (a
     * sentence that returns each cycle), and a step whose id carries a
     * counter keeps one stable name. Steps that say different words keep
     * different names. The last call for a step wins. SOMA_ERROR_WRONG_STATE
     * without an open step; SOMA_ERROR_INVALID_ARGUMENT for a NULL or bad
     * name. Either fails the build (or the event's changes) like any
     * refused host call. */
    soma_result (*slot)(const soma_host* host, const char* name);
    /* [plugin thread][build, on_event] The open step is spoken by a
     * recording the plugin ships, in the session's language: audio (WAV,
     * FLAC or Ogg) and its marks file (WebVTT or Audacity labels), UTF-8
     * paths relative to the folder of the plugin's library, or absolute, at
     * most SOMA_MAX_TEXT_BYTES each; marks may be NULL (no words, no
     * marks). The step's narration stays required: it is the fallback when
     * a file cannot be used (missing, unreadable, or without a mark one of
     * the step's highlights starts on: the host logs one error naming the
     * file, and the session goes on with the built-in voice), and its text
     * is what the captions show then. Exactly what a script step's
     * [step.recording] does; it comes before the person's own recording.
     * The files are read when the session is built, not here, so a missing
     * file fails nothing. The last call for a step wins.
     * SOMA_ERROR_WRONG_STATE without an open step;
     * SOMA_ERROR_INVALID_ARGUMENT for a NULL, empty or unreadable audio
     * path or an unreadable marks path. */
    soma_result (*file)(const soma_host* host, const char* audio, const char* marks);
} soma_host_recording;

/*
 * The one exported symbol. All pointers point to static data of the plugin,
 * valid and unchanged while the library is loaded. The host reads the first
 * three fields before anything else and nothing beyond struct_size.
 */
typedef struct soma_plugin_entry {
    uint32_t abi_major;   /* SOMA_PLUGIN_ABI_MAJOR of the header the plugin was built with */
    uint32_t abi_minor;   /* SOMA_PLUGIN_ABI_MINOR, or the oldest minor it needs (see "Versions") */
    uint32_t struct_size; /* sizeof(soma_plugin_entry) as the plugin saw it */
    uint32_t reserved;    /* 0 */

    /* Stable, unique id of the exercise: 1-SOMA_MAX_ID_BYTES bytes of [a-z0-9-]. */
    const char* id;
    /* Titles and one-sentence summaries per language, ending with {NULL,
     * NULL}. At least one title; summaries may be NULL. */
    const soma_text* titles;
    const soma_text* summaries;
    /* The languages the plugin narrates (BCP-47), ending with NULL; at least one. */
    const char* const* languages;
    /* The variants, ending with {NULL, 0}; at least one. */
    const soma_variant* variants;

    /* Required. [host: any thread, never the audio thread][loaded]
     * Builds the session for host->language() and host->variant(). Returns
     * SOMA_OK with at least one step, or a failure code after
     * host->report_error. Must not keep the host pointer. */
    soma_result (*build)(const soma_host* host);

    /* Optional (NULL: the plugin does not react).
     * [host: any thread, never the audio thread][session] Called while a
     * session of the latest build runs; may insert and remove future steps
     * through host. Must be deterministic (see the top of this file).
     * Returns SOMA_OK, or a failure code after host->report_error (then
     * none of this call's changes apply). */
    soma_result (*on_event)(const soma_host* host, const soma_event* event);

    /* --- 1.1 --- */
    /* Optional (NULL: the plugin offers none).
     * [host: any thread, never the audio thread][loaded] The plugin's table
     * for an extension id the host asks for ("vendor.name/N", see
     * EXTENSIONS at the top), or NULL when it offers none by that id.
     * Static, const data of the plugin, valid while the library is loaded;
     * cheap, deterministic, and with no host to call (it gets none). The
     * host reads this field only when the entry's struct_size covers it,
     * so a 1.0 entry never has it looked at. */
    const void* (*get_extension)(const char* id);

    /* Later minors add fields here, and only here. */
} soma_plugin_entry;

/* The entry's first four fields (the version, the entry's size, the
 * reserved 0), for C11 and C++17 alike (no designated initialisers):
 *     SOMA_PLUGIN_ENTRY = { SOMA_PLUGIN_ENTRY_HEADER, "my-exercise", titles,
 *                           summaries, languages, variants, build, on_event,
 *                           get_extension };
 * SOMA_PLUGIN_ENTRY_HEADER says the plugin needs this header's minor. A
 * plugin that should load in older 1.x hosts too names the oldest minor it
 * needs, and checks for anything newer before it uses it (see VERSIONS):
 *     SOMA_PLUGIN_ENTRY = { SOMA_PLUGIN_ENTRY_HEADER_NEEDS(0), "my-exercise", ... };
 * Either way struct_size is this header's sizeof(soma_plugin_entry). */
#define SOMA_PLUGIN_ENTRY_HEADER_NEEDS(minor) \
    SOMA_PLUGIN_ABI_MAJOR, (uint32_t)(minor), (uint32_t)sizeof(soma_plugin_entry), 0
#define SOMA_PLUGIN_ENTRY_HEADER SOMA_PLUGIN_ENTRY_HEADER_NEEDS(SOMA_PLUGIN_ABI_MINOR)

/* Defines the exported entry, in C and in C++ (see SOMA_PLUGIN_ENTRY_HEADER). */
#ifdef __cplusplus
#define SOMA_PLUGIN_ENTRY extern "C" SOMA_PLUGIN_EXPORT const soma_plugin_entry soma_entry
#else
#define SOMA_PLUGIN_ENTRY SOMA_PLUGIN_EXPORT const soma_plugin_entry soma_entry
#endif

#ifdef __cplusplus
}
#endif

#endif /* SOMA_PLUGIN_H */
