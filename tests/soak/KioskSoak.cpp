// The kiosk's endurance run (issue 16 item 5; docs/benchmarks.md): the real
// Kiosk in an offscreen window with OpenAL Soft's loopback device, driven
// through attract -> cards -> session -> pause -> idle warning -> reset,
// again and again, in fast time (the kiosk's clock is this program's).
// Every cycle renders real frames of every screen and mixes real sound.
// It reports, every `--every` cycles, the resident memory, the open files,
// the threads and the GL objects alive, and at the end how each grew over
// the last 1000 cycles (or the second half of a shorter run).
//
// Not a test (it runs for an hour at a few thousand cycles); built with the
// benchmarks:  build/bin/soma_kiosk_soak [--cycles N] [--every K] [--exercise ID]
#include "live/Kiosk.h"
#include "platform/Window.h"
#include "settings/KioskConfig.h"

#include <glad/gl.h>
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace soma;

struct Sample {
    long cycle = 0;
    double rssMb = 0;  // resident, after the allocator gave back what is free
    double heapMb = 0; // in use on the heap (glibc's own count)
    long files = 0, threads = 0, glObjects = 0;
};

long entries(const char* dir) {
    long n = 0;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++n;
    return n;
}

double rssMb() {
    std::ifstream f("/proc/self/statm");
    long size = 0, resident = 0;
    f >> size >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// GL names alive, of every kind the engine makes: a leak keeps them.
long glObjects() {
    long n = 0;
    for (GLuint id = 1; id < 4096; ++id)
        n += (glIsTexture(id) ? 1 : 0) + (glIsBuffer(id) ? 1 : 0) + (glIsVertexArray(id) ? 1 : 0) + (glIsFramebuffer(id) ? 1 : 0) +
             (glIsRenderbuffer(id) ? 1 : 0) + (glIsProgram(id) ? 1 : 0);
    return n;
}

Sample sample(long cycle) {
    // Free heap pages go back to the system first, so the resident size
    // follows what is alive rather than how the allocator's arenas happen
    // to be fragmented at this moment.
    malloc_trim(0);
    const struct mallinfo2 mi = mallinfo2();
    return {cycle, rssMb(), double(mi.uordblks + mi.hblkhd) / (1024.0 * 1024.0), entries("/proc/self/fd"), entries("/proc/self/task"),
            glObjects()};
}

// Least-squares growth per 1000 cycles of one figure over some samples:
// steadier than the difference of two samples.
template <class F>
double slopePer1000(const std::vector<Sample>& xs, F value) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& s : xs) {
        const double x = double(s.cycle), y = value(s);
        n += 1, sx += x, sy += y, sxx += x * x, sxy += x * y;
    }
    const double d = n * sxx - sx * sx;
    return d > 0 ? (n * sxy - sx * sy) / d * 1000.0 : 0.0;
}

} // namespace

