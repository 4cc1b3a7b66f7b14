#include "live/CardPictures.h"

#include "core/Log.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "soma/Version.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <system_error>
#include <unistd.h>

namespace soma {
namespace {

// FNV-1a: a stable name for what a picture shows, the same on every run.
std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return h;
}

} // namespace

BodyState cardState(const SessionRequest& rq) {
    // How often each region is lit, and in which pose each step is.
    std::map<std::string, int> regionCount, poseWeight;
    std::vector<std::string> order; // first seen first, for ties
    std::string pose = rq.pose;
    for (const auto& step : rq.steps) {
        if (step.pose) pose = *step.pose;
        poseWeight[pose] += 1 + int(step.highlights.size());
        for (const auto& h : step.highlights) {
            if (regionCount[h.region]++ == 0) order.push_back(h.region);
        }
    }
    BodyState s;
    s.pose = rq.pose;
    int best = -1;
    for (const auto& [p, w] : poseWeight)
        if (w > best) best = w, s.pose = p;
    std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) { return regionCount[a] > regionCount[b]; });
    for (size_t i = 0; i < order.size() && i < 3; ++i) s.highlights.push_back({order[i], 1.0f, {1.0f, 0.72f, 0.45f}});
    s.breath = 0.5f;
    s.camera = "whole_body";
    return s;
}

const Picture* CardPictures::get(const std::string& exercise, const BodyState& state, Renderer& renderer) {
    std::string what = fmt::format("{}|{}|{}x{}|{}", SOMA_VERSION_STRING, state.pose, mWidth, mHeight, state.camera);
    for (const auto& h : state.highlights) what += fmt::format("|{}={:.2f}", h.region, h.intensity);
    const std::string name = fmt::format("{}-{:016x}.png", exercise, fnv1a(what));
    if (auto it = mPictures.find(name); it != mPictures.end()) return &it->second;

    const auto file = mCacheDir.empty() ? std::filesystem::path() : mCacheDir / name;
    std::error_code ec;
    if (!file.empty() && std::filesystem::exists(file, ec)) {
        if (auto img = readPng(file); img && img->width == mWidth && img->height == mHeight)
            return &(mPictures[name] = Painter::upload(*img));
        log::warn("home.card_cache", "{}: not a picture Soma made; drawing it again", file.string());
    }
    RenderTarget target({mWidth, mHeight, 4});
    if (auto st = renderer.draw(target, state); !st) {
        log::warn(st.error().id, "no picture for '{}': {}", exercise, st.error().message);
        return nullptr;
    }
    const Image img = target.readPixels();
    ++mDrawn;
    if (!file.empty()) {
        std::filesystem::create_directories(mCacheDir, ec);
        // Written beside it and renamed: another Soma starting now reads
        // the whole picture or none.
        auto part = file;
        part += fmt::format(".{}.part", getpid());
        if (auto st = writePng(img, part); !st) log::warn(st.error().id, "{}", st.error().message);
        else std::filesystem::rename(part, file, ec);
        if (ec) std::filesystem::remove(part, ec);
    }
    return &(mPictures[name] = Painter::upload(img));
}

} // namespace soma
