// A person's settings file.
#include "FuzzInput.h"
#include "settings/Settings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    soma::SettingsFiles files;
    files.user = soma::fuzz::asFile(data, size, "settings.toml");
    const soma::LoadedSettings loaded = soma::loadSettings(files);
    (void)soma::settingsToml(loaded.settings, loaded.below);
    return 0;
}
