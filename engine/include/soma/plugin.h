/*
 * soma/plugin.h: the C ABI between the Soma host and native exercise plugins.
 *
 * Plain C11, also valid C++17/C++20, with no C++ types, no exceptions and
 * fixed-size integers for every enum. Depends on <stddef.h> and <stdint.h>
 * only. Must never grow a dependency on the engine's C++ headers.
 *
 * A plugin is a shared library that exports exactly one symbol: the DATA
 * object SOMA_PLUGIN_ENTRY_NAME ("soma_entry"), a const soma_plugin_entry.
 * It is data, not a function, so that the host can read the ABI version
 * before ANY plugin function runs (the CLAP rule): another major version,
 * or a newer minor than the host's, is refused without calling anything.
 *
 * How a session is made: the host calls entry->build(host) with a function
 * table (soma_host) that collects steps: begin_step, speak, highlight,
 * breath, pose, camera, ambience, pacer, pause, end_step. The host checks
 * every value it is handed (region ids, times, intensities, strings) and
 * refuses nonsense with a failure code and a message; a refused call also
 * fails the whole build, so a plugin that ignores return codes still ends
 * with a clear error instead of a broken session.
 *
 * While a session runs: entry->on_event (optional) is called when a step
 * starts or ends, when the person pauses, resumes or takes the grounding
 * way out. Through the same host table it may insert new steps after the
 * current one and remove steps that have not started: only the FUTURE
 * changes. The host logs every event and every change with its sample time,
 * and an export replays that log, so on_event must be deterministic: the
 * same options and the same events in the same order must make the same
 * changes (no wall clock, no random numbers without a fixed seed).
 *
 * Threads: the host calls build and on_event from one thread at a time
 * (never concurrently for one plugin), and never from the audio thread.
 * Host functions may only be called from inside the build/on_event call
 * that received the soma_host, on that thread.
 *
 * Growth: structs that cross the boundary start with struct_size (or the
 * entry's abi_minor says which fields exist); the host reads only what the
 * plugin's struct_size covers and uses defaults for the rest. New
 * capabilities are new fields at the END of a struct, never a change.
 *
 * Status: ABI 0.x, may still change until the plugin issue is resolved;
 * from 1.0 on it is frozen and only grows.
 */
#ifndef SOMA_PLUGIN_H
#define SOMA_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOMA_PLUGIN_ABI_MAJOR 0
#define SOMA_PLUGIN_ABI_MINOR 2

/* The name of the one exported symbol (a const soma_plugin_entry). */
#define SOMA_PLUGIN_ENTRY_NAME "soma_entry"

#if defined(_WIN32)
#define SOMA_PLUGIN_EXPORT __declspec(dllexport)
#else
#define SOMA_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Result codes: 0 is success, everything else a reason. */
typedef int32_t soma_result;
#define SOMA_OK 0
#define SOMA_ERROR_INVALID_ARGUMENT 1 /* a value the host refused (see the host's message) */
#define SOMA_ERROR_FAILED 2           /* the plugin could not do what was asked */
#define SOMA_ERROR_UNSUPPORTED 3      /* language, variant or option not offered */
#define SOMA_ERROR_EXCEPTION 4        /* C++ code threw; the SDK helper caught it */
#define SOMA_ERROR_WRONG_STATE 5      /* a host call out of order (speak outside a step, ...) */

/* Log levels for soma_host.log. */
typedef int32_t soma_log_level;
#define SOMA_LOG_DEBUG 0
#define SOMA_LOG_INFO 1
#define SOMA_LOG_WARN 2
#define SOMA_LOG_ERROR 3

/* Event types for on_event. */
typedef uint32_t soma_event_type;
#define SOMA_EVENT_STEP_STARTED 1
#define SOMA_EVENT_STEP_ENDED 2
#define SOMA_EVENT_PAUSED 3
#define SOMA_EVENT_RESUMED 4
#define SOMA_EVENT_GROUNDING 5 /* the person took the grounding way out */

/* A text in one language. Lists of them end with {NULL, NULL}. */
typedef struct soma_text {
    const char* lang; /* BCP-47 tag: "nl", "en", "nl-BE" */
    const char* text; /* UTF-8 */
} soma_text;

/* A variant of the exercise. Lists end with {NULL, 0}. */
typedef struct soma_variant {
    const char* id;  /* "short", "long" */
    double minutes;  /* intended length, for listings */
} soma_variant;

