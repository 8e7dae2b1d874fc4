// The command-line contract: bad input gives one `error: ...` line on stderr naming the value,
// exit status 2, nothing on stdout and no output file; --json prints one JSON object.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {
// One directory per test process, so two checkouts' test runs on one machine cannot collide.
fs::path test_dir() {
  static const fs::path dir = fs::temp_directory_path() / ("scalelaw_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}
// Under ASan (SCALELAW_CI_SANITIZER) the end-to-end runs (report --quick, the default frontiers, interruptions, ~40
// minutes there) are skipped, and Boost.Test reports them as skipped, not passed. .ci/run's sanitizer pass no longer runs
// test_cli at all (tests/CMakeLists.txt); the variable still lets a sanitizer build run the rest of it by hand.
boost::test_tools::assertion_result end_to_end(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result r(std::getenv("SCALELAW_CI_SANITIZER") == nullptr);
  r.message() << "skipped under SCALELAW_CI_SANITIZER (end to end, release pass only)";
  return r;
}
struct remove_test_dir {
  ~remove_test_dir() { std::error_code ec; fs::remove_all(test_dir(), ec); }
};
struct outcome {
  int status;
  std::string out, err;
};
std::string slurp(const fs::path& p) {
  std::ifstream is(p);
  std::stringstream ss;
  ss << is.rdbuf();
  return ss.str();
}
// `prefix` goes before the binary (e.g. "timeout -s INT 4")
outcome run(const std::string& args, const std::string& prefix = "") {
  const fs::path dir = test_dir();
  fs::create_directories(dir);
  const auto o = dir / "out.txt", e = dir / "err.txt";
  const std::string cmd = prefix + std::string(SCALELAW_BINARY) + " " + args + " >" + o.string() + " 2>" + e.string();
  const int raw = std::system(cmd.c_str());
  return {WEXITSTATUS(raw), slurp(o), slurp(e)};
}
void expect_error(const std::string& args, const std::string& mention) {
  const auto r = run(args);
  BOOST_TEST(r.status == 2, args << " -> status " << r.status);
  BOOST_TEST(r.err.rfind("error: ", 0) == 0, args << " -> stderr: " << r.err);
  BOOST_TEST(r.err.find(mention) != std::string::npos, args << " -> stderr lacks '" << mention << "': " << r.err);
  BOOST_TEST(r.out.empty(), args << " -> stdout: " << r.out);
}
}  // namespace
BOOST_TEST_GLOBAL_FIXTURE(remove_test_dir);

BOOST_AUTO_TEST_CASE(eval_bad_input) {
  expect_error("eval fpp --alpha nan --beta 1 --r 1", "alpha");
  expect_error("eval fpp --alpha -1 --beta 1 --r 1", "alpha");
  expect_error("eval fpp --alpha 1 --beta -0.6 --r 1", "no learning");  // beta <= 0 is fine where 2a + 2b > 1
  expect_error("eval fpp --alpha 0.2 --beta 0.2 --r 1", "no learning");
  expect_error("eval fpp --alpha 1 --beta 1 --r -5", "r =");
  expect_error("eval fpp --alpha 1 --beta 1 --r 1 --digits 3", "digits");
  expect_error("eval fpp --alpha 1 --beta 1 --r 1 --digits 5000", "digits");
  expect_error("eval zeta --alpha 1 --beta 1 --r 1", "unknown");
  expect_error("eval kpp --alpha 0.2 --beta 1 --r 1 --gamma 0.1", "v = inf");           // divergent sum
  expect_error("eval kpp --alpha 0.6 --beta 1 --r 1 --gamma 0.9 --batch 2", "unstable"); // gamma (B+1) >= 2
  expect_error("eval kappa --alpha 1 --beta 1 --d 10 --v 10", "v > d");
  expect_error("eval kappa --alpha 1 --beta 1 --d 10 --v 5", "v =");
  expect_error("eval fpp --alpha abc --beta 1 --r 1", "alpha");
  expect_error("frobnicate", "frobnicate");
}

BOOST_AUTO_TEST_CASE(eval_json_contract) {
  const auto r = run("eval fpp --alpha 0.75 --beta 0.5 --gamma 0.25 --r 0 --digits 20 --json");
  BOOST_TEST(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  BOOST_TEST(j["value"].is_string());
  BOOST_TEST(j["error_bound"].is_string());
  BOOST_TEST(j["value"].get<std::string>().substr(0, 12) == "6.7074362862");  // zeta(2.5)/2
}

BOOST_AUTO_TEST_CASE(curve_bad_input_leaves_no_file) {
  const fs::path dir = test_dir();
  fs::create_directories(dir);
  const auto out = dir / "curve.csv";
  fs::remove(out);
  expect_error("curve --alpha 1 --beta 0.5 --d 50 --steps 100 --gamma 5 --out " + out.string(), "largest stable gamma");
  BOOST_TEST(!fs::exists(out));
  expect_error("curve --alpha 1 --beta 0.5 --d 50 --v 20 --steps 100", "v =");
  expect_error("curve --alpha 1 --beta 0.5 --d 0 --steps 100", "d =");
  expect_error("curve --alpha 1 --beta 0.5 --d 50 --steps 0", "steps");
  expect_error("curve --alpha 1 --beta 0.5 --d 50 --steps 100 --method magic", "magic");
  expect_error("curve --alpha 1 --beta 0.5 --d 50 --steps 100 --out /nonexistent/dir/x.csv", "does not exist");
  // malformed spectrum CSV: the line number is named
  const auto bad = dir / "bad.csv";
  { std::ofstream(bad) << "lambda,weight\n0.5,0.1\n0.2,abc\n"; }
  expect_error("curve --spectrum " + bad.string() + " --f0 0.01 --gamma 0.5 --steps 10", ":3:");
  { std::ofstream(bad) << "lam,weight\n0.5,0.1\n"; }
  expect_error("curve --spectrum " + bad.string() + " --f0 0.01 --gamma 0.5 --steps 10", "header");
  { std::ofstream(bad) << "lambda,weight\n0.5,0.1,7\n"; }
  expect_error("curve --spectrum " + bad.string() + " --f0 0.01 --gamma 0.5 --steps 10", ":2:");
  { std::ofstream(bad) << "lambda,weight\n-0.5,0.1\n"; }
  expect_error("curve --spectrum " + bad.string() + " --f0 0.01 --gamma 0.5 --steps 10", "negative");
  { std::ofstream(bad) << "lambda,weight\n0.5,0.1\n"; }
  expect_error("curve --spectrum " + bad.string() + " --f0 nan --gamma 0.5 --steps 10", "F0");
  expect_error("curve --spectrum " + bad.string() + " --f0 0.01 --gamma 3 --steps 10 --out " + out.string(), "unstable");
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_CASE(curve_spectrum_form_and_json) {
  const fs::path dir = test_dir();
  const auto spec = dir / "good.csv", out = dir / "good_out.csv";
  { std::ofstream(spec) << "lambda,weight\n0.5,0.1\n0.01,0.002\n"; }
  const auto r = run("curve --spectrum " + spec.string() + " --f0 0.01 --gamma 0.5 --steps 1000 --json --out " + out.string());
  BOOST_TEST(r.status == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"r", "loss", "F0", "kernel_norm", "seconds"}) BOOST_TEST(j.contains(key), key);
  BOOST_TEST(j["r"][0] == 0);
  BOOST_TEST(j["loss"][0].get<double>() == 0.01 + 0.5 * (0.1 + 0.002));  // P_0 = F0 + 1/2 sum w
  BOOST_TEST(fs::exists(out));
  BOOST_TEST(slurp(out).rfind("r,loss,forcing\n", 0) == 0);
}

// curve --method deq (the DE on a contour): the contract's keys, the quadrature's identity errors (exact for the
// DE: <= 1e-12, observed ~1e-15), P_0 = the initial loss 1/2 sum_{j<=v} j^{-2a-2b}, and an unstable gamma refused.
BOOST_AUTO_TEST_CASE(curve_deq_json) {
  const auto r = run("curve --alpha 1 --beta 0.3 --d 100000 --steps 1e10 --method deq --json");
  BOOST_TEST(r.status == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"r", "loss", "F0", "kernel_norm", "seconds", "deq_identity_errors", "lambda_min", "lambda_max"})
    BOOST_TEST(j.contains(key), key);
  for (const auto& [name, e] : j["deq_identity_errors"].items()) BOOST_TEST(std::abs(e.get<double>()) < 1e-12, name);
  long double initial = 0;
  for (double k = 400000; k >= 1; --k) initial += 0.5 * std::pow(k, -2.6);
  BOOST_TEST(std::abs(j["loss"][0].get<double>() / double(initial) - 1) < 1e-12);
  BOOST_TEST(j["loss"].back().get<double>() > j["F0"].get<double>());
  expect_error("curve --alpha 1 --beta 0.3 --d 1000 --steps 100 --method deq --gamma 0.9", "largest stable gamma");
}

BOOST_AUTO_TEST_CASE(sgd_bad_input) {
  expect_error("sgd --alpha 1 --beta 0.5 --d 20 --steps 100 --runs 0", "runs");
  expect_error("sgd --alpha 1 --beta 0.5 --d 20 --steps 100 --runs 5 --gamma 10", "unstable");
  expect_error("sgd --alpha 1 --beta 0.5 --d 20 --steps 1.5 --runs 5", "steps");
  expect_error("sgd --alpha 1 --beta 0.5 --d 20 --steps 10 --runs 5 --gamma-mult 2", "gamma-mult");
}

// deq and model curves have no W: --seeds other than 1 is refused, not overridden silently (exit 2, the reason named);
// the flops / d-min step count past 2^63 is refused too (it used to wrap)
BOOST_AUTO_TEST_CASE(frontier_bad_input) {
  expect_error("frontier --alpha 1.2 --beta 0.8 --method deq --seeds 4", "no W");
  expect_error("frontier --alpha 1.2 --beta 0.8 --method model --seeds 2", "no W");
  expect_error("frontier --alpha 1.2 --beta 0.8 --method deq --flops-max 1e30 --d-min 10", "2^63");
}

BOOST_AUTO_TEST_CASE(phase_table_diagram) {
  expect_error("phase --alpha 0.2 --beta 0.2", "no learning");
  expect_error("phase --alpha x --beta 0.2", "alpha");
  expect_error("phase --alpha -1 --beta 0.7", "alpha");
  expect_error("table --format xml", "xml");
  expect_error("diagram --out /nonexistent/dir/p.svg", "does not exist");
  expect_error("diagram --out /tmp/p.svg --mark 0.5", "mark");
  const auto r = run("phase --alpha 1 --beta 0.3 --json");
  BOOST_TEST(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  BOOST_TEST(j["phase"] == "Ia");
  BOOST_TEST(j["xi"].get<double>() == 1.0 / 3.0);
  BOOST_TEST(j["xi_formula"] == "1/(2*alpha+1)");
  for (const char* key : {"eta", "eta_formula", "dominant"}) BOOST_TEST(j.contains(key), key);
  const auto t = run("table --format json");
  BOOST_TEST(nlohmann::json::parse(t.out)["phases"].size() == 7u);
  // the shipped catalogue derives the built-in table, byte for byte (issue 35); a malformed one is refused by line
  const std::string shipped = std::string(SCALELAW_DATA_DIR) + "/catalogues/ppxp.toml";
  for (const char* format : {"md", "json", "csv", "tex"}) {
    const auto own = run("table --catalogue " + shipped + " --format " + format);
    BOOST_TEST(own.status == 0);
    BOOST_TEST(own.out == run(std::string("table --format ") + format).out, format);
  }
  const fs::path bad = test_dir() / "bad.toml";
  {
    std::ofstream os(bad);
    os << "name = \"x\"\nparameters = [\"alpha\", \"beta\"]\n[[regime]]\nname = \"r\"\nconditions = [\"alpha >= 0\"]\n";
  }
  expect_error("table --catalogue " + bad.string(), "bad.toml:5: regime[1].conditions");
  expect_error("table --catalogue /nonexistent/c.toml", "cannot be read");
  // catalogue check (issue 35): the shipped file's first regime passes, the same with Kpp's r-exponent moved by 1/20 fails
  // with exit 1 naming the term; JSON per the contract
  {
    const std::string text = slurp(shipped);
    const std::size_t second = text.find("[[regime]]", text.find("[[regime]]") + 1);
    const std::string first_regime = text.substr(0, second);
    const fs::path one = test_dir() / "one.toml", moved = test_dir() / "moved.toml";
    std::ofstream(one) << first_regime;
    const std::string kpp_r = "r = \"-(4*alpha-1)/(2*alpha)\"";
    BOOST_REQUIRE(first_regime.find(kpp_r) != std::string::npos);
    std::string m = first_regime;
    m.replace(m.find(kpp_r), kpp_r.size(), "r = \"-(4*alpha-1)/(2*alpha)+1/20\"");
    std::ofstream(moved) << m;
    const auto ok = run("catalogue check --json " + one.string());
    BOOST_TEST(ok.status == 0, ok.err);
    const auto j = nlohmann::json::parse(ok.out);
    BOOST_TEST(j["passed"] == true);
    BOOST_TEST(j["terms"].size() == 9u);  // 3 terms at 3 points
    for (const char* key : {"regime", "term", "point", "measured", "expected", "tolerance", "passed"})
      BOOST_TEST(j["terms"][0].contains(key), key);
    const auto bad_r = run("catalogue check " + moved.string());
    BOOST_TEST(bad_r.status == 1);
    BOOST_TEST(bad_r.out.find("| Kpp |") != std::string::npos);
    BOOST_TEST(bad_r.out.find("FAIL: r-exponent measured") != std::string::npos, bad_r.out);
    BOOST_TEST(bad_r.out.find("6 of 9 terms agree") != std::string::npos, bad_r.out);
    expect_error("catalogue check " + bad.string(), "bad.toml:5");
    expect_error("catalogue check " + std::string(SCALELAW_DATA_DIR) + "/catalogues/lwkbl.toml", "measures the PPXP model");
    // another model's table: its own parameter and term names, phases P1, P2, ... (issue 36 item 1)
    const auto lw = run("table --catalogue " + std::string(SCALELAW_DATA_DIR) + "/catalogues/lwkbl.toml --format json");
    BOOST_TEST(lw.status == 0, lw.err);
    const auto lj = nlohmann::json::parse(lw.out);
    BOOST_TEST(lj["phases"].size() == 1u);
    BOOST_TEST(lj["phases"][0]["phase"] == "P1");
    BOOST_TEST(lj["phases"][0]["xi_formula"] == "1/(a+1)");
    BOOST_TEST(lj["phases"][0]["eta_formula"] == "(a-1)/(a+1)");
    BOOST_TEST(lj["phases"][0]["dominant"] == nlohmann::json::array({"approximation", "variance"}));
    BOOST_TEST(lw.out.find("alpha") == std::string::npos);
    expect_error("catalogue check --points 0 " + one.string(), "points");
  }
  const fs::path svg = test_dir() / "phase.svg";
  fs::remove(svg);
  BOOST_TEST(run("diagram --out " + svg.string() + " --resolution 60 --mark 1,0.3").status == 0);
  BOOST_TEST(slurp(svg).find("<svg") != std::string::npos);
}

// Issue 36: `table --compare` flags a changed formula (compared exactly, not as text); [[phase]] names a phase by a point;
// `verify` passes a true phase-II claim and fails the same claim with eta + 1/50 (exit 1, with the measured numbers).
BOOST_AUTO_TEST_CASE(compare_phase_names_and_verify) {
  const fs::path stored = test_dir() / "stored.json", changed = test_dir() / "changed.json";
  const auto t = run("table --format json --out " + stored.string());
  BOOST_REQUIRE(t.status == 0);
  // the same table written differently (eta of II as 1 - 1/(2a+2b)): no change
  std::string text = slurp(stored);
  const std::string eta_ii = "\"(2*alpha+2*beta-1)/(2*alpha+2*beta)\"";
  BOOST_REQUIRE(text.find(eta_ii) != std::string::npos);
  std::string same = text, moved = text;
  same.replace(same.find(eta_ii), eta_ii.size(), "\"1-1/(2*beta+2*alpha)\"");
  moved.replace(moved.find(eta_ii), eta_ii.size(), "\"(2*alpha+2*beta-1)/(2*alpha+2*beta+1)\"");
  std::ofstream(stored) << same;
  std::ofstream(changed) << moved;
  const auto none = run("table --compare " + stored.string());
  BOOST_TEST(none.status == 0, none.out << none.err);
  BOOST_TEST(none.out.find("no change") != std::string::npos);
  const auto diff = run("table --catalogue " + std::string(SCALELAW_DATA_DIR) + "/catalogues/ppxp.toml --compare " + changed.string() + " --format json");
  BOOST_TEST(diff.status == 1);
  const auto dj = nlohmann::json::parse(diff.out);
  BOOST_TEST(dj["changes"].size() == 1u);
  BOOST_TEST(dj["changes"][0]["phase"] == "II");
  BOOST_TEST(dj["changes"][0]["change"] == "eta");
  expect_error("table --compare " + (test_dir() / "missing.json").string(), "cannot be read");
  const fs::path notjson = test_dir() / "not.json";
  std::ofstream(notjson) << "{\"phases\": [{\"phase\": \"Ia\"}]}";
  expect_error("table --compare " + notjson.string(), "xi_formula");
  // [[phase]] names: the three-term catalogue's two phases named by a point in each
  const fs::path named = test_dir() / "named.toml";
  std::ofstream(named) << slurp(std::string(SCALELAW_DATA_DIR) + "/catalogues/three_term.toml")
                       << "[[phase]]\nname = \"balanced\"\npoint = [\"1\"]\n[[phase]]\nname = \"cross\"\npoint = [3]\n";
  const auto nj = run("table --format json --catalogue " + named.string());
  BOOST_TEST(nj.status == 0, nj.err);
  const auto njj = nlohmann::json::parse(nj.out);
  BOOST_TEST(njj["phases"][0]["phase"] == "balanced");
  BOOST_TEST(njj["phases"][1]["phase"] == "cross");
  std::ofstream(named, std::ios::app) << "[[phase]]\nname = \"third\"\npoint = [0.5]\n";
  expect_error("table --catalogue " + named.string(), "phase[3].point");

  const std::string examples = std::string(SCALELAW_DATA_DIR) + "/../examples/claims/";
  const auto good = run("verify --json --points 2 " + examples + "phase_ii.toml");
  BOOST_TEST(good.status == 0, good.out << good.err);
  const auto gj = nlohmann::json::parse(good.out);
  BOOST_TEST(gj["passed"] == true);
  for (const auto& c : gj["claims"])
    for (const char* key : {"name", "passed", "symbolic", "points"}) BOOST_TEST(c.contains(key), key);
  BOOST_TEST(gj["claims"][0]["points"].size() == 2u);
  for (const char* key : {"parameters", "measured", "expected", "passed"}) BOOST_TEST(gj["claims"][0]["points"][0].contains(key), key);
  const auto bad = run("verify --json --points 2 " + examples + "phase_ii_wrong.toml");
  BOOST_TEST(bad.status == 1, bad.err);
  const auto bj = nlohmann::json::parse(bad.out);
  BOOST_TEST(bj["passed"] == false);
  for (const auto& c : bj["claims"]) BOOST_TEST(c["passed"] == false, c["name"]);
  // the measured eta is there, 0.02 below the claimed one
  const auto& p0 = bj["claims"][0]["points"][0];
  BOOST_TEST(std::abs(p0["expected"]["eta"].get<double>() - p0["measured"]["eta"].get<double>() - 0.02) < 0.003, p0.dump());
  const fs::path claims = test_dir() / "claims.toml";
  std::ofstream(claims) << "[[claim]]\nname = \"x\"\nregion = \"alpha > 0\"\nxi = \"1/2\"\n";
  expect_error("verify " + claims.string(), "claims.toml:1: claim[1].eta: missing");
  expect_error("verify --points 0 " + claims.string(), "points");
  expect_error("verify --budget-seconds -1 " + claims.string(), "budget");
}

// Three parameters through the commands (issue 35 item 1): `table --catalogue` prints the catalogue's own names,
// `--compare` against its own JSON finds no change and finds a moved formula (exit 1), and `verify` decides a claim in
// three dimensions: true inside phase P1, false on a region that crosses into another phase.
BOOST_AUTO_TEST_CASE(three_parameter_catalogue) {
  const std::string cat = std::string(SCALELAW_DATA_DIR) + "/catalogues/width_three.toml";
  const fs::path stored = test_dir() / "w3.json", moved = test_dir() / "w3_moved.json";
  const auto t = run("table --format json --catalogue " + cat + " --out " + stored.string());
  BOOST_REQUIRE(t.status == 0);
  const auto tj = nlohmann::json::parse(slurp(stored));
  BOOST_TEST(tj["phases"].size() == 4u);
  BOOST_TEST(tj["phases"][0]["xi_formula"] == "b/(a+b)");
  const auto none = run("table --catalogue " + cat + " --compare " + stored.string());
  BOOST_TEST(none.status == 0, none.out << none.err);
  std::string text = slurp(stored);
  const std::string xi = "\"b/(a+b)\"";
  BOOST_REQUIRE(text.find(xi) != std::string::npos);
  text.replace(text.find(xi), xi.size(), "\"b/(a+b+c)\"");
  std::ofstream(moved) << text;
  const auto diff = run("table --catalogue " + cat + " --compare " + moved.string() + " --format json");
  BOOST_TEST(diff.status == 1);
  const auto dj = nlohmann::json::parse(diff.out);
  BOOST_REQUIRE(dj["changes"].size() == 1u);
  BOOST_TEST(dj["changes"][0]["change"] == "xi");
  const fs::path claims = test_dir() / "w3_claims.toml";
  std::ofstream(claims) << "catalogue = \"" << cat << "\"\n"
                        << "[[claim]]\nname = \"inside\"\n"
                        << "region = \"a - 1 > 0 and 6/5 - a > 0 and b - 1 > 0 and 6/5 - b > 0 and c - 3/2 > 0 and 19/10 - c > 0\"\n"
                        << "xi = \"b/(a+b)\"\neta = \"a*b/(a+b)\"\n"
                        << "[[claim]]\nname = \"crossing\"\n"
                        << "region = \"a - 1 > 0 and 3 - a > 0 and b - 1 > 0 and 3 - b > 0 and c - 1 > 0 and 2 - c > 0\"\n"
                        << "xi = \"b/(a+b)\"\neta = \"a*b/(a+b)\"\n";
  const auto v = run("verify --json " + claims.string());
  BOOST_TEST(v.status == 1, v.out << v.err);
  const auto vj = nlohmann::json::parse(v.out);
  BOOST_REQUIRE(vj["claims"].size() == 2u);
  BOOST_TEST(vj["claims"][0]["passed"] == true);
  BOOST_TEST(vj["claims"][0]["symbolic"]["cells"][0]["parameters"].size() == 3u);
  BOOST_TEST(vj["claims"][1]["passed"] == false);
  BOOST_TEST(vj["claims"][1]["symbolic"]["why"].get<std::string>().find("crosses a phase boundary") != std::string::npos);
}

// Issue 6: `table --format tex` compiles as a standalone document (pdflatex from texlive-latex-base,
// installed by scripts/setup.sh). -halt-on-error makes any undefined macro or missing package fatal.
BOOST_AUTO_TEST_CASE(table_tex_compiles) {
  const fs::path dir = test_dir() / "tex";
  fs::create_directories(dir);
  const fs::path tex = dir / "phase_table.tex";
  BOOST_TEST_REQUIRE(run("table --format tex --out " + tex.string()).status == 0);
  BOOST_TEST_REQUIRE(std::system("command -v pdflatex >/dev/null") == 0, "pdflatex missing: run scripts/setup.sh");
  const std::string cmd = "cd " + dir.string() +
                          " && pdflatex -interaction=nonstopmode -halt-on-error phase_table.tex >pdflatex.out 2>&1";
  const int raw = std::system(cmd.c_str());
  BOOST_TEST(WEXITSTATUS(raw) == 0, "pdflatex failed:\n" << slurp(dir / "pdflatex.out"));
  BOOST_TEST(fs::file_size(dir / "phase_table.pdf") > 1000u);
  BOOST_TEST(slurp(dir / "phase_table.log").find("Overfull \\hbox") == std::string::npos, "table overflows the page");
}

BOOST_AUTO_TEST_CASE(report_quick, *boost::unit_test::precondition(end_to_end)) {
  const fs::path dir = test_dir() / "report";
  fs::remove_all(dir);
  const auto r = run("report --quick --out " + dir.string());
  BOOST_TEST(r.status == 0, r.err);
  const std::string md = slurp(dir / "report.md"), html = slurp(dir / "report.html");
  BOOST_TEST(md.find("## Phases") != std::string::npos);
  // the page is the Markdown rendered (output/html.hpp): every figure inlined (self-contained), every table a table
  const auto count = [](const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size()) ++n;
    return n;
  };
  BOOST_TEST(count(md, "](figures/") >= 10u);
  BOOST_TEST(count(html, "<svg") >= count(md, "](figures/"));
  BOOST_TEST(count(html, "<img") == 0u);
  std::size_t tables = 0;  // delimiter rows: |---|---| or | --- | --- |
  {
    std::istringstream lines(md);
    for (std::string line; std::getline(lines, line);)
      if (line.size() > 2 && line[0] == '|' && line.find_first_not_of("|-: ") == std::string::npos) ++tables;
  }
  BOOST_TEST(tables >= 10u);
  BOOST_TEST(count(html, "<table>") == tables, count(html, "<table>") << " tables in the page, " << tables << " in the Markdown");
  BOOST_TEST(count(html, "<h3>Phase ") == 7u);
  BOOST_TEST(count(html, "<math") >= 27u);  // the phase table: 7 x (xi, eta, region) and 6 boundaries, as MathML
  for (const char* ph : {"Ia", "Ib", "Ic", "II", "III", "IVa", "IVb"})
    BOOST_TEST(md.find(std::string("### Phase ") + ph + " ") != std::string::npos, ph);
  {  // the paper's experiments (output/paper_section.hpp): its four figures, each estimator's exponents with numbers,
     // and both boundaries of the alpha = 0.7 line located on the paper's window
    const auto at = md.find("## Reproducing the paper");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    const std::string paper = md.substr(at, md.find("\n## ", at + 1) - at);
    for (const char* f : {"paper_loss.svg", "paper_isoflop.svg", "paper_line_line.svg", "paper_iv.svg"}) {
      BOOST_TEST(paper.find(std::string("](figures/") + f + ")") != std::string::npos, f);
      BOOST_TEST((fs::exists(dir / "figures" / f) && fs::file_size(dir / "figures" / f) > 1000u), f);
    }
    for (const char* e : {"| 1: smallest loss", "| 2: IsoFLOP", "| 3: the surface"}) {
      const auto p = paper.find(e);
      BOOST_TEST_REQUIRE(p != std::string::npos, e);
      const std::string row = paper.substr(p, paper.find('\n', p) - p);
      BOOST_TEST(row.find("–") == std::string::npos, row);  // "–" is a NaN exponent
    }
    for (const char* b : {"| Ia\\|II |", "| II\\|III |"}) BOOST_TEST(paper.find(b) != std::string::npos, b);
  }
#ifdef SCALELAW_REPORT_PAGE
  {  // the page for tests/test_browser.py (headless Chromium), which runs after this test
    const fs::path keep = SCALELAW_REPORT_PAGE;
    fs::create_directories(keep.parent_path());
    fs::copy_file(dir / "report.html", keep, fs::copy_options::overwrite_existing);
  }
#endif
}

// Interruptions (issue 23): SIGINT a few seconds into `report --quick`, and SIGTERM into `check --quick --out`: exit
// 128 + signal, a line saying what was kept, and in the output directory no temporary and no half-written report (either
// none or a complete one: report.md is written last, whole, by rename).
BOOST_AUTO_TEST_CASE(interrupted_runs_leave_no_half_file, *boost::unit_test::precondition(end_to_end)) {
  struct sig { const char* name; int code; const char* cmd; const char* file; const char* last_line; };
  for (const sig& s : {sig{"INT", 130, "report --quick --out ", "report.md", "## "}, sig{"TERM", 143, "check --quick --out ", "checks.md", "| "}}) {
    const fs::path dir = test_dir() / (std::string("interrupted_") + s.name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto r = run(s.cmd + dir.string(), std::string("timeout --preserve-status -s ") + s.name + " 4 ");
    BOOST_TEST(r.status == s.code, s.name << ": status " << r.status << ", stderr " << r.err);
    BOOST_TEST(r.err.find("interrupted:") != std::string::npos, r.err);
    for (const auto& e : fs::recursive_directory_iterator(dir))
      BOOST_TEST(e.path().filename().string().find(".tmp.") == std::string::npos, "left behind: " << e.path());
    if (fs::exists(dir / s.file)) BOOST_TEST(slurp(dir / s.file).find(s.last_line) != std::string::npos);
  }
}

// The quick proofs-check suite is the CI set: every statement in it must hold, and the files carry the contract's keys.
// `report --quick` runs exactly this suite (checks::run_checks(quick)) and writes the same DIR/checks.json as
// `check --quick --out DIR`, so the report_quick case's file is judged here rather than running the suite twice (~5 min
// on 2 cores); `check --out` itself is exercised on one check below and interrupted in interrupted_runs_leave_no_half_file.
BOOST_AUTO_TEST_CASE(check_quick_passes, *boost::unit_test::depends_on("report_quick") * boost::unit_test::precondition(end_to_end)) {
  const fs::path dir = test_dir() / "report";
  BOOST_TEST_REQUIRE(fs::exists(dir / "checks.json"));
  const auto j = nlohmann::json::parse(slurp(dir / "checks.json"));
  BOOST_TEST(j["checks"].size() >= 10u);
  // issue 18: measured, expected, tolerance are numbers (objects or lists of them), every leaf; seven frontier checks run
  std::function<bool(const nlohmann::json&)> numeric = [&](const nlohmann::json& x) {
    if (x.is_number()) return std::isfinite(x.get<double>());
    if (x.is_object() || x.is_array()) {
      for (const auto& y : x)
        if (!numeric(y)) return false;
      return !x.empty();
    }
    return false;
  };
  unsigned frontier_checks = 0;
  for (const auto& c : j["checks"]) {
    for (const char* key : {"name", "statement", "passed", "measured", "expected", "tolerance", "why"}) BOOST_TEST(c.contains(key), key);
    const std::string name = c["name"].get<std::string>();
    BOOST_TEST(c["passed"].get<bool>(), name << ": " << c["measured_text"].get<std::string>());
    for (const char* key : {"measured", "expected", "tolerance"}) BOOST_TEST(numeric(c[key]), name << " " << key << ": " << c[key].dump());
    if (name.rfind("frontier[", 0) == 0) {
      ++frontier_checks;
      BOOST_TEST(c["measured"]["moved_cells_passing"].get<int>() == 0, name);
    }
  }
  BOOST_TEST(frontier_checks == 7u);
  BOOST_TEST(slurp(dir / "checks.md").find("| frontier[IVa]") != std::string::npos);
  const fs::path one = test_dir() / "check_out";
  fs::remove_all(one);
  fs::create_directories(one);
  const auto r = run("check --only limit_loss --out " + one.string());
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(nlohmann::json::parse(slurp(one / "checks.json"))["checks"].size() == 1u);
  BOOST_TEST(slurp(one / "checks.md").find("limit_loss") != std::string::npos);
  expect_error("check --only no_such_check", "no_such_check");
  expect_error("frontier --alpha 1 --beta 0.3 --method nope", "nope");
  expect_error("frontier --alpha 1 --beta 0.3 --method deq --fit-decades -1", "fit-decades");
  // the DE frontier at small sizes: Ia's local slopes at f = 1e7..1e9 are 0.338-0.343 (NOTES), derived 1/3
  const auto fr = run("frontier --alpha 1 --beta 0.3 --method deq --flops-min 1e5 --flops-max 1e9 --d-max 2048 --fit-decades 1.5 --json");
  BOOST_TEST(fr.status == 0, fr.err);
  BOOST_TEST(std::abs(nlohmann::json::parse(fr.out)["xi"].get<double>() - 1.0 / 3) < 0.03);
  expect_error("frontier --alpha 0.1 --beta 0.1", "no learning");
  // the three-term model (lib/frontier/model.hpp) at small f: phase II's slopes over f = 1e6..1e8 are 0.388, 0.755
  // (derived 0.4, 0.75; the model's local slopes are within 0.01 from f = 1e8 on, `check --only frontier_model[II]`)
  const auto fm = run("frontier --alpha 1.2 --beta 0.8 --method model --flops-min 1e6 --flops-max 1e8 --d-min 1e2 --d-max 1e4 --json");
  BOOST_TEST(fm.status == 0, fm.err);
  const auto jm = nlohmann::json::parse(fm.out);
  BOOST_TEST(std::abs(jm["xi"].get<double>() - 0.4) < 0.02);
  BOOST_TEST(std::abs(jm["eta"].get<double>() - 0.75) < 0.01);
}

BOOST_AUTO_TEST_CASE(jvr_allocate_contract) {
  const auto r = run("jvr allocate --bound \"1/p + 1/T\" --d 10 --points 3 --json");
  BOOST_TEST(r.status == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"C", "p_star", "T_star", "error", "p_exponent", "T_exponent"}) BOOST_TEST(j.contains(key), key);
  BOOST_TEST(j["p_star"][0].is_string());  // more digits than a double: decimal strings
  BOOST_TEST(j["p_star"][0].get<std::string>().substr(0, 8) == "1.000000");  // sqrt(1e4) = 100
  expect_error("jvr allocate --bound \"p\" --d 3", "no interior minimum");
  expect_error("jvr allocate --bound \"1/p + q\" --d 3", "cannot be parsed");
  expect_error("jvr allocate --bound \"1/p + 1/T\" --d nan", "d =");
  expect_error("jvr allocate --bound \"1/p + 1/T\" --d 3 --digits 2", "digits");
  expect_error("jvr allocate --bound teacher-information --d 8 --K 0", "K =");
  expect_error("jvr allocate --bound teacher-information --d 8 --K inf", "K =");
  expect_error("jvr allocate --bound barron-params --d 8 --s \"-1\"", "teacher scale");
  const auto p = run("jvr allocate --bound teacher-information --d 8 --points 1 --digits 10 --json");
  BOOST_TEST(p.status == 0, p.err);
  BOOST_TEST(nlohmann::json::parse(p.out)["preset"] == "teacher-information");
}

BOOST_AUTO_TEST_CASE(jvr_simulate_refusals) {
  const fs::path csv = test_dir() / "sim.csv";
  fs::remove(csv);
  expect_error("jvr simulate --dims 4,x --out " + csv.string(), "--dims");
  expect_error("jvr simulate --dims 4 --computes 100 --out " + csv.string(), "fewer than 3 learner sizes");
  expect_error("jvr simulate --dims 0 --out " + csv.string(), "d =");
  expect_error("jvr simulate --dims 4 --teachers 1 --out " + csv.string(), "teachers");
  expect_error("jvr simulate --dims 4 --learning-rate nan --out " + csv.string(), "learning-rate");
  expect_error("jvr simulate --dims 4 --K 2.5 --out " + csv.string(), "K");
  expect_error("jvr simulate --dims 4 --search-window -1 --out " + csv.string(), "search-window");
  expect_error("jvr simulate --dims 4 --search-window 2.5 --out " + csv.string(), "search-window");
  BOOST_TEST(!fs::exists(csv));  // nothing half-written
  const auto r = run("jvr simulate --dims 4 --computes 3000,6000 --teachers 2 --epochs 20 --test-points 100 --bootstrap 10 --json");
  BOOST_TEST(r.status == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"grid", "optima", "p_exponent", "share_slope"}) BOOST_TEST(j.contains(key), key);
}

