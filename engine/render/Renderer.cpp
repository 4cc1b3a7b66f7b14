#include "render/Renderer.h"

#include "anim/Poses.h"
#include "core/Log.h"
#include "model/RegionAtlas.h"
#include "model/Vocabulary.h"
#include "render/Picking.h"

#include <glm/glm.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace soma {
namespace {

constexpr int kMaxJoints = 64; // matches shaders/figure.vert

struct Part {
    int region = -1;
    GLint firstIndex = 0;
    GLsizei count = 0;
    glm::vec3 color{0.7f};
};

struct MeshBuffers {
    gl::VertexArray vao; // the bind-pose vertices (vbo), for the skinning pass
    gl::Buffer vbo, ibo;
    GLsizei indexCount = 0;
    GLsizei vertexCount = 0;
    // This frame's skinned vertices (SkinnedVertex), written once a frame by
    // transform feedback; drawVao draws them with ibo, for every view.
    gl::Buffer skinned;
    gl::VertexArray drawVao;
};

// What figure_skinning.vert captures per vertex, in its order, packed.
struct SkinnedVertex {
    glm::vec3 world;
    glm::vec3 normal;
    glm::vec4 glow; // rgb = colour * amount, a = amount
    glm::vec3 bind;
};
static_assert(sizeof(SkinnedVertex) == 13 * sizeof(float), "transform feedback writes the varyings packed");
const std::vector<const char*> kSkinnedVaryings{"tfWorld", "tfNormal", "tfGlow", "tfBind"};

// The SkinnedVertex layout (figure.vert) for the vertex array bound now,
// from the GL_ARRAY_BUFFER bound now.
void skinnedAttributes() {
    const GLsizei stride = sizeof(SkinnedVertex);
    auto attrib = [&](GLuint loc, GLint n, size_t offset) {
        glEnableVertexAttribArray(loc);
        glVertexAttribPointer(loc, n, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
    };
    attrib(0, 3, offsetof(SkinnedVertex, world));
    attrib(1, 3, offsetof(SkinnedVertex, normal));
    attrib(2, 4, offsetof(SkinnedVertex, glow));
    attrib(3, 3, offsetof(SkinnedVertex, bind));
}

// The FigureVertex layout for the vertex array bound now, from the
// GL_ARRAY_BUFFER bound now.
void figureAttributes() {
    const GLsizei stride = sizeof(FigureVertex);
    auto off = [](size_t o) { return reinterpret_cast<const void*>(o); };
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, off(offsetof(FigureVertex, position)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, off(offsetof(FigureVertex, normal)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 3, GL_FLOAT, GL_FALSE, stride, off(offsetof(FigureVertex, breathDelta)));
    // Indices stay integers in the shader; weights arrive as w / 255.
    glEnableVertexAttribArray(3);
    glVertexAttribIPointer(3, 4, GL_UNSIGNED_BYTE, stride, off(offsetof(FigureVertex, joints)));
    glEnableVertexAttribArray(4);
    glVertexAttribPointer(4, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, off(offsetof(FigureVertex, jointWeights)));
    glEnableVertexAttribArray(5);
    glVertexAttribIPointer(5, 4, GL_UNSIGNED_BYTE, stride, off(offsetof(FigureVertex, regions)));
    glEnableVertexAttribArray(6);
    glVertexAttribPointer(6, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, off(offsetof(FigureVertex, regionWeights)));
}

MeshBuffers upload(const std::vector<FigureVertex>& v, const std::vector<std::uint32_t>& idx) {
    MeshBuffers m;
    m.vao = gl::makeVertexArray();
    m.vbo = gl::makeBuffer();
    m.ibo = gl::makeBuffer();
    glBindVertexArray(m.vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m.vbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(FigureVertex)), v.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.ibo.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(idx.size() * sizeof(std::uint32_t)), idx.data(), GL_STATIC_DRAW);
    figureAttributes();
    m.indexCount = GLsizei(idx.size());
    m.vertexCount = GLsizei(v.size());
    m.skinned = gl::makeBuffer();
    glBindBuffer(GL_ARRAY_BUFFER, m.skinned.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(SkinnedVertex)), nullptr, GL_STREAM_COPY);
    m.drawVao = gl::makeVertexArray();
    glBindVertexArray(m.drawVao.id());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.ibo.id());
    skinnedAttributes();
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return m;
}

