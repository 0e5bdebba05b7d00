"""
An independent OMEMO client for Switchboard's interop tests: slixmpp with slixmpp-omemo
(python-omemo + oldmemo, XEP-0384 v0.3 `eu.siacs.conversations.axolotl`), driven by the
test over stdin/stdout, one JSON object per line.

  in:  {"cmd": "send", "to": "bob@localhost", "body": "hi", "id": "x1"}
       {"cmd": "quit"}
  out: {"event": "ready", "device": 12345}
       {"event": "message", "from": "...", "body": "...", "encrypted": true, "device": 678}
       {"event": "sent", "id": "x1"}
       {"event": "error", "text": "..."}

Blind trust before verification (BTBV) is on, as in Conversations. The OMEMO data lives in
the JSON file given, so a restarted peer keeps its device and sessions.
"""
import asyncio
import hashlib
import json
import os
import urllib.request
import xml.etree.ElementTree as ET
import logging
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any, Dict, FrozenSet, Optional

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from omemo.storage import Just, Maybe, Nothing, Storage
from omemo.types import DeviceInformation, JSONType
from slixmpp.clientxmpp import ClientXMPP
from slixmpp.jid import JID
from slixmpp.plugins import register_plugin
from slixmpp.stanza import Message
from slixmpp.xmlstream.handler import CoroutineCallback
from slixmpp.xmlstream.matcher import MatchXPath
from slixmpp_omemo import XEP_0384

OLDMEMO = "eu.siacs.conversations.axolotl"


def emit(event: Dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class JsonStorage(Storage):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.data: Dict[str, JSONType] = {}
        if path.exists():
            self.data = json.loads(path.read_text(encoding="utf8"))

    def save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data), encoding="utf8")
        tmp.replace(self.path)

    async def _load(self, key: str) -> Maybe[JSONType]:
        return Just(self.data[key]) if key in self.data else Nothing()

    async def _store(self, key: str, value: JSONType) -> None:
        self.data[key] = value
        self.save()

    async def _delete(self, key: str) -> None:
        self.data.pop(key, None)
        self.save()


class PeerOmemo(XEP_0384):
    default_config = {"fallback_message": "This message is OMEMO encrypted.", "json_file_path": None}

    def plugin_init(self) -> None:
        self._storage = JsonStorage(Path(self.json_file_path))
        super().plugin_init()

    @property
    def storage(self) -> Storage:
        return self._storage

    @property
    def _btbv_enabled(self) -> bool:
        return True

    async def _devices_blindly_trusted(self, blindly_trusted: FrozenSet[DeviceInformation], identifier: Optional[str]) -> None:
        pass

    async def _prompt_manual_trust(self, manually_trusted: FrozenSet[DeviceInformation], identifier: Optional[str]) -> None:
        emit({"event": "error", "text": f"manual trust asked for {manually_trusted}"})


register_plugin(PeerOmemo)