BOOST_AUTO_TEST_CASE(help_everywhere) {
  for (const char* cmd : {"--help", "eval --help", "curve --help", "sgd --help", "phase --help", "table --help",
                          "diagram --help", "report --help", "check --help", "frontier --help",
                          "jvr allocate --help", "jvr simulate --help", "jvr report --help"}) {
    const auto r = run(cmd);
    BOOST_TEST(r.status == 0, cmd);
    BOOST_TEST(r.out.find("Usage") != std::string::npos, cmd);
  }
  // --version: the CMake project version, and the commit when built from a checkout (issue 37)
  const auto v = run("--version");
  BOOST_TEST(v.status == 0);
  BOOST_TEST(v.out.rfind("scalelaw 0.", 0) == 0, v.out);
}

// Exact inputs (issue 17): every way of writing a bad number is refused by the one parser, naming the flag; the
// learnability condition is the real one (beta may be <= 0); --digits outside 5..1000 is refused.
BOOST_AUTO_TEST_CASE(exact_inputs_bad_and_good) {
  expect_error("eval fpp --alpha 0.3 --beta 0.2 --r 1 --v 100", "no learning");  // 2a + 2b = 1
  for (const char* bad : {"nan", "1e", "0x1p-3", "0.35abc", "inf", "1/0", "1e99999"})
    expect_error(std::string("eval fpp --alpha ") + bad + " --beta 1 --r 1", "alpha");
  expect_error("eval fpp --alpha 1 --beta 1 --r 1 --digits 0", "digits");
  expect_error("eval fpp --alpha 1 --beta 1 --r 1 --digits 1001", "digits");
  expect_error("eval fpp --alpha 1 --beta 1 --r 1e --digits 20", "r =");
  expect_error("curve --alpha 1 --beta 0.5x --d 50 --steps 100", "beta");
  expect_error("phase --alpha 0.7 --beta -0.2", "no learning");  // 2a + 2b = 1 exactly: the message prints -0.2
  BOOST_TEST(run("phase --alpha 0.7 --beta -0.2").err.find("-0.2)") != std::string::npos);
  // the parameters echo as typed; 7/10 and 0.7 are the same number
  const auto a = run("eval fpp --alpha 7/10 --beta 0.3 --gamma 1e-2 --r 1000 --v 500 --digits 25 --json");
  const auto b = run("eval fpp --alpha 0.7 --beta 0.30 --gamma 0.01 --r 1e3 --v 500 --digits 25 --json");
  BOOST_TEST(a.status == 0, a.err);
  const auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  BOOST_TEST(ja["value"] == jb["value"]);
  BOOST_TEST(ja["parameters"]["alpha"] == "7/10");
  BOOST_TEST(ja["guaranteed"].get<bool>());
}

