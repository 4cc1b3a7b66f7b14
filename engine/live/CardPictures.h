// live/CardPictures: the small picture on each exercise's card: the figure
// in the exercise's pose with the regions it works with lit, drawn by the
// engine itself. Drawn once and kept as a PNG in
// $XDG_CACHE_HOME/soma/cards/ (named for what it shows, so a changed
// exercise gets a new one), then held as a texture: the home screen never
// draws a figure per card per frame, and a second start draws none.
//
// Depends on render/ (renderer, painter) and model/ (the session request).
// Must never fail the home screen: a picture that cannot be made is left
// out and logged.
#pragma once

#include "model/BodyState.h"
#include "model/SessionRequest.h"
#include "render/Painter.h"

#include <filesystem>
#include <map>
#include <string>

namespace soma {

class Renderer;

// The moment a card shows: the pose most of the exercise is spent in
// (the steps that light most regions), and up to three regions it names
// most, lit, breath half way.
BodyState cardState(const SessionRequest& request);

class CardPictures {
public:
    // `cacheDir` empty: nothing kept on disk.
    explicit CardPictures(std::filesystem::path cacheDir, int width = 288, int height = 320)
        : mCacheDir(std::move(cacheDir)), mWidth(width), mHeight(height) {}

    // The picture for this exercise and state: from memory, from the disk
    // cache, or drawn now with `renderer` (needs the GL context).
    const Picture* get(const std::string& exercise, const BodyState& state, Renderer& renderer);

    int drawn() const { return mDrawn; } // how many had to be drawn (not found cached)

private:
    std::filesystem::path mCacheDir;
    int mWidth, mHeight;
    std::map<std::string, Picture> mPictures; // by cache name
    int mDrawn = 0;
};

} // namespace soma