int main(int argc, char** argv) {
    long cycles = 2000, every = 100;
    std::string exercise = "grounding";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--cycles") cycles = std::atol(argv[i + 1]);
        else if (a == "--every") every = std::atol(argv[i + 1]);
        else if (a == "--exercise") exercise = argv[i + 1];
    }
    const fs::path work = fs::temp_directory_path() / ("soma-soak-" + std::to_string(getpid()));
    fs::create_directories(work);
    for (const char* v : {"XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"})
        setenv(v, (work / v).c_str(), 1);
    const fs::path config = work / "kiosk.toml";
    std::ofstream(config) << "languages = [\"nl\", \"en\"]\nanonymous_counts = true\n\n[[exercise]]\nid = \"" << exercise
                          << "\"\nlengths = [\"short\"]\n";
    auto parsed = loadKioskConfig(config);
    if (!parsed.ok()) {
        std::fprintf(stderr, "%s\n", parsed.problems.front().format().c_str());
        return 1;
    }
    WindowDesc wd;
    wd.headless = true;
    auto window = Window::create(wd);
    if (!window) {
        std::fprintf(stderr, "%s\n", window.error().message.c_str());
        return 1;
    }
    double clock = 0;
    KioskDesc d;
    d.config = parsed.config;
    d.audio.audio.loopback = true;
    d.closingSec = 0.2;
    d.clock = [&] { return clock; };
    auto made = Kiosk::create(**window, std::move(d));
    if (!made) {
        std::fprintf(stderr, "%s\n", made.error().message.c_str());
        return 1;
    }
    Kiosk& k = **made;
    std::vector<float> sound(4800 * 2);
    auto frame = [&](double dt) {
        clock += dt;
        if (k.where() == Kiosk::Where::Session && !k.session()->sequencer().paused()) k.audio().render(sound.data(), 4800);
        k.pollInput();
        if (!k.frame()) std::exit(1);
    };
    auto tap = [&](float x, float y) {
        for (Uint32 type : {Uint32(SDL_FINGERDOWN), Uint32(SDL_FINGERUP)}) {
            SDL_Event e{};
            e.type = type;
            e.tfinger.x = x / float((*window)->width());
            e.tfinger.y = y / float((*window)->height());
            SDL_PushEvent(&e);
        }
        frame(0.1);
    };
    auto tapId = [&](const std::string& id) {
        if (const ui::Widget* w = k.screen().find(id)) tap(w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2);
    };
    frame(0.1);
    frame(0.1);
    while (!k.workerIdle()) frame(0.05);
    const KioskConfig& c = parsed.config;
    std::vector<Sample> samples;
    std::printf("cycle\trss_mb\theap_mb\tfiles\tthreads\tgl_objects\n");
    for (long i = 0; i <= cycles; ++i) {
        if (i % every == 0) {
            samples.push_back(sample(i));
            const Sample& s = samples.back();
            std::printf("%ld\t%.1f\t%.2f\t%ld\t%ld\t%ld\n", s.cycle, s.rssMb, s.heapMb, s.files, s.threads, s.glObjects);
            std::fflush(stdout);
        }
        if (i == cycles) break;
        // Attract (the figure breathing), a touch, the cards, a length.
        for (int f = 0; f < 3; ++f) frame(0.1);
        tap(640, 360);
        tapId("begin:" + exercise + ":short");
        while (k.where() != Kiosk::Where::Session) frame(0.01);
        for (int f = 0; f < 5; ++f) frame(0.1); // the session playing, drawn and heard
        tap(640, 500);                          // paused
        for (double t = 0; t <= c.idleSeconds + c.warningSeconds + 1; t += 5) frame(5); // the warning, then the reset
        if (k.where() != Kiosk::Where::Attract) {
            std::fprintf(stderr, "cycle %ld: not back at the attract screen\n", i);
            return 1;
        }
    }
    // How each grew over the last 1000 cycles (the second half of a shorter run).
    const long span = std::min<long>(1000, cycles / 2);
    const Sample& end = samples.back();
    std::vector<Sample> last;
    for (const auto& s : samples)
        if (s.cycle >= end.cycle - span) last.push_back(s);
    const Sample& from = last.front();
    const double rssSlope = slopePer1000(last, [](const Sample& s) { return s.rssMb; });
    const double heapSlope = slopePer1000(last, [](const Sample& s) { return s.heapMb; });
    std::printf("over cycles %ld..%ld (%zu samples): rss %+.2f MB (trend %+.2f MB per 1000 cycles), heap %+.2f MB (trend %+.2f), open files %+ld, "
                "threads %+ld, GL objects %+ld; resets %ld\n",
                from.cycle, end.cycle, last.size(), end.rssMb - from.rssMb, rssSlope, end.heapMb - from.heapMb, heapSlope, end.files - from.files,
                end.threads - from.threads, end.glObjects - from.glObjects, k.resets());
    const bool ok = end.rssMb - from.rssMb < 1.0 && rssSlope < 1.0 && end.files == from.files && end.threads == from.threads &&
                    end.glObjects == from.glObjects;
    std::printf("%s\n", ok ? "steady" : "GROWING");
    made->reset();
    window->reset();
    fs::remove_all(work);
    return ok ? 0 : 2;
}
