"""What a schema cannot see: do the stack's files agree with each other?

Usage: python consistency.py REPO   (the image virtualenv's Python: it reads CKAN)

- every service named in depends_on exists; every named volume is declared; every
  file the compose file mounts, builds from or reads exists;
- every image is pinned to a tag other than `latest`;
- every ${VARIABLE} the compose file uses is documented in env.example, and every
  CKAN_* variable env.example sets is one CKAN reads (CONFIG_FROM_ENV_VARS) or one
  docker/entrypoint.sh reads;
- docker/ckan.ini loads hub.ini's plugins plus spatial_query, no more, no less;
- the DataStore URLs every CKAN service gets name one database on the db service,
  not CKAN's, written by CKAN's user and read by a user of its own; xloader's
  site URL is the ckan service's exposed port;
- the Dockerfile copies the files docker/ckan.ini and the entrypoint rely on, and
  installs requirements-no-deps.txt (ckanext-xloader).
"""
from __future__ import annotations

import configparser
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from ckan.config.environment import CONFIG_FROM_ENV_VARS

VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}")


def app_main(ini: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(ini)
    return parser["app:main"]


def plugins(ini: Path) -> list[str]:
    return app_main(ini)["ckan.plugins"].split()


def datastore_problems(services: dict, ini: configparser.SectionProxy) -> list[str]:
    problems = []
    for name, service in services.items():
        if not service.get("build"):
            continue
        env = service.get("environment") or {}
        try:
            main, write, read = (urlsplit(VARIABLE.sub("x", env[key])) for key in
                                 ("CKAN_SQLALCHEMY_URL", "CKAN_DATASTORE_WRITE_URL", "CKAN_DATASTORE_READ_URL"))
        except KeyError as missing:
            problems.append(f"{name} gets no {missing.args[0]}")
            continue
        if not (write.hostname == read.hostname == main.hostname and write.hostname in services):
            problems.append(f"{name}: the DataStore URLs do not name the database service")
        if write.path != read.path or write.path == main.path:
            problems.append(f"{name}: the DataStore URLs name different databases, or CKAN's")
        if write.username != main.username or read.username in (write.username, main.username):
            problems.append(f"{name}: the DataStore writer is not CKAN's user, or the reader is not a user of its own")
    site = urlsplit(ini.get("ckanext.xloader.site_url", ""))
    ckan = services.get(site.hostname or "", {})
    if str(site.port) not in [str(port) for port in ckan.get("expose", [])]:
        problems.append(f"ckanext.xloader.site_url {site.geturl()!r} is not a port the service exposes")
    return problems


def main(repo: Path) -> None:
    docker = repo / "docker"
    text = (docker / "docker-compose.yml").read_text()
    compose = yaml.safe_load(text)
    services = compose["services"]
    problems = []

    for name, service in services.items():
        needs = service.get("depends_on", {})
        for other in needs if isinstance(needs, (list, dict)) else []:
            if other not in services:
                problems.append(f"{name} depends on a service that does not exist: {other}")
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith((".", "/")):
                if not (docker / source).exists():
                    problems.append(f"{name} mounts a missing file: {source}")
            elif source not in (compose.get("volumes") or {}):
                problems.append(f"{name} uses an undeclared volume: {source}")
        build = service.get("build")
        if build and not (docker / build["context"] / build["dockerfile"]).is_file():
            problems.append(f"{name} builds from a missing Dockerfile")
        image = service.get("image", "")
        if not build and (":" not in image or image.endswith(":latest")):
            problems.append(f"{name}: image {image!r} is not pinned to a tag")
        for env_file in service.get("env_file", []):
            if env_file == ".env" and not (docker / "env.example").is_file():
                problems.append(f"{name} reads .env but there is no env.example to copy it from")

    example = (docker / "env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, re.M))
    for variable in sorted(set(VARIABLE.findall(text))):
        if variable not in documented:
            problems.append(f"docker-compose.yml uses ${{{variable}}}, not documented in env.example")
    entrypoint = (docker / "entrypoint.sh").read_text()
    ckan_reads = set(CONFIG_FROM_ENV_VARS.values())
    for variable in sorted(v for v in documented if v.startswith("CKAN_")):
        if variable not in ckan_reads and variable not in entrypoint:
            problems.append(f"env.example sets {variable}, which neither CKAN nor the entrypoint reads")

    hub, stack = plugins(repo / "config" / "hub.ini"), plugins(docker / "ckan.ini")
    if stack != hub + ["spatial_query"]:
        missing, extra = set(hub) - set(stack), set(stack) - set(hub) - {"spatial_query"}
        problems.append("docker/ckan.ini's plugins are not hub.ini's plus spatial_query"
                        f" (missing: {sorted(missing)}, extra: {sorted(extra)})")
    if not re.search(r"^use = config:hub.ini$", (docker / "ckan.ini").read_text(), re.M):
        problems.append("docker/ckan.ini does not use hub.ini from its own directory")
    problems += datastore_problems(services, app_main(docker / "ckan.ini"))
    dockerfile = (docker / "Dockerfile").read_text()
    for needed in ("config/hub.ini", "docker/ckan.ini", "docker/wsgi.py", "docker/entrypoint.sh"):
        if needed not in dockerfile:
            problems.append(f"the Dockerfile does not copy {needed}")
    if "--no-deps -r /build/requirements-no-deps.txt" not in dockerfile:
        problems.append("the Dockerfile does not install requirements-no-deps.txt (ckanext-xloader)")

    if problems:
        sys.exit("\n".join(problems))
    print(f"{len(services)} services: references, mounts, image tags, {len(documented)} documented variables, "
          f"plugin list ({len(stack)}), DataStore URLs, xloader's site URL and the Dockerfile agree")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