// The regions a triangle's corners weigh, one bit each (kMaxRegions <= 64):
// the glow (figure.vert) is gathered from those weights alone, so a
// triangle whose mask misses every lit region adds nothing to the glow.
static_assert(kMaxRegions <= 64);
std::vector<std::uint64_t> triangleRegions(const Mesh& mesh) {
    std::vector<std::uint64_t> out(mesh.indices.size() / 3, 0);
    for (size_t t = 0; t < out.size(); ++t)
        for (size_t c = 0; c < 3; ++c) {
            const FigureVertex& v = mesh.vertices[mesh.indices[t * 3 + c]];
            for (size_t k = 0; k < 4; ++k)
                if (v.regionWeights[k] > 0) out[t] |= std::uint64_t(1) << v.regions[k];
        }
    return out;
}

// Muted, natural tones for the inner structures, by region id prefix.
glm::vec3 partColor(const std::string& region) {
    if (region.rfind("psoas", 0) == 0) return {0.62f, 0.30f, 0.30f};
    if (region.rfind("lung", 0) == 0) return {0.58f, 0.46f, 0.58f};
    if (region == "diaphragm") return {0.66f, 0.36f, 0.34f};
    if (region == "spine") return {0.80f, 0.76f, 0.66f};
    if (region == "pelvic_floor") return {0.64f, 0.36f, 0.44f};
    return {0.6f, 0.45f, 0.45f};
}

// The glow behind the figure swells a little with the breath. Its radius
// moves in 16 steps over a breath: a step changes no pixel by more than a
// fifth of a level (under the dither), and a cached background is redrawn
// only when the step changes.
float glowRadius(float breath) {
    const float q = std::round(glm::clamp(breath, 0.0f, 1.0f) * 16.0f) / 16.0f;
    return 0.30f + 0.05f * q;
}

// How strongly a highlighted surface on the far side of the body shows
// through it (added to the display value at full intensity; the warm amber
// at 1.0 adds 0.3 of white's red). Enough to be seen at a glance from the
// whole-body view (HighlightVisibilityTest), soft enough that the back of a
// lying figure reads as a warmth under it, not as a lamp (looked at).
constexpr float kFarSideGlow = 0.30f;
// That pass draws the skin this much larger (m along the normals): a lit
// hand or jaw, small in a whole-body view, gets a soft halo around it that
// fades out at its outer edge (anatomy_glow.frag's softness at grazing
// angles), so it is seen without being brighter.
constexpr float kGlowHaloM = 0.025f;
// The halo's strength on the side facing the eye (a band at the outline).
constexpr float kGlowRim = 0.40f;

} // namespace

struct Renderer::GpuFigure {
    std::shared_ptr<const Figure> figure;
    MeshBuffers skin, anatomy, seat;
    // The skin's glow pass draws only the triangles a lit region weighs
    // (the same picture: every other triangle adds zero), from the skin's
    // vertices through an index buffer of its own, remade when the set of
    // lit regions changes (a few times a minute). On llvmpipe the pass over
    // the whole skin, both sides, more than doubled the frame.
    gl::VertexArray glowVao;
    gl::Buffer glowIbo;
    GLsizei glowCount = 0;
    std::uint64_t glowMask = 0;
    std::vector<std::uint64_t> skinTriangleRegions;
    std::vector<Part> parts;
    std::optional<SeatShape> seatShape;
};

std::string RenderQuality::describe() const {
    return fmt::format("msaa {}x, lod {}, skin depth pre-pass {}", msaaSamples, lod, skinDepthPrepass ? "on" : "off");
}

