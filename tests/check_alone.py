"""A tree without the shared data (../shared/data) configures, and every test
or build step that would read it is a SKIP instead: configures the source
tree again into a scratch folder with -Dshared_data pointing nowhere and
reads the tests and targets meson defined.  Also fails on a test source
that builds the path to ../shared by hand instead of taking it from meson,
or a C test that reads it (shared_file) but is not run without it.
(scripts/test.sh builds and runs a clean clone without ../shared in full.)
Usage: check_alone.py MESON SOURCE_DIR SCRATCH_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys

meson, src, scratch = sys.argv[1:4]
shutil.rmtree(scratch, ignore_errors=True)
missing = os.path.join(scratch, "no-shared-data")
setup = subprocess.run([meson, "setup", scratch, src, "-Dshared_data=" + missing],
                       capture_output=True, text=True)
assert setup.returncode == 0, f"meson setup without the shared data failed:\n{setup.stdout}\n{setup.stderr}"


def introspect(what):
    p = subprocess.run([meson, "introspect", scratch, what], capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


problems = []
tests = introspect("--tests")
skips = [t["name"] for t in tests if t["cmd"][0].endswith("skip.sh")]
for t in tests:
    uses = json.dumps([t["cmd"], t["env"]])
    if missing in uses and not t["cmd"][0].endswith("skip.sh"):
        problems.append(f"test '{t['name']}' reads {missing} but is not a skip")
for t in introspect("--targets"):
    if t["type"] == "custom" and missing in json.dumps(t):
        problems.append(f"build step '{t['name']}' reads {missing}: the build would fail")
# A C test that reads the shared data (shared_file(), tests/helpers.h) must
# leave its shared-data cases out here (tests/meson.build: reads_shared_data);
# its other cases run with the data pointed nowhere in every build
# ('NAME-without-shared-data'), so an untagged case that needs it fails.
for f in sorted(os.listdir(os.path.join(src, "tests"))):
    if f.startswith("test_") and f.endswith(".c") and \
            "shared_file(" in open(os.path.join(src, "tests", f), encoding="utf-8").read():
        name = f[len("test_"):-len(".c")]
        env = next((t["env"] for t in tests if t["name"] == name), {})
        if env.get("CK_EXCLUDE_TAGS") != "shared-data":
            problems.append(f"test '{name}' reads the shared data (shared_file) but is not in "
                            "tests/meson.build's reads_shared_data")

# The path is meson's (-Dshared_data, R57_SHARED_DATA, a test's argument),
# never built by hand in a test or example.
by_hand = re.compile(r'"/\.\./shared|"\.\.", "shared"|\'\.\.\' / \'shared\'')
for folder in ("tests", "examples", "bench"):
    for root, _, files in os.walk(os.path.join(src, folder)):
        for f in files:
            if f.endswith((".c", ".h", ".py", ".build", ".sh")):
                path = os.path.join(root, f)
                for n, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
                    if by_hand.search(line):
                        problems.append(f"{os.path.relpath(path, src)}:{n}: builds the path to ../shared by hand")

shutil.rmtree(scratch, ignore_errors=True)
assert not problems, "\n".join(problems)
assert skips, "no test is a skip without the shared data"
print(f"{len(tests)} tests without the shared data; skipped, saying why: {', '.join(skips)}")
