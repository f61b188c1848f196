"""`ssg serve`: the local server answers like a static host, at the root and under the base path."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable

import pytest

from ssg.serve.server import make_server


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest, basic) -> tuple[str, int]:
    httpd = make_server(basic.out, "127.0.0.1", 0, "/hub/")
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)

    request.addfinalizer(stop)
    host, port = httpd.server_address[:2]
    return str(host), int(port)


@pytest.fixture()
def get(server: tuple[str, int]) -> Callable[..., tuple[int, dict[str, str], bytes]]:
    def _get(path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(*server, timeout=5)
        try:
            conn.request(method, path)
            response = conn.getresponse()
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            conn.close()

    return _get


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("/", "index.html"),
        ("/hub/", "index.html"),
        ("/posts/hello/", "posts/hello/index.html"),
        ("/hub/posts/hello/", "posts/hello/index.html"),
        ("/hub/tags/news/page/2/", "tags/news/page/2/index.html"),
        ("/hub/feed.xml", "feed.xml"),
        ("/hub/static/css/style.css", "static/css/style.css"),
        ("/hub/posts/hello/?utm=x", "posts/hello/index.html"),
    ],
)
def test_serves_files_and_directories(get, basic, path: str, file: str) -> None:
    status, _, body = get(path)
    assert status == 200
    assert body == (basic.out / file).read_bytes()


def test_directory_without_slash_redirects_within_base(get) -> None:
    status, headers, _ = get("/hub/posts/hello")
    assert status == 301
    assert headers["location"] == "/hub/posts/hello/"


@pytest.mark.parametrize("path", ["/nope/", "/hub/nope/", "/hub/posts/missing.html", "/hubble/"])
def test_missing_paths_get_the_404_page(get, basic, path: str) -> None:
    status, headers, body = get(path)
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert body == (basic.out / "404.html").read_bytes()


def test_head_of_missing_path_has_no_body(get) -> None:
    status, _, body = get("/nope/", method="HEAD")
    assert status == 404
    assert body == b""


def test_root_only_server_does_not_strip(basic) -> None:
    httpd = make_server(basic.out, "127.0.0.1", 0)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        conn = http.client.HTTPConnection(*httpd.server_address[:2], timeout=5)
        conn.request("GET", "/hub/")
        assert conn.getresponse().status == 404
        conn.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_ssg_serve_serves_until_ctrl_c_and_stops_cleanly(hub, tmp_path) -> None:
    """The real command: print the address, answer requests, stop on Ctrl+C without a traceback."""
    import os
    import queue
    import re
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = hub()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    command = [sys.executable, "-m", "ssg", "serve", "--site", str(root), "--today", "2026-11-25",
               "--port", "0"]  # fmt: skip
    proc = subprocess.Popen(  # Ctrl+C as in a terminal, even if this run inherited SIGINT ignored
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    lines: queue.Queue[str] = queue.Queue()
    said: list[str] = []
    reader = threading.Thread(
        target=lambda: [(lines.put(x), said.append(x)) for x in proc.stderr], daemon=True
    )
    reader.start()
    port = None
    try:
        while port is None:
            line = lines.get(timeout=60)  # bounded: raises queue.Empty if serve never speaks
            found = re.search(r"serving .* at http://127\.0\.0\.1:(\d+)/", line)
            port = int(found[1]) if found else None
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for path, status in (("/", 200), ("/hub/communities/", 200), ("/hub/nope/", 404)):
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            assert response.status == status, path
        conn.close()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait(timeout=5)
    reader.join(timeout=5)
    assert code == 0, "".join(said)  # what the server printed, should it not stop
    assert "Traceback" not in "".join(said)
    assert said[-1] == "ssg: stopped\n"
    assert not (root / "public").exists()  # served from memory: nothing written


def test_a_port_in_use_says_so_and_suggests_another(run_cli, hub, busy_port: int) -> None:
    code, _, err = run_cli("serve", "--site", hub(), "--port", busy_port, "--today", "2026-11-25")
    assert code == 2
    assert f"port {busy_port} on 127.0.0.1 is already in use" in err
    assert f"--port {busy_port + 1}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "path", ["/../site.yaml", "/%2e%2e/x", "/hub/static/..%2f..%2fx", "/static/%2fetc%2fpasswd"]
)
def test_the_folder_server_refuses_traversal(get, path: str) -> None:
    assert get(path)[0] == 403


def test_the_folder_server_does_not_follow_symlinks_out(basic, tmp_path) -> None:
    import os
    import shutil

    out = tmp_path / "public"
    shutil.copytree(basic.out, out)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", out / "leak.txt")
    httpd = make_server(out, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        conn = http.client.HTTPConnection(*httpd.server_address[:2], timeout=5)
        conn.request("GET", "/leak.txt")
        response = conn.getresponse()
        assert response.status == 404
        assert b"secret" not in response.read()
        conn.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
