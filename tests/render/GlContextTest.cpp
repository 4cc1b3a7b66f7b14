#include "core/Log.h"
#include "platform/Window.h"
#include "render/Renderer.h"
#include "render/RenderTarget.h"
#include "render/ShaderProgram.h"
#include "support/ImageCheck.h"

#include <gtest/gtest.h>

namespace soma {

class GlTest : public ::testing::Test {
protected:
    void SetUp() override {
        WindowDesc wd;
        wd.width = 96;
        wd.height = 64;
        wd.headless = true;
        auto w = Window::create(wd);
        ASSERT_TRUE(w.ok()) << w.error().message;
        window = std::move(*w);
    }
    std::unique_ptr<Window> window;
};

TEST_F(GlTest, OffscreenContextIsCore33OrNewer) {
    GLint major = 0, minor = 0, mask = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    glGetIntegerv(GL_CONTEXT_PROFILE_MASK, &mask);
    EXPECT_GE(major * 10 + minor, 33);
    EXPECT_TRUE(mask & GL_CONTEXT_CORE_PROFILE_BIT);
    EXPECT_TRUE(window->headless());
    EXPECT_FALSE(queryGlInfo().renderer.empty());
}

TEST_F(GlTest, BackgroundAndTriangleMatchGolden) {
    auto renderer = Renderer::create();
    ASSERT_TRUE(renderer.ok()) << renderer.error().message;
    RenderTarget target({96, 64, 4});
    // The background alone: the figure is tested in FigureRenderTest.
    (*renderer)->drawBackgroundOnly(target, 0.5f);

    // A warm triangle over the background, through the same target.
    auto prog = ShaderProgram::fromSource("test-triangle",
        "#version 330 core\nconst vec2 p[3] = vec2[](vec2(-0.6,-0.6), vec2(0.6,-0.6), vec2(0.0,0.7));\n"
        "void main(){ gl_Position = vec4(p[gl_VertexID], 0.0, 1.0); }\n",
        "#version 330 core\nout vec4 o; void main(){ o = vec4(0.95, 0.75, 0.55, 1.0); }\n");
    ASSERT_TRUE(prog.ok()) << prog.error().message;
    target.bind();
    prog->use();
    auto vao = gl::makeVertexArray();
    glBindVertexArray(vao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);

    Image img = target.readPixels();
    ASSERT_EQ(img.width, 96);
    ASSERT_EQ(img.height, 64);
    // Meaning first, independent of the golden: the centre is the triangle's
    // colour, the top corner is the dark background, and the top of the
    // picture is darker-blue than the bottom.
    const auto* centre = img.pixel(48, 36);
    EXPECT_NEAR(centre[0], 242, 3);
    EXPECT_NEAR(centre[1], 191, 3);
    const auto* corner = img.pixel(2, 2);
    EXPECT_LT(corner[0], 60);
    EXPECT_GT(corner[2], corner[0]);
    EXPECT_TRUE(test::matchesGolden(img, "background_triangle", {6, 0.01}));
}

TEST_F(GlTest, ShaderCompileErrorNamesTheShader) {
    auto prog = ShaderProgram::fromSource("broken-example", "#version 330 core\nvoid main(){ gl_Position = vec4(1); }\n",
                                          "#version 330 core\nout vec4 o; void main(){ o = undefinedThing; }\n");
    ASSERT_FALSE(prog.ok());
    EXPECT_EQ(prog.error().id, "render.shader_compile");
    EXPECT_NE(prog.error().message.find("broken-example.frag"), std::string::npos) << prog.error().message;
    EXPECT_NE(prog.error().message.find("undefinedThing"), std::string::npos) << prog.error().message;
}

TEST_F(GlTest, MissingShaderFileIsAClearError) {
    auto prog = ShaderProgram::load("no-such-shader");
    ASSERT_FALSE(prog.ok());
    EXPECT_EQ(prog.error().id, "render.shader_missing");
    EXPECT_NE(prog.error().message.find("no-such-shader.vert"), std::string::npos);
}

} // namespace soma
