# Third-party libraries, each found once here and linked PRIVATE by exactly
# one module (see STYLE.md).
find_package(Threads REQUIRED)
find_package(Poco REQUIRED COMPONENTS Foundation Net NetSSL Crypto Util JSON Zip)
find_package(LibXml2 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(PkgConfig REQUIRED)

# MySQL Connector/C++ 1.1 ships neither a CMake package nor a pkg-config file.
find_path(MYSQLCPPCONN_INCLUDE_DIR mysql_driver.h REQUIRED)
find_library(MYSQLCPPCONN_LIBRARY mysqlcppconn REQUIRED)
add_library(MySQL::ConnectorCpp UNKNOWN IMPORTED)
set_target_properties(MySQL::ConnectorCpp PROPERTIES
    IMPORTED_LOCATION "${MYSQLCPPCONN_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${MYSQLCPPCONN_INCLUDE_DIR}")

if(NUSQA_BUILD_TESTS)
    find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
endif()
