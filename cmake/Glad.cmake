# The GL loader is generated at build time by glad 2 (Debian's python3-glad)
# and never committed. Debian's interpreter is used on purpose: a python3
# earlier on PATH (pyenv, venv) usually lacks the glad module.
find_program(SOMA_DEBIAN_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT SOMA_DEBIAN_PYTHON)
  find_program(SOMA_DEBIAN_PYTHON NAMES python3 REQUIRED)
endif()

set(SOMA_GLAD_DIR ${CMAKE_BINARY_DIR}/gen/glad)
add_custom_command(
  OUTPUT ${SOMA_GLAD_DIR}/src/gl.c ${SOMA_GLAD_DIR}/include/glad/gl.h
  COMMAND ${SOMA_DEBIAN_PYTHON} -m glad --quiet --reproducible
          --api gl:core=3.3 --extensions= --out-path ${SOMA_GLAD_DIR} c
  COMMENT "Generating the OpenGL 3.3 core loader with glad"
  VERBATIM)
add_library(soma_glad STATIC ${SOMA_GLAD_DIR}/src/gl.c)
target_include_directories(soma_glad SYSTEM PUBLIC ${SOMA_GLAD_DIR}/include)
set_target_properties(soma_glad PROPERTIES POSITION_INDEPENDENT_CODE ON)
