/*
 * soma/plugin.h: the C ABI between the Soma host and exercise plugins.
 *
 * Plain C11, also valid C++17/C++20, with no C++ types, no exceptions and
 * fixed-size integers for every enum. A plugin exports exactly one symbol,
 * SOMA_PLUGIN_ENTRY_NAME, a function returning a pointer to a static
 * soma_plugin_entry whose first two fields are the ABI version. The host
 * reads them before it calls anything else: another major version, or a
 * newer minor than the host's, is refused without running plugin code.
 *
 * Status: ABI 0.x, still allowed to change until the plugin issue is
 * resolved; from 1.0 on it is frozen and only grows (new fields at the end
 * of size-carrying structs, new interfaces under new ids).
 */
#ifndef SOMA_PLUGIN_H
#define SOMA_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOMA_PLUGIN_ABI_MAJOR 0
#define SOMA_PLUGIN_ABI_MINOR 1

#define SOMA_PLUGIN_ENTRY_NAME "soma_plugin_entry"

#if defined(_WIN32)
#define SOMA_PLUGIN_EXPORT __declspec(dllexport)
#else
#define SOMA_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Result codes: 0 is success, everything else a reason. */
typedef int32_t soma_result;
#define SOMA_OK 0
#define SOMA_ERROR_INVALID_ARGUMENT 1
#define SOMA_ERROR_FAILED 2

typedef struct soma_plugin_entry {
    /* Must be SOMA_PLUGIN_ABI_MAJOR / _MINOR of the header the plugin was
     * built with. Read by the host before anything else. */
    uint32_t abi_major;
    uint32_t abi_minor;
    /* sizeof(soma_plugin_entry) as the plugin saw it; lets the struct grow. */
    uint32_t struct_size;
    uint32_t reserved;
    /* Stable, unique id of the exercise: lowercase, digits and '-'.
     * Owned by the plugin, valid while it is loaded. */
    const char* id;
} soma_plugin_entry;

/* The one exported symbol.
 * [any thread] Must not allocate or start work: it only returns a pointer
 * to static data that stays valid while the library is loaded. */
typedef const soma_plugin_entry* (*soma_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* SOMA_PLUGIN_H */