RenderQuality chooseQuality(const GlInfo& gl) {
    RenderQuality q;
    if (gl.isSoftware) {
        // Measured on llvmpipe at 1280x720: 2x MSAA costs ~2.5x the frame;
        // the skin's silhouette fades over its last few degrees instead.
        q.msaaSamples = 0;
        q.skinDepthPrepass = false;
    }
    return q;
}

Renderer::~Renderer() {
    if (mSkinningQuery) glDeleteQueries(1, &mSkinningQuery);
}

Result<std::unique_ptr<Renderer>> Renderer::create(const RendererDesc& desc) {
    std::unique_ptr<Renderer> r(new Renderer());
    r->mDesc = desc;
    struct Load { ShaderProgram* into; const char* vert; const char* frag; };
    for (const Load& l : {Load{&r->mBackground, "fullscreen", "background"}, Load{&r->mSkin, "figure", "skin"},
                          Load{&r->mAnatomy, "figure", "anatomy"}, Load{&r->mAnatomyGlow, "figure", "anatomy_glow"},
                          Load{&r->mFloorShadow, "floor_shadow", "floor_shadow"}, Load{&r->mSeat, "seat", "seat"}}) {
        auto p = ShaderProgram::load(l.vert, l.frag);
        if (!p) return p.error();
        *l.into = std::move(*p);
    }
    auto skinning = ShaderProgram::loadCapture("figure_skinning", kSkinnedVaryings);
    if (!skinning) return skinning.error();
    r->mSkinning = std::move(*skinning);
    if (desc.countSkinning) {
        GLuint q = 0;
        glGenQueries(1, &q);
        r->mSkinningQuery = q;
    }
    r->mEmptyVao = gl::makeVertexArray();
    return r;
}

Status Renderer::ensureFigure(const BodyState& state) {
    FigureDesc d;
    d.build = state.build;
    d.heightM = state.heightM;
    d.lod = mDesc.lod;
    if (mGpu && mGpu->figure->desc.build == d.build && mGpu->figure->desc.heightM == d.heightM &&
        mGpu->figure->desc.lod == d.lod)
        return Ok{};
    auto fig = loadFigure(d);
    if (!fig) return fig.error();
    const Figure& f = **fig;
    if (f.skeleton.size() > size_t(kMaxJoints))
        return Error{"render.too_many_joints",
                     fmt::format("the figure has {} joints; the renderer skins at most {}", f.skeleton.size(), kMaxJoints)};
    auto gpu = std::make_unique<GpuFigure>();
    gpu->figure = *fig;
    gpu->skin = upload(f.skin.vertices, f.skin.indices);
    gpu->skinTriangleRegions = triangleRegions(f.skin);
    gpu->glowVao = gl::makeVertexArray();
    gpu->glowIbo = gl::makeBuffer();
    glBindVertexArray(gpu->glowVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, gpu->skin.skinned.id());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gpu->glowIbo.id());
    skinnedAttributes();
    glBindVertexArray(0);
    // All inner parts in one buffer, drawn part by part (each its colour).
    std::vector<FigureVertex> av;
    std::vector<std::uint32_t> ai;
    for (const auto& part : f.anatomy) {
        Part p;
        p.region = regionIndex(part.region).value_or(-1);
        p.firstIndex = GLint(ai.size());
        p.count = GLsizei(part.mesh.indices.size());
        p.color = partColor(part.region);
        const auto base = std::uint32_t(av.size());
        av.insert(av.end(), part.mesh.vertices.begin(), part.mesh.vertices.end());
        for (auto i : part.mesh.indices) ai.push_back(base + i);
        gpu->parts.push_back(p);
    }
    gpu->anatomy = upload(av, ai);
    gpu->seatShape = seatFor(f);
    if (gpu->seatShape) {
        const SeatMesh sm = seatMesh(*gpu->seatShape);
        MeshBuffers& m = gpu->seat;
        m.vao = gl::makeVertexArray();
        m.vbo = gl::makeBuffer();
        m.ibo = gl::makeBuffer();
        glBindVertexArray(m.vao.id());
        glBindBuffer(GL_ARRAY_BUFFER, m.vbo.id());
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(sm.vertices.size() * sizeof(SeatVertex)), sm.vertices.data(), GL_STATIC_DRAW);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.ibo.id());
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(sm.indices.size() * sizeof(std::uint32_t)), sm.indices.data(), GL_STATIC_DRAW);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(SeatVertex), reinterpret_cast<const void*>(offsetof(SeatVertex, position)));
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(SeatVertex), reinterpret_cast<const void*>(offsetof(SeatVertex, normal)));
        glBindVertexArray(0);
        m.indexCount = GLsizei(sm.indices.size());
    }
    mGpu = std::move(gpu);
    return Ok{};
}

