# Writes the program id of a guest ELF (its sha256, hex) to OUT and prints it.
#   cmake -DELF=<file.elf> -DOUT=<file.program-id> -P program-id.cmake
file(SHA256 "${ELF}" id)
file(WRITE "${OUT}" "${id}\n")
message(STATUS "program id of ${ELF}: ${id}")
