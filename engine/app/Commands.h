// app/Commands: the options and entry points of `soma doctor` and `soma
// bench`, which their own files register (app/CommandRegistry.h) and the
// bench's child process calls again. app/ is the program's modes; it may
// use every engine module, and nothing depends on it.
#pragma once

#include <string>

namespace soma::app {

struct DoctorOptions {
    bool json = false;
};
int doctor(const DoctorOptions& opt);

struct BenchOptions {
    bool json = false;
    int frames = 300;
    int width = 1280;
    int height = 720;
    bool startProbe = false; // internal: the child process that start_ms times
};
int bench(const BenchOptions& opt);

} // namespace soma::app
