# nusqa_embed_file(OUTPUT_VAR FILE NAMESPACE FUNCTION)
# Generates a .cpp defining `std::string_view NAMESPACE::FUNCTION()` that
# returns FILE's bytes, so the binary needs no data path at run time. The
# file is read at configure time; editing it re-runs the configuration. The
# array is named after FUNCTION: two embedded files of one namespace can
# share a unity build's source (scripts/test.sh's sanitized build).
function(nusqa_embed_file output_var file namespace function)
    get_filename_component(name ${file} NAME)
    set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded_${function}.cpp)
    file(READ ${file} content HEX)
    string(LENGTH "${content}" hex_length)
    math(EXPR size "${hex_length} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
    file(WRITE ${generated}.tmp
        "// Generated from ${name} by cmake/EmbedFile.cmake; do not edit.\n"
        "#include <string_view>\n"
        "namespace ${namespace} {\n"
        "static const char ${function}Bytes[] = {${bytes} '\\0'};\n"
        "std::string_view ${function}() { return std::string_view(${function}Bytes, ${size}); }\n"
        "}\n")
    file(COPY_FILE ${generated}.tmp ${generated} ONLY_IF_DIFFERENT)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    set(${output_var} ${generated} PARENT_SCOPE)
endfunction()
