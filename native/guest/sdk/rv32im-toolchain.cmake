# CMake toolchain file for oneproof rv32im guests: Debian clang-14 + lld-14, picolibc, libgcc and
# libc++-14 headers. The flags themselves live in toolchain.json, which `oneproof zkvm build` reads
# too, so both builds compile and link a guest identically.
#   cmake -S native/guest/rv32 -B build/guest -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=$PWD/native/guest/sdk/rv32im-toolchain.cmake
# A target links the runtime with `target_link_libraries(<t> PRIVATE op_guest_rt)` (see rv32/).
cmake_minimum_required(VERSION 3.20)  # string(JSON)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(OP_GUEST_SDK_DIR "${CMAKE_CURRENT_LIST_DIR}")
file(READ "${OP_GUEST_SDK_DIR}/toolchain.json" _op_json)

# Expands ${sdk} and ${<path name>} in a string from toolchain.json.
function(_op_expand out text)
  string(REPLACE "\${sdk}" "${OP_GUEST_SDK_DIR}" text "${text}")
  string(JSON _n LENGTH "${_op_json}" paths)
  math(EXPR _last "${_n} - 1")
  foreach(_i RANGE ${_last})
    string(JSON _key MEMBER "${_op_json}" paths ${_i})
    string(JSON _value GET "${_op_json}" paths ${_key})
    string(REPLACE "\${${_key}}" "${_value}" text "${text}")
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Reads the JSON string array at <keys...> into a space-separated, expanded flag string.
function(_op_flags out)
  string(JSON _n LENGTH "${_op_json}" ${ARGN})
  set(_flags "")
  if(_n GREATER 0)
    math(EXPR _last "${_n} - 1")
    foreach(_i RANGE ${_last})
      string(JSON _flag GET "${_op_json}" ${ARGN} ${_i})
      _op_expand(_flag "${_flag}")
      string(APPEND _flags " ${_flag}")
    endforeach()
  endif()
  string(STRIP "${_flags}" _flags)
  set(${out} "${_flags}" PARENT_SCOPE)
endfunction()

function(_op_tool out name)
  string(JSON _tool GET "${_op_json}" tools ${name})
  find_program(_op_found_${name} NAMES ${_tool} REQUIRED)
  set(${out} "${_op_found_${name}}" PARENT_SCOPE)
endfunction()

_op_tool(CMAKE_C_COMPILER c)
_op_tool(CMAKE_CXX_COMPILER cxx)
set(CMAKE_ASM_COMPILER "${CMAKE_C_COMPILER}")
_op_tool(CMAKE_LINKER linker)
_op_tool(CMAKE_AR ar)
_op_tool(CMAKE_RANLIB ranlib)
set(CMAKE_C_COMPILER_TARGET riscv32-unknown-elf)
set(CMAKE_CXX_COMPILER_TARGET riscv32-unknown-elf)
set(CMAKE_ASM_COMPILER_TARGET riscv32-unknown-elf)

_op_flags(_common flags common)
_op_flags(_c flags c)
_op_flags(_cxx flags cxx)
_op_flags(_asm flags asm)
string(JSON _opt GET "${_op_json}" flags optimize)
set(OP_GUEST_C_FLAGS "${_common} ${_c} ${_opt}")
set(OP_GUEST_CXX_FLAGS "${_common} ${_cxx} ${_opt}")
set(OP_GUEST_ASM_FLAGS "${_common} ${_asm}")
# _INIT seeds the cache on the first configure; rv32/CMakeLists.txt re-applies the current values so
# that an edit of toolchain.json reaches an existing build folder too.
set(CMAKE_C_FLAGS_INIT "${OP_GUEST_C_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${OP_GUEST_CXX_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${OP_GUEST_ASM_FLAGS}")

# Link with ld.lld directly (no compiler driver, so no host crt files or search paths creep in).
_op_flags(_link flags link)
_op_flags(_libs flags linkLibraries)
string(REPLACE "\${libraries}" "<LINK_LIBRARIES>" _libs "${_libs}")
foreach(lang C CXX)
  set(CMAKE_${lang}_LINK_EXECUTABLE "${CMAKE_LINKER} ${_link} <LINK_FLAGS> <OBJECTS> -o <TARGET> ${_libs}")
endforeach()

# Never look for host libraries or headers.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