// Negative beta end to end (issue 17 item 3): the phase table covers it (Ia extends below beta = 0), curve and
// eval run there.
BOOST_AUTO_TEST_CASE(negative_beta) {
  const auto p = run("phase --alpha 0.7 --beta -0.1 --json");
  BOOST_TEST(p.status == 0, p.err);
  const auto j = nlohmann::json::parse(p.out);
  BOOST_TEST(j["phase"] == "Ia");
  BOOST_TEST(j["xi_exact"] == "5/12");  // 1/(2 alpha + 1)
  BOOST_TEST(j["eta_exact"] == "1/12");  // (2 alpha + 2 beta - 1)/(2 alpha + 1)
  const auto c = run("curve --alpha 0.7 --beta -0.1 --d 100 --steps 1000 --json");
  BOOST_TEST(c.status == 0, c.err);
  const auto e = run("eval fpp --alpha 0.7 --beta -0.1 --gamma 0.01 --r 100000 --digits 30 --json");
  BOOST_TEST(e.status == 0, e.err);
  // F_pp at beta = -0.1 is the r-decay of sum j^-1.2 q^r: below zeta(1.2)/2 = 2.79
  BOOST_TEST(std::stod(nlohmann::json::parse(e.out)["value"].get<std::string>()) < 2.8);
}

