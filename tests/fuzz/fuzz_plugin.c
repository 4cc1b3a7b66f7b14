/* A native plugin whose build and on_event are whatever the fuzzer says:
 * each input is a little program of host calls with arbitrary arguments
 * (NULLs, unterminated and invalid strings, NaN and infinite numbers, odd
 * struct sizes, calls out of order), so fuzz_plugin_boundary tries the
 * host's side of the ABI with everything a plugin could hand it. */
#include <soma/plugin.h>

#include <stdint.h>
#include <string.h>

static const uint8_t* gData;
static size_t gSize, gAt;

SOMA_PLUGIN_EXPORT void fuzz_plugin_set_input(const uint8_t* data, size_t size) {
    gData = data;
    gSize = size;
    gAt = 0;
}

static int more(void) { return gAt < gSize; }
static uint8_t byte(void) { return more() ? gData[gAt++] : 0; }

static uint32_t u32(void) {
    uint32_t v = 0;
    int i;
    for (i = 0; i < 4; ++i) v = (v << 8) | byte();
    return v;
}

static double f64(void) {
    uint64_t bits = 0;
    double d;
    int i;
    for (i = 0; i < 8; ++i) bits = (bits << 8) | byte();
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* Strings live here until the next call; the long tail lets a string run
 * past every limit the host has without leaving the buffer. */
#define kStringRoom (SOMA_MAX_NARRATION_BYTES + 16)
static char gStrings[4][kStringRoom + 1];
static int gNext;

static const char* str(void) {
    char* s = gStrings[gNext++ % 4];
    const uint8_t kind = byte();
    size_t n, i;
    if (kind == 0xff) return NULL;
    if (kind == 0xfe) { /* longer than any limit, terminated only at the very end */
        memset(s, 'a', kStringRoom);
        s[kStringRoom] = 0;
        return s;
    }
    n = kind;
    for (i = 0; i < n && more(); ++i) s[i] = (char)byte();
    s[i] = 0;
    return s;
}

static const char* const kExtensions[] = {SOMA_EXT_REGIONS, SOMA_EXT_REGION_NEIGHBOURS, SOMA_EXT_REGION_PHRASE, SOMA_EXT_RECORDING, "soma.none/1"};

static soma_result run(const soma_host* host) {
    while (more()) {
        switch (byte() % 20) {
        case 0: host->begin_step(host, str()); break;
        case 1: host->speak(host, str()); break;
        case 2: {
            soma_highlight h;
            soma_highlight_init(&h);
            h.struct_size = (byte() & 1) ? u32() % (2 * sizeof h) : (uint32_t)sizeof h;
            h.region = str();
            h.mark = str();
            h.at_sec = f64();
            h.intensity = (float)f64();
            h.fade_in_sec = f64();
            h.hold_sec = f64();
            h.fade_out_sec = f64();
            h.pulse_hz = f64();
            host->highlight(host, (byte() & 7) ? &h : NULL);
            break;
        }
        case 3: {
            soma_breath_pattern b;
            soma_breath_pattern_init(&b);
            b.struct_size = (byte() & 1) ? u32() % (2 * sizeof b) : (uint32_t)sizeof b;
            b.inhale_sec = f64();
            b.hold_in_sec = f64();
            b.exhale_sec = f64();
            b.hold_out_sec = f64();
            b.cycles = (int32_t)u32();
            host->breath(host, (byte() & 7) ? &b : NULL);
            break;
        }
        case 4: host->pose(host, str()); break;
        case 5: host->camera(host, str()); break;
        case 6: host->ambience(host, str()); break;
        case 7: host->pacer(host, (int32_t)u32()); break;
        case 8: host->pause(host, f64()); break;
        case 9: host->end_step(host); break;
        case 10: host->remove_step(host, str()); break;
        case 11: host->report_error(host, str()); break;
        case 12: host->log(host, (soma_log_level)(byte() % 6), str()); break;
        case 13: (void)host->region_name(host, str()); break;
        case 14: {
            const soma_tension_map* m = host->tension_map(host);
            uint32_t i;
            for (i = 0; m && i < m->count; ++i) (void)soma_tension_map_at(m, i)->rating;
            (void)host->language(host);
            (void)host->variant(host);
            (void)host->breaths_per_minute(host);
            (void)host->clock(host);
            break;
        }
        case 15: {
            const uint8_t which = byte();
            const void* ext = host->get_extension(host, which < 5 ? kExtensions[which] : str());
            if (ext && which == 0) {
                const soma_host_regions* r = (const soma_host_regions*)ext;
                soma_region_info info;
                soma_region_info_init(&info);
                info.struct_size = (byte() & 1) ? u32() % (2 * sizeof info) : (uint32_t)sizeof info;
                (void)r->count(host);
                (void)r->get(host, u32() % 128, (byte() & 7) ? &info : NULL);
            } else if (ext && which == 1) {
                (void)((const soma_host_region_neighbours*)ext)->adjacent(host, str(), str());
            } else if (ext && which == 2) {
                (void)((const soma_host_region_phrase*)ext)->phrase(host, str());
            } else if (ext && which == 3) {
                const soma_host_recording* rec = (const soma_host_recording*)ext;
                if (byte() & 1) (void)rec->slot(host, str());
                else (void)rec->file(host, str(), str());
            }
            break;
        }
        case 16: return (soma_result)(int32_t)u32();
        default: break;
        }
    }
    return SOMA_OK;
}

static soma_result build(const soma_host* host) { return run(host); }
static soma_result on_event(const soma_host* host, const soma_event* ev) {
    (void)ev;
    return run(host);
}

static const soma_text kTitles[] = {{"nl", "Fuzz"}, {"en", "Fuzz"}, {NULL, NULL}};
static const char* const kLanguages[] = {"nl", "en", NULL};
static const soma_variant kVariants[] = {{"short", 1.0}, {NULL, 0.0}};

SOMA_PLUGIN_ENTRY = {SOMA_PLUGIN_ABI_MAJOR, SOMA_PLUGIN_ABI_MINOR, sizeof(soma_plugin_entry), 0, "fuzz-plugin", kTitles, NULL,
                     kLanguages, kVariants, build, on_event, NULL};
