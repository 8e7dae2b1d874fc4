// Where the data files are (data/: golden tables, SGD reference runs), found at run time: $SCALELAW_DATA_DIR, else an
// installed copy PREFIX/share/scalelaw/data beside the program or module that runs (`cmake --install`), else the
// source tree the library was built from.
#pragma once
#include <string>

namespace scalelaw {

std::string data_dir();

}  // namespace scalelaw
