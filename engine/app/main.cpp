#include "app/Commands.h"
#include "platform/Signals.h"
#include "soma/Version.h"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    soma::signals::install();

    CLI::App cli{"Soma: guided body scans with a breathing 3D figure and spatial narration.\n"
                 "This is not medical treatment.",
                 "soma"};
    cli.set_version_flag("--version", std::string("soma ") + SOMA_VERSION_STRING);
    cli.require_subcommand(0, 1);

    soma::app::DoctorOptions doctorOpt;
    auto* doctor = cli.add_subcommand("doctor", "Check that Soma can run here: graphics, audio, voices, plugins, fonts");
    doctor->add_flag("--json", doctorOpt.json, "Print one JSON object");

    soma::app::RenderOptions renderOpt;
    auto* render = cli.add_subcommand("render", "Render one frame headless to a PNG");
    render->add_option("--out", renderOpt.out, "PNG to write")->capture_default_str();
    render->add_option("--width", renderOpt.width, "Width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    render->add_option("--height", renderOpt.height, "Height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    render->add_option("--breath", renderOpt.breath, "Breath phase, 0 = empty, 1 = full")->check(CLI::Range(0.0, 1.0));

    soma::app::RunOptions runOpt;
    auto* run = cli.add_subcommand("run", "Start a guided session (in a window; headless when there is no display)");
    run->add_flag("--headless", runOpt.headless, "Render without a window even when there is a display");
    run->add_flag("--fullscreen", runOpt.fullscreen, "Start fullscreen (F11 toggles)");
    run->add_flag("--hrtf", runOpt.hrtf, "Binaural audio for headphones");
    run->add_option("--out", runOpt.out, "Where a headless run writes its result")->capture_default_str();

    soma::app::BenchOptions benchOpt;
    auto* bench = cli.add_subcommand("bench", "Measure start-up, frame time, memory and more on the reference scene");
    bench->add_flag("--json", benchOpt.json, "Print one JSON object");
    bench->add_option("--frames", benchOpt.frames, "Frames to time after 60 warm-up frames")->check(CLI::Range(10, 100000))->capture_default_str();
    bench->add_option("--width", benchOpt.width, "Width in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    bench->add_option("--height", benchOpt.height, "Height in pixels")->check(CLI::Range(16, 8192))->capture_default_str();
    bench->add_flag("--start-probe", benchOpt.startProbe)->group(""); // internal

    CLI11_PARSE(cli, argc, argv);

    if (*doctor) return soma::app::doctor(doctorOpt);
    if (*render) return soma::app::render(renderOpt);
    if (*run) return soma::app::run(runOpt);
    if (*bench) return soma::app::bench(benchOpt);
    std::printf("%s", cli.help().c_str());
    return 0;
}
