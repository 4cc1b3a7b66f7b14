// app/: the modes of the one `soma` program. Each subcommand is a function
// taking its parsed options and returning the process exit code. Depends on
// every other module; nothing depends on it.
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
