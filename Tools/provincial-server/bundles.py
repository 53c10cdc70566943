"""Signed form bundles (docs/protocol.md, "Form bundles"): the province's forms and datasets,
with a version, signed with its Ed25519 key (libsodium's crypto_sign_detached, through ctypes
as server.py does for sealing). Standard library + the system's libsodium only.

A bundle is one file:

    motcua-forms-bundle 1\\n
    signature <base64 of the 64-byte Ed25519 signature of everything after this line>\\n
    <manifest: one line of JSON>\\n
    <the bytes of each file of the manifest, in its order>

The manifest is {"format": 1, "version": "2026.12.1", "created": "yyyyMMddHHmmss",
"files": [{"path": "birth.json", "size": 123, "sha256": "…"}, …]}; paths are NAME.json at the
top and datasets/NAME.csv. The signature covers the manifest (so the version) and every byte.
"""

import base64
import ctypes
import ctypes.util
import datetime as _dt
import hashlib
import json
import os
import re

MAGIC = b"motcua-forms-bundle 1\n"
VERSION_RE = re.compile(r"\d{1,9}(\.\d{1,9}){0,3}")          # fullmatch
PATH_RE = re.compile(r"(datasets/)?[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(json|csv)")  # fullmatch
MAX_BUNDLE_BYTES = 32 * 1024 * 1024
VN_TZ = _dt.timezone(_dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")


class BundleError(Exception):
    """A bundle or key that cannot be used, in one line for the operator."""


_lib = None


def sodium():
    global _lib
    if _lib is not None:
        return _lib
    lib = None
    for name in [n for n in (ctypes.util.find_library("sodium"), "libsodium.so.23", "libsodium.so") if n]:
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError:
            continue
    if lib is None or lib.sodium_init() < 0:
        raise BundleError("cannot load libsodium (install it: sudo apt-get install libsodium23)")
    lib.crypto_sign_seed_keypair.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.crypto_sign_detached.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_char_p,
                                         ctypes.c_ulonglong, ctypes.c_char_p]
    lib.crypto_sign_verify_detached.argtypes = [ctypes.c_char_p, ctypes.c_char_p,
                                                ctypes.c_ulonglong, ctypes.c_char_p]
    _lib = lib
    return lib


def keypair_from_seed(seed):
    """(public 32 bytes, secret 64 bytes) of an Ed25519 seed of 32 bytes."""
    if len(seed) != 32:
        raise BundleError("an Ed25519 seed is 32 bytes")
    public, secret = ctypes.create_string_buffer(32), ctypes.create_string_buffer(64)
    sodium().crypto_sign_seed_keypair(public, secret, seed)
    return public.raw, secret.raw


def sign(secret, message):
    sig = ctypes.create_string_buffer(64)
    if sodium().crypto_sign_detached(sig, None, message, len(message), secret) != 0:
        raise BundleError("crypto_sign_detached failed")
    return sig.raw


def verify(public, signature, message):
    return len(signature) == 64 and len(public) == 32 and \
        sodium().crypto_sign_verify_detached(signature, message, len(message), public) == 0


def _first_line(path):
    with open(path, encoding="ascii", errors="replace") as f:
        lines = [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]
    return lines[0] if lines else ""


def make_sign_key(path):
    """Writes a new signing key: the secret seed to PATH (0600, never over a file) and the
    public key to PATH.pub; returns the public key in base64."""
    seed = os.urandom(32)
    public, _ = keypair_from_seed(seed)
    public64 = base64.b64encode(public).decode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("# The province's form-signing key (Ed25519 seed). Keep it off the server,\n"
                "# secret and backed up: whoever holds it can change the forms of every station.\n"
                "# Public key (given to stations at enrolment): %s\n%s\n"
                % (public64, base64.b64encode(seed).decode()))
    with open(path + ".pub", "w") as f:
        f.write(public64 + "\n")
    return public64