class Peer(ClientXMPP):
    def __init__(self, jid: str, password: str) -> None:
        super().__init__(jid, password)
        self.commands_task: Optional["asyncio.Task[None]"] = None
        self.add_event_handler("session_start", self.start)
        self.register_handler(CoroutineCallback("Messages", MatchXPath(f"{{{self.default_ns}}}message"), self.on_message))

    async def start(self, _event: Any) -> None:
        self.send_presence()
        await self.get_roster()
        session_manager = await self["xep_0384"].get_session_manager()
        own, _others = await session_manager.get_own_device_information()
        emit({"event": "ready", "device": own.device_id})
        # Kept referenced: asyncio holds tasks weakly, and a collected reader stops taking commands.
        self.commands_task = asyncio.get_event_loop().create_task(self.read_commands())

    async def on_message(self, stanza: Message) -> None:
        if stanza["type"] not in ("chat", "normal", "groupchat"):
            return
        xep_0384: XEP_0384 = self["xep_0384"]
        sender = stanza["from"].bare
        if stanza["type"] == "groupchat":
            real = self["xep_0045"].get_jid_property(JID(stanza["from"].bare), stanza["from"].resource, "jid")
            if real is None or JID(real).bare == self.boundjid.bare:
                return  # the room's reflection of our own message, or a sender we cannot attribute
            sender = JID(real).bare
        if not xep_0384.is_encrypted(stanza):
            if stanza["body"]:
                emit({"event": "message", "from": sender, "body": stanza["body"], "encrypted": False})
            return
        try:
            message, device = await xep_0384.decrypt_message(stanza)
        except Exception as error:  # pylint: disable=broad-exception-caught
            emit({"event": "error", "text": f"decrypt failed: {type(error).__name__}: {error}"})
            return
        if message["body"]:
            room = stanza["from"].bare if stanza["type"] == "groupchat" else None
            emit({"event": "message", "from": sender, "body": message["body"], "encrypted": True, "device": device.device_id, "room": room})
            if message["body"].startswith("aesgcm://"):
                emit({"event": "file", "from": sender, "sha256": await asyncio.to_thread(fetch_aesgcm, message["body"])})

    async def read_commands(self) -> None:
        loop = asyncio.get_event_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while True:
            line = await reader.readline()
            if not line:
                self.disconnect()
                return
            command = json.loads(line)
            if command["cmd"] == "quit":
                await self.disconnect()
                emit({"event": "bye"})
                return
            if command["cmd"] == "sendfile":
                try:
                    link = await self.upload_encrypted(bytes.fromhex(command["hex"]), command["name"])
                    await self.send_encrypted(JID(command["to"]), link)
                    emit({"event": "sent", "id": command.get("id")})
                except Exception as error:  # pylint: disable=broad-exception-caught
                    emit({"event": "error", "id": command.get("id"), "text": f"sendfile failed: {type(error).__name__}: {error}"})
            if command["cmd"] == "join":
                await self["xep_0045"].join_muc_wait(JID(command["room"]), command["nick"])
                emit({"event": "sent", "id": command.get("id")})
            if command["cmd"] == "sendroom":
                try:
                    await self.send_encrypted(JID(command["room"]), command["body"], room=True)
                    emit({"event": "sent", "id": command.get("id")})
                except Exception as error:  # pylint: disable=broad-exception-caught
                    emit({"event": "error", "id": command.get("id"), "text": f"sendroom failed: {type(error).__name__}: {error}"})
            if command["cmd"] == "send":
                try:
                    await self.send_encrypted(JID(command["to"]), command["body"])
                    emit({"event": "sent", "id": command.get("id")})
                except Exception as error:  # pylint: disable=broad-exception-caught
                    emit({"event": "error", "id": command.get("id"), "text": f"send failed: {type(error).__name__}: {error}"})

    async def upload_encrypted(self, data: bytes, name: str) -> str:
        """XEP-0454: AES-256-GCM (12-byte IV, tag appended), XEP-0363 upload, an aesgcm:// link."""
        iv, key = os.urandom(12), os.urandom(32)
        sealed = AESGCM(key).encrypt(iv, data, None)
        iq = self.make_iq_get(ito=f"upload.{self.boundjid.domain}")
        iq.append(ET.fromstring(f"<request xmlns='urn:xmpp:http:upload:0' filename='{name}' size='{len(sealed)}' content-type='application/octet-stream'/>"))
        slot = (await iq.send()).xml.find("{urn:xmpp:http:upload:0}slot")
        put_elt = slot.find("{urn:xmpp:http:upload:0}put")
        put = put_elt.get("url")
        get = slot.find("{urn:xmpp:http:upload:0}get").get("url")
        headers = {"Content-Type": "application/octet-stream"}
        for header in put_elt.findall("{urn:xmpp:http:upload:0}header"):
            headers[header.get("name")] = header.text or ""
        request = urllib.request.Request(put, data=sealed, method="PUT", headers=headers)
        await asyncio.to_thread(lambda: urllib.request.urlopen(request).read())
        return "aesgcm://" + get.split("://", 1)[1] + "#" + iv.hex() + key.hex()

    async def send_encrypted(self, to: JID, body: str, room: bool = False) -> None:
        xep_0384: XEP_0384 = self["xep_0384"]
        message = self.make_message(mto=to, mtype="groupchat" if room else "chat")
        message["body"] = body
        recipients = {to}
        if room:
            muc = self["xep_0045"]
            recipients = {JID(muc.get_jid_property(to, nick, "jid")).bare for nick in muc.get_roster(to)} - {self.boundjid.bare}
            recipients = {JID(jid) for jid in recipients}
        encrypted, errors = await xep_0384.encrypt_message(message, recipients)
        if errors:
            emit({"event": "warning", "text": f"encryption errors: {errors}"})
        if encrypted is None:
            raise RuntimeError("nothing to send")
        encrypted.send()


def fetch_aesgcm(link: str) -> str:
    """Fetch and decrypt an aesgcm:// link (http for the loopback test server); the plaintext's SHA-256."""
    rest, fragment = link[len("aesgcm://"):].split("#", 1)
    secret = bytes.fromhex(fragment)
    iv, key = secret[:-32], secret[-32:]
    host = rest.split("/", 1)[0].split(":")[0]
    scheme = "http" if host in ("127.0.0.1", "localhost") else "https"
    with urllib.request.urlopen(f"{scheme}://{rest}") as response:
        sealed = response.read()
    return hashlib.sha256(AESGCM(key).decrypt(iv, sealed, None)).hexdigest()


def main() -> None:
    parser = ArgumentParser()
    parser.add_argument("--jid", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca", required=True, help="the server's certificate (PEM), trusted as a CA")
    parser.add_argument("--data", required=True, help="JSON file for the OMEMO data")
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, stream=sys.stderr)

    peer = Peer(args.jid, args.password)
    peer.ca_certs = Path(args.ca)
    peer.register_plugin("xep_0030")
    peer.register_plugin("xep_0060")
    peer.register_plugin("xep_0163")
    peer.register_plugin("xep_0045")
    peer.register_plugin("xep_0199")
    peer.register_plugin("xep_0380")
    peer.register_plugin("xep_0384", {"json_file_path": args.data}, module=sys.modules[__name__])
    peer.connect(args.host, args.port)
    peer.add_event_handler("disconnected", lambda _event: asyncio.get_event_loop().stop())
    asyncio.get_event_loop().run_forever()


if __name__ == "__main__":
    main()
