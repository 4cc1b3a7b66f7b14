// app/Commands: the options and entry points of `soma doctor`, `soma
// bench` and `soma home`, which their own files register (app/CommandRegistry.h) and the
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
    bool stereo = false;     // the stereo frame at headset eye sizes, against one eye
};
int bench(const BenchOptions& opt);

// `soma home`, and `soma` with no arguments where there is a display.
struct HomeOptions {
    std::string exercise;  // in focus first; empty: body-scan
    int fullscreen = -1;   // -1: the setting; 0 windowed; 1 fullscreen
    bool therapist = false; // `soma therapist`: open in therapist mode
};
// The exit status of `soma home` where no window can be opened, so that
// `./dev.sh run` exports a session instead.
constexpr int kNoDisplay = 3;
int home(const HomeOptions& opt);

} // namespace soma::app