def read_sign_key(path):
    """(public, secret) from a key file written by make_sign_key; owner-only, like the others."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise BundleError("cannot read the signing key %s: %s" % (path, e.strerror))
    if st.st_mode & 0o077:
        raise BundleError("the signing key %s is accessible by group/others; run: chmod 600 %s"
                          % (path, path))
    try:
        seed = base64.b64decode(_first_line(path), validate=True)
    except (ValueError, base64.binascii.Error):
        seed = b""
    if len(seed) != 32:
        raise BundleError("%s does not hold a signing key (base64 of a 32-byte seed)" % path)
    return keypair_from_seed(seed)


def read_public_key(text_or_path):
    """A public key in base64, given as such or as a file holding it (make-sign-key's .pub)."""
    text = _first_line(text_or_path) if os.path.isfile(text_or_path) else text_or_path.strip()
    try:
        key = base64.b64decode(text, validate=True)
    except (ValueError, base64.binascii.Error):
        key = b""
    if len(key) != 32:
        raise BundleError("not an Ed25519 public key (base64 of 32 bytes): %s" % text_or_path)
    return key


def version_key(version):
    return tuple(int(p) for p in version.split("."))


def collect(forms_dir):
    """The files of a forms folder a bundle carries: *.json and datasets/*.csv, sorted."""
    if not os.path.isdir(forms_dir):
        raise BundleError("no forms folder %s" % forms_dir)
    paths = sorted(n for n in os.listdir(forms_dir) if n.endswith(".json")
                   and os.path.isfile(os.path.join(forms_dir, n)))
    data_dir = os.path.join(forms_dir, "datasets")
    if os.path.isdir(data_dir):
        paths += sorted("datasets/" + n for n in os.listdir(data_dir) if n.endswith(".csv"))
    if not any(p.endswith(".json") for p in paths):
        raise BundleError("the forms folder %s has no form (.json)" % forms_dir)
    for p in paths:
        if not PATH_RE.fullmatch(p):
            raise BundleError("a file name a bundle cannot carry: %s" % p)
    return paths


def build(forms_dir, version, secret, now_epoch):
    """The signed bundle's bytes."""
    if not VERSION_RE.fullmatch(version):
        raise BundleError("the version %r is not numbers separated by dots (2026.12.1)" % version)
    files, payload = [], []
    for p in collect(forms_dir):
        with open(os.path.join(forms_dir, p), "rb") as f:
            data = f.read()
        files.append({"path": p, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        payload.append(data)
    created = _dt.datetime.fromtimestamp(now_epoch, VN_TZ).strftime("%Y%m%d%H%M%S")
    manifest = json.dumps({"format": 1, "version": version, "created": created, "files": files},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    signed = manifest.encode("utf-8") + b"\n" + b"".join(payload)
    if len(signed) > MAX_BUNDLE_BYTES:
        raise BundleError("the bundle is over %d bytes" % MAX_BUNDLE_BYTES)
    return MAGIC + b"signature " + base64.b64encode(sign(secret, signed)) + b"\n" + signed


def parse(data):
    """(manifest, signature or b"", signed bytes) of a bundle's bytes, or BundleError. No check
    of the signature: the server serves what it was given; the station checks."""
    if not data.startswith(MAGIC):
        raise BundleError("not a form bundle")
    rest = data[len(MAGIC):]
    line, sep, signed = rest.partition(b"\n")
    signature = b""
    if line.startswith(b"signature "):
        try:
            signature = base64.b64decode(line[len(b"signature "):], validate=True)
        except (ValueError, base64.binascii.Error):
            signature = b""
    else:
        # Unsigned: served all the same (a station refuses it; the tests need it served).
        signed = rest
    manifest_line, sep, _ = signed.partition(b"\n")
    try:
        manifest = json.loads(manifest_line.decode("utf-8"))
        version = manifest["version"]
    except (ValueError, KeyError, TypeError):
        raise BundleError("the bundle's manifest is not readable")
    if not isinstance(version, str) or not VERSION_RE.fullmatch(version):
        raise BundleError("the bundle's version is not numbers separated by dots")
    return manifest, signature, signed


class Published:
    """The bundle this server offers (--bundle FILE): its bytes, version and hash."""

    def __init__(self, path, truncate=None):
        try:
            with open(path, "rb") as f:
                self.data = f.read()
        except OSError as e:
            raise BundleError("cannot read the bundle %s: %s" % (path, e.strerror))
        manifest, _, _ = parse(self.data)
        self.version = manifest["version"]
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        self.size = len(self.data)
        # Fault injection (--bundle-truncate N): the download stops after N bytes.
        self.served = self.data[:truncate] if truncate is not None else self.data

    def describe(self):
        return {"version": self.version, "sha256": self.sha256, "size": self.size,
                "path": "api/v1/forms/bundle/" + self.version}
