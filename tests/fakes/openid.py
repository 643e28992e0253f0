"""A fake Bot Framework OpenID endpoint with our own RSA key, and tokens signed by it.

Served from a thread: botbuilder fetches the metadata with blocking `requests`, from inside
the event loop the bot runs in.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"
KEY_ID = "test-key-1"


@functools.cache
def new_key(name: str = "channel") -> rsa.RSAPrivateKey:
    """An RSA key per name, made once per test process (making one takes a while)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeOpenId:
    def __init__(self) -> None:
        self.key = new_key()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def metadata_url(self) -> str:
        return self.url + "/.well-known/openid-configuration"

    def start(self) -> FakeOpenId:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def jwks(self) -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        public.update(kid=KEY_ID, use="sig", alg="RS256", endorsements=["msteams"])
        return {"keys": [public]}

    def token(
        self,
        audience: str,
        service_url: str,
        *,
        key: rsa.RSAPrivateKey | None = None,
        key_id: str = KEY_ID,
        issuer: str = ISSUER,
        lifetime: int = 3600,
    ) -> str:
        now = int(time.time())
        claims = {
            "iss": issuer,
            "aud": audience,
            "serviceurl": service_url,
            "nbf": now - 10,
            "iat": now - 10,
            "exp": now + lifetime,
        }
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": key_id})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    body = {"issuer": ISSUER, "jwks_uri": fake.url + "/keys"}
                elif self.path == "/keys":
                    body = fake.jwks()
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        return Handler