// frontier without hand-tuning (issue 19): a grid with no interior optimum is exit 1 naming a window that works,
// never a null exponent with exit 0; every new knob refuses bad values.
BOOST_AUTO_TEST_CASE(frontier_no_interior_optimum_and_knobs) {
  const auto r = run("frontier --alpha 0.7 --beta 0.9 --flops-min 1e6 --flops-max 1e7 --d-min 8 --d-max 64 --seeds 1 --json");
  BOOST_TEST(r.status == 1, r.err);
  BOOST_TEST(r.err.find("no interior optimum") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("--flops-min") != std::string::npos, r.err);
  BOOST_TEST(r.out.empty());
  expect_error("frontier --alpha 1 --beta 0.3 --rho 0.5", "rho");
  expect_error("frontier --alpha 1 --beta 0.3 --batch 0", "batch");
  expect_error("frontier --alpha 1 --beta 0.3 --gamma-mult 1.5", "gamma-mult");
  // --v and --gamma are the same at every d (issue 19 item 2; the model is one plrf_options, validated at both ends of the
  // d grid before any curve): a v below the grid's top d, an unstable gamma
  expect_error("frontier --alpha 1 --beta 0.3 --v 100 --d-max 1024", "v = 100 is out of range: must be >= d = 1024");
  expect_error("frontier --alpha 1 --beta 0.3 --gamma 5", "unstable");
  expect_error("frontier --alpha 1 --beta 0.3 --gamma 0", "gamma");
  expect_error("frontier --alpha 1 --beta 0.3 --d-per-octave 0", "d-per-octave");
  expect_error("frontier --alpha 1 --beta 0.3 --flops-points 2", "flops-points");
  expect_error("frontier --alpha 1 --beta 0.3 --threads -1", "threads");
  expect_error("frontier --alpha 1 --beta 0.3 --method exact --f0-scale 0", "f0-scale");
  expect_error("frontier --alpha 1 --beta nan", "beta");
  expect_error("frontier --alpha 1 --beta 0.3 --estimator 4", "estimator");
  expect_error("frontier --alpha 1 --beta 0.3 --budget-seconds -1", "budget-seconds");
  expect_error("frontier --alpha 1 --beta 0.3 --method sgd --runs 0", "runs");
  expect_error("frontier --alpha 1 --beta 0.3 --method sgd --runs 1e6", "runs");
  expect_error("frontier --alpha 1 --beta 0.3 --method sgd --runs 2.5", "runs");
  expect_error("frontier --alpha 1 --beta 0.3 --method exact --runs 10", "--runs applies to --method sgd");
  {  // --method sgd end to end: its window, bootstrap intervals over seeds and runs, and the verdict's model continuation
    const auto r = run("frontier --alpha 1 --beta 0.3 --method sgd --runs 20 --seeds 2 --flops-min 1e3 --flops-max 1e5 "
                       "--d-min 8 --d-max 128 --flops-points 5 --json");
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST(j["window"]["method"] == "sgd");
    BOOST_TEST((j["xi_ci"][0].is_number() && j["xi_ci"][0].get<double>() < j["xi_ci"][1].get<double>()));
    BOOST_TEST(j["verdict"]["xi_model_same_window"].is_number());
    BOOST_TEST(j["exact_same_instances"]["estimators"]["2"]["xi"].is_number());  // the exact curves of the same W
  }
  // the automatic DE window of II takes 17-30 s on 2 cores: a 1 s budget stops it after the first curves, naming the
  // projection (not under the sanitizers, where one DE curve alone can take longer than the 15 s asserted here)
  if (!end_to_end({})) return;
  {  // the flags reach the curves: an explicit gamma (0.25; the default is 0.5 / sum_j j^-2 ~ 0.31) and v change the losses, and the
     // parameters are echoed as given
    const std::string grid = "frontier --alpha 1 --beta 0.3 --method deq --flops-min 1e6 --flops-max 1e8 --flops-points 3 "
                             "--d-min 4 --d-max 4096 --d-per-octave 1 --json";  // 3 s
    const auto base = run(grid), with_gamma = run(grid + " --gamma 0.25"), with_v = run(grid + " --v 20000");
    BOOST_TEST_REQUIRE(base.status <= 1, base.err);
    BOOST_TEST_REQUIRE(with_gamma.status <= 1, with_gamma.err);
    BOOST_TEST_REQUIRE(with_v.status <= 1, with_v.err);
    const auto jb = nlohmann::json::parse(base.out), jg = nlohmann::json::parse(with_gamma.out), jv = nlohmann::json::parse(with_v.out);
    BOOST_TEST(jg["parameters"]["gamma"] == "0.25");
    BOOST_TEST(jv["parameters"]["v"] == "20000");
    BOOST_TEST(jb["points"][0]["loss"] != jg["points"][0]["loss"]);
    BOOST_TEST(jb["points"][0]["loss"] != jv["points"][0]["loss"]);
  }
  const auto t0 = std::chrono::steady_clock::now();
  const auto b = run("frontier --alpha 1.1 --beta 0.8 --budget-seconds 1");  // a progress line may come first, under load
  BOOST_TEST(b.status == 2, b.err);
  BOOST_TEST(b.err.find("error: the frontier would take") != std::string::npos, b.err);
  BOOST_TEST(b.err.find("beyond --budget-seconds 1") != std::string::npos, b.err);
  BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 15);
}

