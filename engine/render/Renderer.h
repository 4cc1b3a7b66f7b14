// render/Renderer: draws Soma's scene (the soft background, the breathing
// figure with its inner anatomy under a translucent skin, the highlighted
// regions, the seat a seated figure rests on) into a RenderTarget, for a
// list of views, from a BodyState. The inner layer fades out inside the
// head, so the face stays quiet unless a structure there is highlighted.
//
// It owns GL resources only: the figure's meshes are uploaded once per
// (build, height, lod) and skinned on the GPU each frame from the pose
// matrices. What the frame shows is decided elsewhere and handed in.
// Depends on render/, body/Figure, anim/Poses (skinning matrices) and the GL
// loader. Must never read the
// clock or the session, never move the camera by itself and never add a
// flash or pulse of its own: the same BodyState and views always give the
// same picture.
#pragma once

#include "body/Figure.h"
#include "core/Result.h"
#include "model/BodyState.h"
#include "model/RegionAtlas.h"
#include "render/Camera.h"
#include "render/GlInfo.h"
#include "render/RenderTarget.h"
#include "render/Seat.h"
#include "render/ShaderProgram.h"
#include "render/View.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soma {

// How heavy a frame may be. Defaults suit a GPU; chooseQuality() lightens
// them for software renderers. Every field is reported by `soma bench`.
struct RenderQuality {
    int msaaSamples = 4; // for the RenderTarget the caller creates
    int lod = 0;         // figure level of detail
    bool skinDepthPrepass = true; // the skin blends once where an arm lies over the body
    std::string describe() const;
};

// Chooses per renderer: a GPU gets 4x MSAA and the skin depth pre-pass;
// llvmpipe and other software rasterisers get neither (the skin shader
// softens its own silhouette, so edges stay calm without multisampling).
// Both keep lod 0: lod 1 is lighter, but its spine turns jagged and its
// highlighted diaphragm shows facets (looked at on llvmpipe).
RenderQuality chooseQuality(const GlInfo& gl);

struct RendererDesc {
    int lod = 0; // which figure mesh to draw
    bool skinDepthPrepass = true;
    // The inner structures under the skin (and their glow). Off: the skin
    // alone, for a calmer picture or to compare against.
    bool innerLayer = true;
    // Single-sampled targets get the background drawn once into a texture
    // and copied per frame (a full-screen shader pass costs a software
    // renderer ~4x a bare frame; the copy is a memcpy).
    bool cacheBackground = true;
    // Counts the vertices the GPU skins each frame (a query read back at
    // once, which waits for the GPU): for tests, never for a live frame.
    bool countSkinning = false;

    // What a renderer of this quality draws with (the RenderTarget takes
    // the quality's MSAA).
    static RendererDesc forQuality(const RenderQuality& q) {
        RendererDesc d;
        d.lod = q.lod;
        d.skinDepthPrepass = q.skinDepthPrepass;
        return d;
    }
};

class Renderer {
public:
    static Result<std::unique_ptr<Renderer>> create(const RendererDesc& desc = {});
    ~Renderer();

    // The figure this BodyState shows (loaded and uploaded on first use).
    Result<std::shared_ptr<const Figure>> figure(const BodyState& state);

    // The camera the state asks for, as one view filling the target.
    Result<View> viewFor(const BodyState& state, int targetWidth, int targetHeight);

    // Draws every view of the state into the target. The background fills
    // each viewport; each view gets its own depth.
    Status draw(const RenderTarget& target, const BodyState& state, const std::vector<View>& views);
    // One view from the state's camera, filling the target.
    Status draw(const RenderTarget& target, const BodyState& state);

    // Only the soft background gradient over the whole target (no figure).
    void drawBackgroundOnly(const RenderTarget& target, float breath);

    // The region under a target pixel for this state and view (CPU ray
    // cast on the skinned skin, or on the inner structures for
    // Layer::Internal); nullopt beside the figure.
    std::optional<int> pickRegion(const BodyState& state, const View& view, float x, float y, Layer layer = Layer::Surface);

    // The seat the seated pose rests on, for this state's figure (where it
    // stands whatever the pose; seatWeight() says how much of it shows).
    std::optional<SeatShape> seat(const BodyState& state);

    int lod() const { return mDesc.lod; }
    // With RendererDesc::countSkinning: the vertices the last draw() skinned,
    // as the GPU counted them (the figure's, once, however many views).
    std::int64_t skinnedVerticesLastDraw() const { return mSkinnedVertices; }

private:
    struct GpuFigure;
    Renderer() = default;
    Status ensureFigure(const BodyState& state);
    // Into the bound target's viewport `v` (GL coordinates: glY is its bottom).
    void drawBackground(const RenderTarget* target, const View& v, int glY, float breath);
    void shadeBackground(int width, int height, float glowRadius);
    void setCommonUniforms(const ShaderProgram& p, const View& v);
    // Skins the figure for this frame into the meshes' skinned buffers.
    void skinFrame(const BodyState& state);

    RendererDesc mDesc;
    ShaderProgram mSkinning; // transform feedback: the figure skinned once a frame
    GLuint mSkinningQuery = 0;
    std::int64_t mSkinnedVertices = 0;
    ShaderProgram mBackground, mSkin, mAnatomy, mAnatomyGlow, mFloorShadow, mSeat;
    struct BackgroundCache {
        gl::Framebuffer fbo;
        gl::Renderbuffer color;
        int width = 0, height = 0;
        float glowRadius = -1.0f; // what it holds; -1: nothing yet
    } mBgCache;
    gl::VertexArray mEmptyVao;
    std::unique_ptr<GpuFigure> mGpu;
    std::vector<glm::mat4> mMatrices;
    std::vector<float> mGlow;
};

} // namespace soma
