# Debian packages, made by CPack from the install rules: `cpack -G DEB` in
# the build folder gives
#   soma      the program, its shaders, assets, exercises (scripts and native
#             plugins in /usr/lib/soma/plugins), launcher, icon, metainfo,
#             man page; its library dependencies found by dpkg-shlibdeps;
#   soma-dev  the plugin SDK: soma/plugin.h, soma/plugin_cpp.h, the CMake
#             package (find_package(Soma)) and the template, MIT-licensed.
# Included last from the top-level CMakeLists, after every install rule.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME soma)
set(CPACK_PACKAGE_VENDOR "The Soma authors")
set(CPACK_PACKAGE_CONTACT "The Soma authors <soma@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package's description begins with its own summary line. CPack puts
# the project-wide summary before both unless it is CPack's own default
# (Modules/Internal/CPack/CPackDeb.cmake), so it is set to exactly that.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME soma)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# What no library link says: the voice's data, the font, OpenAL's HRTF
# data, and OpenGL, which SDL opens at run time (so dpkg-shlibdeps cannot
# see it): the GL and EGL loaders and Mesa's drivers (a kiosk without a GPU
# renders with llvmpipe). Found missing by the clean-root install
# (tests/package/install-in-clean-root.sh): without them no window opens.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS
    "espeak-ng-data, fonts-dejavu-core, libopenal-data, libgl1, libegl1, libgl1-mesa-dri, libegl-mesa0")
# Video exports and take-home videos run ffmpeg; everything else works without.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "ffmpeg")
# A kiosk under a Wayland kiosk compositor, and signing its own plugins.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "cage, minisign")
# Makes the kiosk service's user (packaging/postinst).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/postinst)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "guided body scans with a breathing 3D figure and spatial narration
Soma guides a person through their body: an animated figure breathes, the
places the narrator names light up on the spoken word, and the voice comes
from around the listener (HRTF on headphones). Eleven exercises in Dutch and
English; therapist mode with encrypted client records and tension maps.
Soma is not a medical treatment.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME soma-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE all) # headers and CMake files only
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "soma (= ${PROJECT_VERSION}), cmake")
set(CPACK_DEBIAN_DEV_DESCRIPTION "plugin SDK for Soma's exercises
The C ABI header soma/plugin.h, its C++ helpers soma/plugin_cpp.h, the CMake
package (find_package(Soma) and soma_add_plugin) and a template, to build
native exercise plugins that the installed Soma loads from
/usr/lib/soma/plugins or ~/.local/share/soma/plugins. MIT-licensed.")

include(CPack)
