// DIR/points.jsonl of `scalelaw sweep` (issue 22, "nothing lost"): one JSON object per line, appended with one write(2)
// and flushed as each result arrives, so a killed sweep leaves every finished point and at most a torn last line.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scalelaw {

/// The points a previous run wrote, in file order. A last line that is not a whole JSON object (a run killed
/// mid-write) is left out and `torn` set; with `repair` (a sweep about to append: --resume) it is also cut off the
/// file, so the point is computed again. Readers that only draw (`sweep --report`, the report) leave the file as it is.
/// Any other line that is not an object with a string "key" throws invalid_input naming the line. A missing file reads
/// as empty.
std::vector<nlohmann::json> read_points(const std::string& path, bool& torn, bool repair);

/// Appends `point` as one line and flushes it to the kernel (survives the process being killed).
void append_point(const std::string& path, const nlohmann::json& point);

/// Rewrites the file atomically with `points` in the given order (the sweep's final, sorted form).
void write_points(const std::string& path, const std::vector<nlohmann::json>& points);

}  // namespace scalelaw