/* One region of the client's tension map, as a therapist rated it. */
typedef struct soma_tension_rating {
    const char* region; /* atlas id ("shoulder_left"); never NULL */
    int32_t rating;     /* 0 (none) .. 10 (most) */
    int32_t reserved;   /* 0 */
    const char* note;   /* UTF-8, "" when there is none; never NULL */
    int64_t timestamp;  /* when it was rated, seconds since the Unix epoch */
} soma_tension_rating;

/* The client's tension map. Elements are rating_size bytes apart (so the
 * rating struct can grow); use soma_tension_map_at() to index. */
typedef struct soma_tension_map {
    uint32_t struct_size;
    uint32_t count;
    uint32_t rating_size; /* sizeof(soma_tension_rating) as the host built it */
    uint32_t reserved;
    const soma_tension_rating* ratings;
} soma_tension_map;

static inline const soma_tension_rating* soma_tension_map_at(const soma_tension_map* map, uint32_t index) {
    return (const soma_tension_rating*)(const void*)((const char*)(const void*)map->ratings +
                                                     (size_t)index * map->rating_size);
}

/* A highlight on a region. Fill it with soma_highlight_init() first, so new
 * fields get their defaults; the host checks every field. */
typedef struct soma_highlight {
    uint32_t struct_size;
    uint32_t reserved;
    const char* region;   /* atlas id; unknown ids are refused with the nearest valid ones */
    const char* mark;     /* start on this <mark name=""/> of the step's narration, or NULL/"" */
    double at_sec;        /* ... at this offset from the step's start (>= 0) when mark is empty */
    float intensity;      /* 0..1 */
    float color[3];       /* linear RGB, each 0..1 */
    double fade_in_sec;   /* >= 0 */
    double hold_sec;      /* >= 0, or < 0 (exactly -1 by convention): until the step ends */
    double fade_out_sec;  /* >= 0 */
    double pulse_hz;      /* 0 (steady) .. 0.5; faster is refused (no flashing) */
} soma_highlight;

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

/* A breath pattern, in seconds. cycles = 0: for as long as the step lasts. */
typedef struct soma_breath_pattern {
    uint32_t struct_size;
    int32_t cycles;       /* >= 0 */
    double inhale_sec;    /* > 0 */
    double hold_in_sec;   /* >= 0 */
    double exhale_sec;    /* > 0 */
    double hold_out_sec;  /* >= 0 */
} soma_breath_pattern;

/* What happened, for on_event. */
typedef struct soma_event {
    uint32_t struct_size;
    soma_event_type type;
    int64_t time_samples; /* session time of the event, in samples at sample_rate */
    int32_t sample_rate;  /* Hz (48000) */
    int32_t step_index;   /* the step that started/ended or was running; -1 if none */
    const char* step_id;  /* its id, "" if none; valid during the call */
} soma_event;

/*
 * The host, as a plugin sees it: a function table with a context pointer.
 * Every function takes the soma_host it came from as its first argument.
 * [plugin thread: only inside the build/on_event call that received it]
 * Strings the host returns are owned by the host and valid until that call
 * returns; strings the plugin passes are copied before the function returns.
 * Functions returning soma_result return SOMA_OK, or a failure code after
 * the host has recorded a message naming the plugin and the problem; the
 * build (or the event's changes) then fails as a whole.
 */
typedef struct soma_host soma_host;
struct soma_host {
    uint32_t struct_size;
    uint32_t reserved;
    void* host_data; /* the host's own; plugins must not touch it */

    /* --- information --- */
    /* The session's language (BCP-47) and variant id. Never NULL. */
    const char* (*language)(const soma_host* host);
    const char* (*variant)(const soma_host* host);
    /* The breaths-per-minute option, or 0 when the person chose none (use
     * the exercise's default). */
    double (*breaths_per_minute)(const soma_host* host);
    /* The client's tension map, or NULL when there is none. */
    const soma_tension_map* (*tension_map)(const soma_host* host);
    /* The name of an atlas region in the session's language, to be spoken
     * ("linkerschouder", "left shoulder"; reads after "je"/"your"); NULL
     * for an unknown id. */
    const char* (*region_name)(const soma_host* host, const char* region_id);
    /* Session time in samples: the event's time inside on_event, 0 inside
     * build. Deterministic: never the wall clock. */
    int64_t (*clock)(const soma_host* host);