Result<std::shared_ptr<const Figure>> Renderer::figure(const BodyState& state) {
    if (auto s = ensureFigure(state); !s) return s.error();
    return mGpu->figure;
}

Result<View> Renderer::viewFor(const BodyState& state, int w, int h) {
    if (auto s = ensureFigure(state); !s) return s.error();
    return makeView(cameraFor(*mGpu->figure, state, float(w) / float(std::max(1, h))), 0, 0, w, h);
}

std::optional<SeatShape> Renderer::seat(const BodyState& state) {
    if (!ensureFigure(state)) return std::nullopt;
    return mGpu->seatShape;
}

std::optional<int> Renderer::pickRegion(const BodyState& state, const View& view, float x, float y, Layer layer) {
    if (!ensureFigure(state)) return std::nullopt;
    if (layer == Layer::Internal) {
        auto hit = pickInner(*mGpu->figure, state, view, x, y);
        return hit ? std::optional<int>(hit->region) : std::nullopt;
    }
    return soma::pickRegion(*mGpu->figure, state, view, x, y);
}

void Renderer::shadeBackground(int width, int height, float radius) {
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    mBackground.use();
    // Night-blue above, a warmer dusk near the floor; the glow behind the
    // figure swells a little with the breath.
    glUniform3f(mBackground.uniform("uTop"), 0.055f, 0.075f, 0.13f);
    glUniform3f(mBackground.uniform("uBottom"), 0.16f, 0.13f, 0.17f);
    glUniform3f(mBackground.uniform("uGlow"), 0.10f, 0.09f, 0.11f);
    glUniform2f(mBackground.uniform("uGlowCenter"), 0.5f, 0.48f);
    glUniform1f(mBackground.uniform("uGlowRadius"), radius);
    glUniform1f(mBackground.uniform("uAspect"), float(width) / float(std::max(1, height)));
    glBindVertexArray(mEmptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

void Renderer::drawBackground(const RenderTarget* target, const View& v, int glY, float breath) {
    const float radius = glowRadius(breath);
    // A multisampled target cannot take a plain copy; it is a GPU, where
    // the shader pass is cheap anyway.
    if (!target || !mDesc.cacheBackground || target->samples() > 1) {
        shadeBackground(v.width, v.height, radius);
        return;
    }
    BackgroundCache& c = mBgCache;
    if (c.width != v.width || c.height != v.height || !c.fbo) {
        c.fbo = gl::makeFramebuffer();
        c.color = gl::makeRenderbuffer();
        glBindRenderbuffer(GL_RENDERBUFFER, c.color.id());
        // The same format as the target's colour, so the copy is a plain one.
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, v.width, v.height);
        glBindFramebuffer(GL_FRAMEBUFFER, c.fbo.id());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, c.color.id());
        c.width = v.width;
        c.height = v.height;
        c.glowRadius = -1.0f;
    }
    GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
    glDisable(GL_SCISSOR_TEST); // a scissored blit is a draw, not a copy
    if (c.glowRadius != radius) {
        glBindFramebuffer(GL_FRAMEBUFFER, c.fbo.id());
        glViewport(0, 0, c.width, c.height);
        shadeBackground(c.width, c.height, radius);
        c.glowRadius = radius;
    }
    target->bind(); // the draw framebuffer again (binds it for reading too)
    glBindFramebuffer(GL_READ_FRAMEBUFFER, c.fbo.id());
    glBlitFramebuffer(0, 0, c.width, c.height, v.x, glY, v.x + v.width, glY + v.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    target->bind();
    glViewport(v.x, glY, v.width, v.height);
    if (scissor) glEnable(GL_SCISSOR_TEST);
}

void Renderer::drawBackgroundOnly(const RenderTarget& target, float breath) {
    target.bind();
    View v;
    v.width = target.width();
    v.height = target.height();
    drawBackground(&target, v, 0, breath);
}

void Renderer::skinFrame(const BodyState& state) {
    mSkinning.use();
    glUniformMatrix4fv(mSkinning.uniform("uJoints"), GLsizei(mMatrices.size()), GL_FALSE, glm::value_ptr(mMatrices[0]));
    glUniform4fv(mSkinning.uniform("uRegionGlow"), kMaxRegions, mGlow.data());
    glUniform1f(mSkinning.uniform("uBreath"), glm::clamp(state.breath, 0.0f, 1.0f));
    glEnable(GL_RASTERIZER_DISCARD);
    if (mSkinningQuery) glBeginQuery(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN, mSkinningQuery);
    for (MeshBuffers* m : {&mGpu->skin, &mGpu->anatomy}) {
        if (m == &mGpu->anatomy && !mDesc.innerLayer) continue; // not drawn
        glBindVertexArray(m->vao.id());
        glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, m->skinned.id());
        glBeginTransformFeedback(GL_POINTS);
        glDrawArrays(GL_POINTS, 0, m->vertexCount);
        glEndTransformFeedback();
    }
    if (mSkinningQuery) {
        glEndQuery(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN);
        GLuint64 written = 0;
        glGetQueryObjectui64v(mSkinningQuery, GL_QUERY_RESULT, &written);
        mSkinnedVertices = std::int64_t(written);
    }
    glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 0);
    glDisable(GL_RASTERIZER_DISCARD);
}