// frontier with only --alpha --beta (issue 19): the DE on the window it reaches, within 0.005 of the derived exponents
// at a point of Ia (at beta < 0: issue 17's negative-beta frontier), II and III away from boundaries. Measured
// (2026-11-29): |dxi|, |deta| <= 5e-4 at all three, 25-45 s each on 2 cores, so 0.005 is the issue's bar with a
// tenfold margin over what the window reaches. A wrong derived cell (moved by 0.01) fails it.
BOOST_AUTO_TEST_CASE(frontier_defaults_reach_the_cells, *boost::unit_test::precondition(end_to_end)) {
  for (const char* ab : {"--alpha 0.7 --beta -0.1", "--alpha 1.1 --beta 0.8", "--alpha 0.7 --beta 0.9"}) {
    const auto r = run(std::string("frontier ") + ab + " --json");
    BOOST_TEST_REQUIRE(r.status == 0, ab << ": " << r.err);
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST(std::abs(j["xi"].get<double>() - j["xi_theory"].get<double>()) < 0.005, ab << " xi " << j["xi"]);
    BOOST_TEST(std::abs(j["eta"].get<double>() - j["eta_theory"].get<double>()) < 0.005, ab << " eta " << j["eta"]);
    BOOST_TEST(j["window"]["automatic"].get<bool>());
    BOOST_TEST(j["local"].size() >= 2u);
    BOOST_TEST(j["verdict"]["passed"].get<bool>(), ab << ": " << j["verdict"].dump());
    BOOST_TEST(j["verdict"]["against"].get<std::string>() == "derived");
    BOOST_TEST(std::abs(j["shares"]["F0"].get<double>() + j["shares"]["Fpp"].get<double>() + j["shares"]["Fac"].get<double>() +
                        j["shares"]["Kpp"].get<double>() - 1) < 1e-9);
  }
}

