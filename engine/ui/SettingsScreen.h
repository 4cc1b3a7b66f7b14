// ui/SettingsScreen: every setting (settings/Settings.h) as a row with its
// name and value, in two columns where the screen is wide. A tap or Enter
// moves a row's value on (switches flip, choices go round); left and right
// (keys, the gamepad's pad, the row's − and + for numbers) step it either
// way. Done (or Esc) leaves; the owner saves what changed.
//
// Ids: "setting:<key>" (rows), "less:<key>" and "more:<key>" (numbers'
// buttons, for a finger; the keys use left and right on the row), "done".
// Depends on ui/Screen, settings/ (keys, values) and catalog/ (words).
// Must never save: the owner does, once, when the person leaves.
#pragma once

#include "settings/Settings.h"
#include "ui/Screen.h"

#include <string>

namespace soma::ui {

// A value as the person reads it: "Aan", "Groot", "135 woorden per minuut", "80%".
std::string settingValueText(const std::string& lang, const Settings& settings, const std::string& key);

// `problem`: what was wrong with the settings file, said under the rows
// (empty: nothing).
Screen layoutSettings(const Settings& settings, const std::string& lang, const std::string& problem, int width, int height,
                      const TextRenderer& fonts);

} // namespace soma::ui