void Renderer::setCommonUniforms(const ShaderProgram& p, const View& v) {
    p.use();
    const glm::mat4 vp = v.projection * v.view;
    glUniformMatrix4fv(p.uniform("uViewProj"), 1, GL_FALSE, glm::value_ptr(vp));
    glUniform3fv(p.uniform("uEye"), 1, glm::value_ptr(v.eye));
    // The key comes from above, from the camera's side and a little from
    // the head, so faces and chests catch it in every pose and the body
    // keeps its form; the fill is cool and low.
    glUniform3fv(p.uniform("uKeyDir"), 1, glm::value_ptr(glm::normalize(glm::vec3(-0.35f, 0.75f, -0.25f))));
    glUniform3fv(p.uniform("uFillDir"), 1, glm::value_ptr(glm::normalize(glm::vec3(0.6f, 0.25f, 0.75f))));
    glUniform3f(p.uniform("uKeyColor"), 0.95f, 0.84f, 0.72f);
    glUniform3f(p.uniform("uFillColor"), 0.16f, 0.19f, 0.30f);
    glUniform3f(p.uniform("uSkyColor"), 0.16f, 0.16f, 0.22f);
    glUniform3f(p.uniform("uGroundColor"), 0.07f, 0.06f, 0.07f);
    // The inner layer fades out from just under the chin to the jaw line,
    // so the head stays a quiet head (the cervical spine ends in the neck).
    const Figure& f = *mGpu->figure;
    const float k = f.desc.heightM / 1.72f;
    glUniform2f(p.uniform("uHeadFade"), f.landmarks.chin - 0.035f * k, f.landmarks.chin + 0.005f * k);
}

Status Renderer::draw(const RenderTarget& target, const BodyState& state) {
    auto v = viewFor(state, target.width(), target.height());
    if (!v) return v.error();
    return draw(target, state, {*v});
}