// frontier --expect (issue 18): any cell, exact or decimal, judged by frontier/verdict.hpp. On the model at II (1.2, 0.8),
// f = 1e19..1e22 (~2 s a call): the derived cell (2/5, 3/4) passes, typed either way; cells 0.02 off fail with exit 1 and say
// which part failed; malformed cells are refused before any work.
BOOST_AUTO_TEST_CASE(frontier_expect_judges_any_cell) {
  const std::string base = "frontier --alpha 1.2 --beta 0.8 --method model --flops-min 1e19 --flops-max 1e22 --d-min 1e6 "
                           "--d-max 1e11 --d-per-octave 2 --fit-decades 1.5 --edge-margin 1.4 --json --expect ";
  for (const char* cell : {"2/5,3/4", "0.4,0.75"}) {
    const auto r = run(base + cell);
    BOOST_TEST_REQUIRE(r.status == 0, cell << ": " << r.err);
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST(j["verdict"]["passed"].get<bool>());
    BOOST_TEST(j["verdict"]["kind"].get<std::string>() == "bridge+limit");
    BOOST_TEST(j["verdict"]["against"].get<std::string>() == "expect");
    BOOST_TEST(std::abs(j["verdict"]["eta_model_1e80"].get<double>() - 0.75) < 0.002);
  }
  for (const char* cell : {"0.42,0.75", "0.38,0.75", "0.4,0.77", "0.4,0.73"}) {
    const auto r = run(base + cell);
    BOOST_TEST(r.status == 1, cell << ": " << r.err);
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST(!j["verdict"]["passed"].get<bool>(), cell);
    BOOST_TEST(j["verdict"]["kind"].get<std::string>() == "limit missed", cell);
  }
  expect_error(base + "0.4", "XI,ETA");
  expect_error(base + "0.4,0.75,1", "XI,ETA");
  expect_error(base + "nan,0.75", "expect xi");
  expect_error(base + "0.4,1e", "expect eta");
}

