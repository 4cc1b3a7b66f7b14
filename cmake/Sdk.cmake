# The plugin SDK: the C ABI header (soma/plugin.h), the C++ helper
# (soma/plugin_cpp.h) and a CMake package, so that a plugin outside this
# repository builds with
#     find_package(Soma 1.1 REQUIRED)
#     soma_add_plugin(my-exercise my_exercise.cpp)
# The package's version is the plugin ABI's (read from plugin.h, the one
# place it is written), not the program's: what find_package asks of an SDK
# is which plugins it builds, and the ABI decides that.
# In this repository the same target (Soma::sdk) and function are used by
# plugins/ and the test fixtures, so in-tree plugins build the way outside
# ones do. Included from the top-level CMakeLists before plugins/.
include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

add_library(soma_sdk INTERFACE)
add_library(Soma::sdk ALIAS soma_sdk)
set_target_properties(soma_sdk PROPERTIES EXPORT_NAME sdk)
target_include_directories(soma_sdk INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/engine/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

# Where native plugins go in the build tree (found there by core/Paths); a
# global property, since this file may first be included from a subfolder.
set_property(GLOBAL PROPERTY SOMA_PLUGIN_OUTPUT_DIR ${SOMA_BUILD_PLUGINS})
include(${CMAKE_CURRENT_LIST_DIR}/SomaPlugin.cmake)

# The ABI version, from the header; editing it re-runs CMake, so the package
# version cannot fall behind.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/engine/include/soma/plugin.h)
file(STRINGS ${PROJECT_SOURCE_DIR}/engine/include/soma/plugin.h _soma_abi_lines REGEX "^#define SOMA_PLUGIN_ABI_(MAJOR|MINOR) [0-9]+$")
string(REGEX REPLACE ".*SOMA_PLUGIN_ABI_MAJOR ([0-9]+).*" "\\1" SOMA_PLUGIN_ABI_MAJOR "${_soma_abi_lines}")
string(REGEX REPLACE ".*SOMA_PLUGIN_ABI_MINOR ([0-9]+).*" "\\1" SOMA_PLUGIN_ABI_MINOR "${_soma_abi_lines}")
if(NOT SOMA_PLUGIN_ABI_MAJOR MATCHES "^[0-9]+$" OR NOT SOMA_PLUGIN_ABI_MINOR MATCHES "^[0-9]+$")
  message(FATAL_ERROR "cmake/Sdk.cmake: cannot read SOMA_PLUGIN_ABI_MAJOR/MINOR from engine/include/soma/plugin.h")
endif()
set(SOMA_PLUGIN_ABI "${SOMA_PLUGIN_ABI_MAJOR}.${SOMA_PLUGIN_ABI_MINOR}")

install(TARGETS soma_sdk EXPORT SomaSdkTargets COMPONENT dev)
install(FILES ${PROJECT_SOURCE_DIR}/engine/include/soma/plugin.h ${PROJECT_SOURCE_DIR}/engine/include/soma/plugin_cpp.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/soma COMPONENT dev)
set(_soma_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Soma)
install(EXPORT SomaSdkTargets NAMESPACE Soma:: DESTINATION ${_soma_cmake_dir} COMPONENT dev)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/SomaConfig.cmake.in ${CMAKE_BINARY_DIR}/sdk/SomaConfig.cmake
  INSTALL_DESTINATION ${_soma_cmake_dir} PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
# The ABI's own rule: the same major, and at least the minor asked for
# (a plugin written for 1.1 needs a 1.1 SDK; one for 1.0 builds with 1.3).
write_basic_package_version_file(${CMAKE_BINARY_DIR}/sdk/SomaConfigVersion.cmake
  VERSION ${SOMA_PLUGIN_ABI} COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT) # headers only: any target builds with them
install(FILES ${CMAKE_BINARY_DIR}/sdk/SomaConfig.cmake ${CMAKE_BINARY_DIR}/sdk/SomaConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/SomaPlugin.cmake
        DESTINATION ${_soma_cmake_dir} COMPONENT dev)
# The template travels with the SDK, so an installed Soma is all an author needs.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/template/ DESTINATION ${CMAKE_INSTALL_DATADIR}/soma/sdk/template COMPONENT dev)
