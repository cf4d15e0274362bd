"""The version is written once, in meson.build's project(); everything else
takes it from there or must agree with it:
- r57/version.h is generated from it (include/r57/meson.build);
- the Python package takes it (pyproject.toml: dynamic = ["version"],
  which meson-python fills from meson.build);
- the Maven poms cannot read meson.build, so they are checked here: the
  binding's <version>, the example portal's <version> and its dependency on
  org.r57:r57 must all be meson.build's, and so must the dependency the
  README and docs/java.md show.
Usage: check_versions.py VERSION SOURCE_DIR"""
import os
import re
import sys
import tomllib
import xml.etree.ElementTree as ET

version, src = sys.argv[1:3]
problems = []

with open(os.path.join(src, "pyproject.toml"), "rb") as f:
    project = tomllib.load(f)["project"]
if "version" in project or "version" not in project.get("dynamic", []):
    problems.append('pyproject.toml: [project] must say dynamic = ["version"] (meson-python takes '
                    "meson.build's), not a version of its own")

POM = "{http://maven.apache.org/POM/4.0.0}"
for pom, wanted in (("bindings/java/pom.xml", [f"{POM}version"]),
                    ("examples/java/pom.xml", [f"{POM}version",
                                               f"{POM}dependencies/{POM}dependency[{POM}artifactId='r57']/{POM}version"])):
    root = ET.parse(os.path.join(src, pom)).getroot()
    for path in wanted:
        found = root.find(path)
        text = found.text if found is not None else None
        if text != version:
            what = "org.r57:r57 dependency's <version>" if "dependency" in path else "<version>"
            problems.append(f"{pom}: {what} is {text}, meson.build's version is {version}")

snippet = re.compile(r"<artifactId>r57</artifactId>\s*<version>([^<]*)</version>")
for doc in ("README.md", "docs/java.md"):
    for shown in snippet.findall(open(os.path.join(src, doc), encoding="utf-8").read()):
        if shown != version:
            problems.append(f"{doc}: shows the dependency org.r57:r57 {shown}, meson.build's version is {version}")

if problems:
    print("\n".join(problems))
    print(f"(write {version} there: a new version goes into meson.build's project() first, then the poms)")
    sys.exit(1)
print(f"version {version}: meson.build, the Python package, the Maven poms and the docs agree "
      "(r57/version.h: test header-c)")
