// drishti-models: lists the model manifest and checks the installed model files.
#include <cstdio>
#include <cstring>
#include <string>

#include "models/model_catalog.h"

namespace {

void usage() {
  std::puts(
      "Usage: drishti-models [list | check | path NAME] [--manifest FILE]\n"
      "\n"
      "  list        every model in the manifest with its package and licence\n"
      "  check       find every model and verify its size and sha256 (default)\n"
      "  path NAME   print where model NAME is, or why it cannot be used\n"
      "\n"
      "Exit status: 0 all good, 1 a model is missing or damaged, 2 bad usage or manifest.");
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = "check";
  std::string name;
  std::string manifest = drishti::models::defaultManifestPath();
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      usage();
      return 0;
    }
    if (std::strcmp(argv[i], "--manifest") == 0 && i + 1 < argc) {
      manifest = argv[++i];
    } else if (std::strcmp(argv[i], "list") == 0 || std::strcmp(argv[i], "check") == 0) {
      command = argv[i];
    } else if (std::strcmp(argv[i], "path") == 0 && i + 1 < argc) {
      command = "path";
      name = argv[++i];
    } else {
      std::fprintf(stderr, "drishti-models: unexpected argument '%s' (see --help)\n", argv[i]);
      return 2;
    }
  }

  std::string error;
  const auto catalog = drishti::models::ModelCatalog::load(manifest, error);
  if (!catalog) {
    std::fprintf(stderr, "drishti-models: %s\n", error.c_str());
    return 2;
  }
  if (command == "path") {
    const auto where = catalog->locate(name);
    if (!where.found) {
      std::fprintf(stderr, "drishti-models: %s\n", where.message.c_str());
      return 1;
    }
    std::puts(where.path.c_str());
    return 0;
  }
  int bad = 0;
  for (const auto& e : catalog->entries()) {
    if (command == "list") {
      std::printf("%s\n  file:    %s\n  package: %s\n  licence: %s\n  source:  %s\n",
                  e.name.c_str(), e.file.c_str(), e.package.c_str(), e.licence.c_str(),
                  e.source.c_str());
      continue;
    }
    const auto where = catalog->locate(e.name, {}, true);
    if (where.found) {
      std::printf("ok       %-20s %s (sha256 verified)\n", e.name.c_str(), where.path.c_str());
    } else {
      std::printf("MISSING  %-20s %s\n", e.name.c_str(), where.message.c_str());
      ++bad;
    }
  }
  return bad == 0 ? 0 : 1;
}
