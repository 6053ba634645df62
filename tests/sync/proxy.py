"""A TCP proxy between a pusher and the PostgreSQL server that forwards, resets and
black-holes: the network faults a desk meets, made on demand."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from types import TracebackType


class Proxy:
    """Listens on 127.0.0.1:``port`` and forwards to 127.0.0.1:``target``.

    ``blackhole()``: bytes in both directions vanish, connections stay open, new ones are
    accepted and never answered (a cut cable behind a router). ``reset()``: every open
    connection is closed with a TCP RST. ``forward()``: back to normal for new connections.
    """

    def __init__(self, target: int) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._black = threading.Event()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._closing = False
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    def forward(self) -> None:
        self._black.clear()

    def blackhole(self) -> None:
        self._black.set()

    def reset(self) -> None:
        with self._lock:
            sockets, self._open = self._open, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()

    def close(self) -> None:
        self._closing = True
        self._listener.close()
        self.reset()

    def __enter__(self) -> Proxy:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._open.append(client)
            if self._black.is_set():
                continue  # accepted, never answered
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if not self._black.is_set():
                    sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