Status Renderer::draw(const RenderTarget& target, const BodyState& state, const std::vector<View>& viewsIn) {
    if (auto s = ensureFigure(state); !s) return s;
    if (!isPose(state.pose) || (!state.fromPose.empty() && !isPose(state.fromPose)))
        return Error{"render.unknown_pose", fmt::format("unknown pose '{}'", state.fromPose.empty() || isPose(state.fromPose) ? state.pose : state.fromPose)};
    const Figure& fig = *mGpu->figure;
    stateMatrices(fig, state, mMatrices);
    if (mMatrices.empty()) mMatrices.assign(1, glm::mat4(1.0f));

    // One glow per region: colour * intensity and the intensity itself. The
    // sequencer has already applied fades and pulses; nothing is added here.
    mGlow.assign(size_t(kMaxRegions) * 4, 0.0f);
    std::vector<float> intensity(kMaxRegions, 0.0f);
    for (const auto& h : state.highlights) {
        auto i = regionIndex(h.region);
        if (!i) continue; // validated by whoever built the state
        // Shown as the square root of the intensity: a place an exercise
        // lights softly (0.2 for a place of tension) still shows, and the
        // order of soft and strong is kept. The root stays continuous at 0,
        // so a fade-in starts from nothing without a step.
        const float k = std::sqrt(glm::clamp(h.intensity, 0.0f, 1.0f));
        const glm::vec3 c = glm::max(h.color, glm::vec3(0.0f)) * k;
        float* g = &mGlow[size_t(*i) * 4];
        // Two highlights on one region add, but never beyond full.
        g[0] = std::min(g[0] + c.r, 1.5f);
        g[1] = std::min(g[1] + c.g, 1.5f);
        g[2] = std::min(g[2] + c.b, 1.5f);
        g[3] = std::min(g[3] + k, 1.0f);
        intensity[*i] = g[3];
    }
    // The figure is skinned once for every view of the frame.
    skinFrame(state);

    target.bind();
    glEnable(GL_SCISSOR_TEST);
    for (View v : viewsIn) {
        if (v.width <= 0 || v.height <= 0) { v.x = 0; v.y = 0; v.width = target.width(); v.height = target.height(); }
        // Views are top-left based; GL's viewport is bottom-left.
        const int glY = target.height() - (v.y + v.height);
        glViewport(v.x, glY, v.width, v.height);
        glScissor(v.x, glY, v.width, v.height);
        drawBackground(&target, v, glY, state.breath);
        glClear(GL_DEPTH_BUFFER_BIT);

        // 0. A soft shadow on the floor under the joints' footprint.
        {
            glm::vec2 lo(1e9f), hi(-1e9f);
            for (size_t j = 0; j < fig.skeleton.size() && j < mMatrices.size(); ++j) {
                const glm::vec3 p = glm::vec3(mMatrices[j] * glm::vec4(fig.skeleton[j].bindPosition, 1.0f));
                lo = glm::min(lo, glm::vec2(p.x, p.z));
                hi = glm::max(hi, glm::vec2(p.x, p.z));
            }
            const glm::vec2 pad(0.22f, 0.22f);
            lo -= pad;
            hi += pad;
            mFloorShadow.use();
            const glm::mat4 vp = v.projection * v.view;
            glUniformMatrix4fv(mFloorShadow.uniform("uViewProj"), 1, GL_FALSE, glm::value_ptr(vp));
            glUniform4f(mFloorShadow.uniform("uRect"), lo.x, lo.y, hi.x, hi.y);
            glUniform1f(mFloorShadow.uniform("uStrength"), 0.35f);
            glEnable(GL_BLEND);
            glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
            glBindVertexArray(mEmptyVao.id());
            glDrawArrays(GL_TRIANGLES, 0, 6);
            glDisable(GL_BLEND);
        }

        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LEQUAL);
        glEnable(GL_CULL_FACE);
        glCullFace(GL_BACK);
        glFrontFace(GL_CCW);

        // 0b. The seat under a seated figure, faded with the pose's weight,
        //     writing depth so the skin blends over it where it lies in front;
        //     only once it is fully there: a fading seat must not cut off the
        //     legs passing through it during a pose change.
        if (const float w = seatWeight(state); w > 0.0f && mGpu->seat.indexCount > 0) {
            mSeat.use();
            const glm::mat4 vp = v.projection * v.view;
            glUniformMatrix4fv(mSeat.uniform("uViewProj"), 1, GL_FALSE, glm::value_ptr(vp));
            glUniform3fv(mSeat.uniform("uEye"), 1, glm::value_ptr(v.eye));
            glUniform3fv(mSeat.uniform("uKeyDir"), 1, glm::value_ptr(glm::normalize(glm::vec3(-0.35f, 0.75f, -0.25f))));
            glUniform3fv(mSeat.uniform("uFillDir"), 1, glm::value_ptr(glm::normalize(glm::vec3(0.6f, 0.25f, 0.75f))));
            glUniform3f(mSeat.uniform("uKeyColor"), 0.95f, 0.84f, 0.72f);
            glUniform3f(mSeat.uniform("uFillColor"), 0.16f, 0.19f, 0.30f);
            glUniform3f(mSeat.uniform("uSkyColor"), 0.16f, 0.16f, 0.22f);
            glUniform3f(mSeat.uniform("uGroundColor"), 0.07f, 0.06f, 0.07f);
            glUniform3f(mSeat.uniform("uSeatColor"), 0.21f, 0.19f, 0.23f);
            glUniform3f(mSeat.uniform("uRimColor"), 0.42f, 0.52f, 0.85f);
            glUniform1f(mSeat.uniform("uFade"), w);
            glEnable(GL_BLEND);
            glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
            glDepthMask(w >= 0.999f ? GL_TRUE : GL_FALSE);
            glBindVertexArray(mGpu->seat.vao.id());
            glDrawElements(GL_TRIANGLES, mGpu->seat.indexCount, GL_UNSIGNED_INT, nullptr);
            glDepthMask(GL_TRUE);
            glDisable(GL_BLEND);
        }

        // 1. The inner anatomy, opaque below the head (fading out inside
        //    it, so blended), writing depth.
        if (mDesc.innerLayer) {
            setCommonUniforms(mAnatomy, v);
            glEnable(GL_BLEND);
            glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
            glBindVertexArray(mGpu->anatomy.drawVao.id());
            glDisable(GL_CULL_FACE); // thin parts are seen from both sides
            for (const Part& p : mGpu->parts) {
                glUniform3fv(mAnatomy.uniform("uPartColor"), 1, glm::value_ptr(p.color));
                glDrawElements(GL_TRIANGLES, p.count, GL_UNSIGNED_INT, reinterpret_cast<const void*>(size_t(p.firstIndex) * 4));
            }
            glEnable(GL_CULL_FACE);
            glDisable(GL_BLEND);
        }

        // 2. The skin over it, blended once per pixel: a depth-only pass
        //    keeps the nearest skin layer, then colour where depth equals.
        glBindVertexArray(mGpu->skin.drawVao.id());
        if (mDesc.skinDepthPrepass) {
            setCommonUniforms(mSkin, v);
            glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
            glDrawElements(GL_TRIANGLES, mGpu->skin.indexCount, GL_UNSIGNED_INT, nullptr);
            glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        } else {
            setCommonUniforms(mSkin, v);
        }
        glDepthMask(mDesc.skinDepthPrepass ? GL_FALSE : GL_TRUE);
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE); // the target stays opaque
        glUniform3f(mSkin.uniform("uSkinColor"), 0.80f, 0.79f, 0.86f);
        glUniform3f(mSkin.uniform("uRimColor"), 0.42f, 0.52f, 0.85f);
        // A fainter skin (the therapist's inner layer) thins where it faces
        // the eye most and keeps its silhouette.
        const float skin = std::clamp(state.skinOpacity, 0.0f, 1.0f);
        glUniform1f(mSkin.uniform("uAlphaFacing"), 0.6f * skin);
        glUniform1f(mSkin.uniform("uAlphaEdge"), 0.96f * (0.6f + 0.4f * skin));
        glDrawElements(GL_TRIANGLES, mGpu->skin.indexCount, GL_UNSIGNED_INT, nullptr);
        glDepthMask(GL_TRUE);

        // 3. Highlighted inner parts glow through the skin, added on top.
        bool anyInner = false;
        for (const Part& p : mGpu->parts) anyInner |= mDesc.innerLayer && p.region >= 0 && intensity[p.region] > 0.0f;
        if (anyInner) {
            setCommonUniforms(mAnatomyGlow, v);
            glUniform1f(mAnatomyGlow.uniform("uStrength"), 0.14f);
            glDisable(GL_DEPTH_TEST);
            glDisable(GL_CULL_FACE);
            glBlendFuncSeparate(GL_ONE, GL_ONE, GL_ZERO, GL_ONE);
            glBindVertexArray(mGpu->anatomy.drawVao.id());
            for (const Part& p : mGpu->parts)
                if (p.region >= 0 && intensity[p.region] > 0.0f)
                    glDrawElements(GL_TRIANGLES, p.count, GL_UNSIGNED_INT, reinterpret_cast<const void*>(size_t(p.firstIndex) * 4));
        }

        // 4. The skin's glow once more, both sides, without depth, added:
        //    a highlighted region on the far side of the body (the back of
        //    a lying figure, a shoulder turned away) glows through it, as
        //    if the warmth shone through the translucent body; before, such
        //    a region showed nothing at all (issue 13 item 5). Drawn a
        //    little larger, with a soft band where the near side turns
        //    away, it also gives every lit region a halo at its outline
        //    (anatomy_glow.frag).
        if (!state.highlights.empty()) {
            setCommonUniforms(mAnatomyGlow, v);
            glUniform1f(mAnatomyGlow.uniform("uStrength"), kFarSideGlow);
            glUniform1f(mAnatomyGlow.uniform("uInflate"), kGlowHaloM);
            glUniform1f(mAnatomyGlow.uniform("uRim"), kGlowRim);
            glEnable(GL_BLEND);
            glDisable(GL_DEPTH_TEST);
            glDisable(GL_CULL_FACE);
            glBlendFuncSeparate(GL_ONE, GL_ONE, GL_ZERO, GL_ONE);
            std::uint64_t lit = 0;
            for (int r = 0; r < kMaxRegions; ++r)
                if (intensity[size_t(r)] > 0.0f) lit |= std::uint64_t(1) << r;
            glBindVertexArray(mGpu->glowVao.id());
            if (lit != mGpu->glowMask) {
                // Kept in the skin's own order, so the sums add up as before.
                const std::vector<std::uint32_t>& all = mGpu->figure->skin.indices;
                std::vector<std::uint32_t> idx;
                for (size_t t = 0; t < mGpu->skinTriangleRegions.size(); ++t)
                    if (mGpu->skinTriangleRegions[t] & lit) idx.insert(idx.end(), all.begin() + long(t * 3), all.begin() + long(t * 3 + 3));
                glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(idx.size() * sizeof(std::uint32_t)), idx.data(), GL_DYNAMIC_DRAW);
                mGpu->glowCount = GLsizei(idx.size());
                mGpu->glowMask = lit;
            }
            if (mGpu->glowCount > 0) glDrawElements(GL_TRIANGLES, mGpu->glowCount, GL_UNSIGNED_INT, nullptr);
            glUniform1f(mAnatomyGlow.uniform("uInflate"), 0.0f);
            glUniform1f(mAnatomyGlow.uniform("uRim"), 0.0f);
        }
        glDisable(GL_BLEND);
        glDisable(GL_CULL_FACE);
        glDisable(GL_DEPTH_TEST);
    }
    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(0);
    return Ok{};
}

} // namespace soma