// check --compare (issue 18): the numbers of `check --json` are a regression baseline. Compared with its own output a
// check moves nothing (exit 0); a measured number changed beyond its tolerance, or a verdict flipped, is listed (exit 1).
BOOST_AUTO_TEST_CASE(check_compare_flags_a_changed_golden_value) {
  const auto base = run("check --only limit_loss --json");
  BOOST_TEST_REQUIRE(base.status == 0, base.err);
  auto j = nlohmann::json::parse(base.out);
  BOOST_TEST_REQUIRE(j["checks"][0]["measured"]["relative_error"].is_number());
  BOOST_TEST(j["checks"][0]["tolerance"]["relative_error"].get<double>() == 1e-9);
  const fs::path same = test_dir() / "same.json", changed = test_dir() / "changed.json", flipped = test_dir() / "flipped.json";
  std::ofstream(same) << j.dump();
  const auto r0 = run("check --only limit_loss --compare " + same.string());
  BOOST_TEST(r0.status == 0, r0.err);
  BOOST_TEST(r0.err.find("nothing") != std::string::npos, r0.err);
  auto c = j;
  c["checks"][0]["measured"]["relative_error"] = 1e-6;  // a golden value 1000x the tolerance away
  std::ofstream(changed) << c.dump();
  const auto r1 = run("check --only limit_loss --json --compare " + changed.string());
  BOOST_TEST(r1.status == 1, r1.err);
  BOOST_TEST(r1.err.find("moved: limit_loss: relative_error") != std::string::npos, r1.err);
  BOOST_TEST(nlohmann::json::parse(r1.out)["moved"].size() == 1u);
  auto f = j;
  f["checks"][0]["passed"] = false;
  std::ofstream(flipped) << f.dump();
  const auto r2 = run("check --only limit_loss --compare " + flipped.string());
  BOOST_TEST(r2.status == 1, r2.err);
  BOOST_TEST(r2.err.find("verdict pass") != std::string::npos, r2.err);
  std::ofstream(test_dir() / "not.json") << "{\"checks\": 3}";
  expect_error("check --only limit_loss --compare " + (test_dir() / "not.json").string(), "checks");
  expect_error("check --only limit_loss --compare " + (test_dir() / "absent.json").string(), "cannot be read");
}

