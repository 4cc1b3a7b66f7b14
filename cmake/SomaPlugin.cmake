# SPDX-License-Identifier: MIT (the plugin SDK; see LICENSE)
# soma_add_plugin(<name> <source>... [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds a native Soma exercise plugin: a MODULE library named <name>.so
# (no "lib" prefix), with every symbol hidden except the one the SDK's
# SOMA_PLUGIN_ENTRY exports, linked against Soma::sdk. Installed to
# lib/soma/plugins of the install prefix unless NO_INSTALL; for a plugin of
# your own, copying <name>.so into $XDG_DATA_HOME/soma/plugins works too.
function(soma_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "" ${ARGN})
  add_library(${name} MODULE ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE Soma::sdk)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(NOT ARG_OUTPUT_DIRECTORY)
    # Set by Soma's own build (cmake/Sdk.cmake); unset for outside plugins.
    get_property(ARG_OUTPUT_DIRECTORY GLOBAL PROPERTY SOMA_PLUGIN_OUTPUT_DIR)
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  endif()
  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION lib/soma/plugins)
  endif()
endfunction()