    /* --- building steps --- */
    /* Opens a step. id: lowercase letters, digits, '_' or '-', at most 64
     * bytes, unique in the session. Inside on_event the step is inserted
     * after the current step (after earlier inserts of the same call). */
    soma_result (*begin_step)(const soma_host* host, const char* step_id);
    /* Adds narration to the open step, in the session's language: UTF-8
     * text with <mark name="word"/> and <break time="2s"/> (or "500ms")
     * tags, at most 64 KiB per step. Several calls are joined by a space. */
    soma_result (*speak)(const soma_host* host, const char* ssml);
    /* Adds a highlight to the open step. Its mark (if any) must be in the
     * step's narration by end_step. */
    soma_result (*highlight)(const soma_host* host, const soma_highlight* highlight);
    /* Sets the breath pattern from the open step on. */
    soma_result (*breath)(const soma_host* host, const soma_breath_pattern* pattern);
    /* Pose from the open step on: "supine", "constructive_rest", "seated", "standing". */
    soma_result (*pose)(const soma_host* host, const char* pose_id);
    /* Camera preset: "whole_body", "torso", "head_shoulders", "pelvis_legs". */
    soma_result (*camera)(const soma_host* host, const char* preset_id);
    /* Ambience: "brown-noise", "waves", "none". */
    soma_result (*ambience)(const soma_host* host, const char* ambience_id);
    /* Breath-pacing tones on (1) or off (0) from the open step on. */
    soma_result (*pacer)(const soma_host* host, int32_t on);
    /* Quiet after the open step's narration, seconds (>= 0, at most 600). */
    soma_result (*pause)(const soma_host* host, double seconds);
    /* Closes the open step. */
    soma_result (*end_step)(const soma_host* host);

    /* --- while running (on_event only; refused inside build) --- */
    /* Removes a step that has not started yet. */
    soma_result (*remove_step)(const soma_host* host, const char* step_id);

    /* --- failure and logging --- */
    /* Records why the plugin is about to return a failure code; the host
     * shows it with the plugin's path. The last message wins. */
    void (*report_error)(const soma_host* host, const char* message);
    /* A log line, shown with the plugin's id. */
    void (*log)(const soma_host* host, soma_log_level level, const char* message);
};

/*
 * The one exported symbol. All pointers point to static data of the plugin,
 * valid while the library is loaded. The host reads the first three fields
 * before anything else.
 */
typedef struct soma_plugin_entry {
    uint32_t abi_major;   /* SOMA_PLUGIN_ABI_MAJOR of the header the plugin was built with */
    uint32_t abi_minor;   /* SOMA_PLUGIN_ABI_MINOR ... */
    uint32_t struct_size; /* sizeof(soma_plugin_entry) as the plugin saw it */
    uint32_t reserved;    /* 0 */

    /* Stable, unique id of the exercise: lowercase letters, digits, '-'. */
    const char* id;
    /* Titles and one-sentence summaries per language, ending with {NULL, NULL}. */
    const soma_text* titles;
    const soma_text* summaries;
    /* The languages the plugin narrates (BCP-47), ending with NULL. */
    const char* const* languages;
    /* The variants, ending with {NULL, 0}. */
    const soma_variant* variants;

    /* Builds the session for host->language() and host->variant().
     * [plugin thread] Returns SOMA_OK, or a failure code after
     * host->report_error. Must not keep the host pointer. */
    soma_result (*build)(const soma_host* host);

    /* Optional (NULL: the plugin does not react). Called while a session
     * of the latest build runs; may insert and remove future steps through
     * host. Must be deterministic (see the top of this file).
     * [plugin thread] Returns SOMA_OK, or a failure code after
     * host->report_error (then none of this call's changes apply). */
    soma_result (*on_event)(const soma_host* host, const soma_event* event);
} soma_plugin_entry;

/* Defines the exported entry, in C and in C++:
 *     SOMA_PLUGIN_ENTRY = { SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR,
 *                           sizeof(soma_plugin_entry), 0, "my-exercise", ... };
 */
#ifdef __cplusplus
#define SOMA_PLUGIN_ENTRY extern "C" SOMA_PLUGIN_EXPORT const soma_plugin_entry soma_entry
#else
#define SOMA_PLUGIN_ENTRY SOMA_PLUGIN_EXPORT const soma_plugin_entry soma_entry
#endif

#ifdef __cplusplus
}
#endif

#endif /* SOMA_PLUGIN_H */