// Hostile input (issue 23): 30 000 nested parentheses crashed GiNaC's recursive parser (exit 139); now refused before
// parsing, as are operator chains and over-long bounds. At the limits (200 levels, 800-operator chains) it parses.
BOOST_AUTO_TEST_CASE(bound_expression_depth_guard) {
  const std::string issue_case = std::string(30000, '(') + "p" + std::string(30000, ')');  // the issue's crash
  expect_error("jvr allocate --bound \"" + issue_case + "\" --d 4", "at most");
  expect_error("jvr allocate --bound \"" + std::string(300, '(') + "p" + std::string(300, ')') + "\" --d 4", "parentheses");
  // found by tests/fuzz/fuzz_expression: a function called with no argument crashed GiNaC's parser (exit 139)
  for (const char* b : {"sqrt()", "3/p + log( )", "exp ()+1/p", "log(,p)", "sqrt(\t)"})
    expect_error(std::string("jvr allocate --bound \"") + b + "\" --d 4", "no argument");
  std::string chain = "1/p+";
  for (int i = 0; i < 1000; ++i) chain += "p^";
  expect_error("jvr allocate --bound \"" + chain + "p\" --d 4", "operators");
  expect_error("jvr allocate --bound \"" + std::string(5000, 'p') + "\" --d 4", "characters");
  const std::string at_limit = std::string(200, '(') + "1/p+1/T" + std::string(200, ')');
  BOOST_TEST(run("jvr allocate --bound \"" + at_limit + "\" --d 4 --points 1").status == 0);
  // found by tests/fuzz/fuzz_expression (2026-11-30): GiNaC reads a sign after ^ as the sign of all that follows, so
  // "p^-1+T^-1" was silently p^-(1+T^-1), and "4^+44^+1+44444" never returned. Refused; p^(-1)+T^(-1) is 1/p+1/T.
  for (const char* b : {"p^-1+T^-1", "p^ -0.5 + T^(-0.5)", "4^++++++44^+++1++44444"})
    expect_error(std::string("jvr allocate --bound \"") + b + "\" --d 4", "parentheses");
  expect_error("jvr allocate --bound \"exp(exp(p))+1/T\" --d 4", "cannot be evaluated");  // was CLN's overflow, exit 3
  const auto sign = run("jvr allocate --bound \"p^(-1)+T^(-1)\" --d 4 --points 2 --json");
  const auto plain = run("jvr allocate --bound \"1/p+1/T\" --d 4 --points 2 --json");
  BOOST_TEST_REQUIRE(sign.status == 0, sign.err);
  auto js = nlohmann::json::parse(sign.out), jp = nlohmann::json::parse(plain.out);
  js.erase("bound");  // the text as typed; the stationarity condition is printed canonically (infotheory/expression.hpp)
  jp.erase("bound");
  BOOST_TEST(js.dump() == jp.dump());
}

// Resource guards (issue 23): work whose memory estimate exceeds --max-memory (default: the memory available) is refused
// before it allocates, with the estimate in the message: exit 2, in well under 2 s, no output file. Before the guards the
// exact instance at d = 30000 and the Monte Carlo at C = 1e11 ended in std::bad_alloc (exit 3, "internal").
BOOST_AUTO_TEST_CASE(resource_guards) {
  const fs::path out = test_dir() / "guarded.csv";
  const fs::path huge = test_dir() / "huge.csv";
  std::ofstream(huge).close();
  fs::resize_file(huge, 209715200);  // 200 MiB of zero bytes, sparse: no disk used
  struct guard { std::string args, mention; };
  const std::string o = " --out " + out.string();
  for (const guard& g : {
           guard{"curve --alpha 1 --beta 0.3 --d 2000 --v 8000 --steps 1e4 --method exact --max-memory 10M" + o,
                 "an instance with v = 8000, d = 2000 needs ~288 MB of memory, beyond the limit of 10.5 MB"},
           guard{"curve --alpha 1 --beta 0.3 --d 30000 --v 120000 --steps 1e4 --method exact --max-memory 32G" + o, "of memory"},
           guard{"sgd --alpha 1 --beta 0.5 --d 3000 --v 12000 --steps 100 --runs 2 --naive --max-memory 100M" + o, "of memory"},
           guard{"frontier --alpha 1 --beta 0.3 --method exact --d-max 4096 --max-memory 1G --threads 2", "2 exact instances at once"},
           guard{"jvr simulate --dims 4 --computes 1e9,2e9,4e9 --teachers 2 --max-memory 1G" + o, "the Monte Carlo at d = 4"},
           guard{"jvr simulate --dims 4 --computes 1e11,2e11,4e11 --teachers 2" + o, "(limit 2.1e9)"},
           guard{"curve --steps 1e3 --f0 0.1 --gamma 0.5 --spectrum " + huge.string() + " --max-memory 100M" + o,
                 "reading '" + huge.string() + "' (210 MB) needs ~839 MB of memory"},
           guard{"frontier --alpha 1 --beta 0.3 --threads 5000", "threads"},
           guard{"--max-memory 0 eval fpp --alpha 1 --beta 0.3 --v inf --gamma 0.1 --r 10", "max-memory"},
           guard{"eval fpp --alpha 1 --beta 0.3 --v inf --gamma 0.1 --r 10 --max-memory 4Q", "max-memory"},
           guard{"eval fpp --alpha 1 --beta 0.3 --v inf --gamma 0.1 --r 10 --max-memory nan", "max-memory"}}) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = run(g.args);  // a progress line may come first ("curve: instantiating W ..."), then the refusal
    BOOST_TEST(r.status == 2, g.args << " -> status " << r.status);
    BOOST_TEST(r.err.find("error: ") != std::string::npos, g.args << " -> stderr: " << r.err);
    BOOST_TEST(r.err.find(g.mention) != std::string::npos, g.args << " -> stderr lacks '" << g.mention << "': " << r.err);
    BOOST_TEST(r.out.empty(), g.args << " -> stdout: " << r.out);
    if (!std::getenv("SCALELAW_CI_SANITIZER"))
      BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 2.0, g.args);
    BOOST_TEST(!fs::exists(out), g.args);
  }
  // within the limit the same commands run: a small instance under a small limit
  const auto ok = run("curve --alpha 1 --beta 0.3 --d 100 --v 400 --steps 1e3 --method exact --points 5 --max-memory 10M --json");
  BOOST_TEST(ok.status == 0, ok.err);
}
