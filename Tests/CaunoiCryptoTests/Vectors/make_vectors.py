"""Writes the vector files beside it from the published vectors below, after cross-checking every
value with PyNaCl (libsodium), hashlib and argon2-cffi (the reference Argon2). Only the sealed-box
ciphertext changes from run to run (random ephemeral key).

    pip install pynacl argon2-cffi && python3 make_vectors.py Tests/CryptoTests/Vectors
"""
import hashlib, json, sys, os
import nacl.bindings as b
import nacl.exceptions
import nacl.pwhash
from nacl.public import PrivateKey, SealedBox
import argon2.low_level as a2

OUT = sys.argv[1]
H = bytes.fromhex

def write(name, algorithm, source, tests):
    tests = [dict({"tcId": i}, **t) for i, t in enumerate(tests, 1)]
    doc = {"algorithm": algorithm, "source": source, "numberOfTests": len(tests), "tests": tests}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

def flip(hexstr, index, mask=0x01):
    bs = bytearray(H(hexstr)); bs[index] ^= mask; return bs.hex()

# ---------------------------------------------------------------- XChaCha20-Poly1305
key = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
nonce = "404142434445464748494a4b4c4d4e4f5051525354555657"
aad = "50515253c0c1c2c3c4c5c6c7"
msg = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.".hex()
ct = ("bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
      "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
      "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
      "21f9664c97637da9768812f615c68b13b52e")
tag = "c0875924c1c7987947deafd8780acf49"
assert b.crypto_aead_xchacha20poly1305_ietf_encrypt(H(msg), H(aad), H(nonce), H(key)).hex() == ct + tag
base = dict(key=key, nonce=nonce, aad=aad, msg=msg, ct=ct, tag=tag)
xc = [dict(base, comment="draft-irtf-cfrg-xchacha-03 A.3.1", result="valid"),
      dict(base, comment="flipped ciphertext bit", ct=flip(ct, 0), result="invalid"),
      dict(base, comment="flipped ciphertext bit in the last byte", ct=flip(ct, len(H(ct)) - 1, 0x80), result="invalid"),
      dict(base, comment="flipped tag bit", tag=flip(tag, 15, 0x80), result="invalid"),
      dict(base, comment="changed AAD", aad=flip(aad, 11), result="invalid"),
      dict(base, comment="empty AAD", aad="", result="invalid"),
      dict(base, comment="wrong key", key=flip(key, 0), result="invalid"),
      dict(base, comment="wrong nonce (byte in the HChaCha20 part)", nonce=flip(nonce, 3), result="invalid"),
      dict(base, comment="wrong nonce (byte in the ChaCha20 part)", nonce=flip(nonce, 20), result="invalid")]
for t in xc[1:]:
    try:
        b.crypto_aead_xchacha20poly1305_ietf_decrypt(H(t["ct"] + t["tag"]), H(t["aad"]), H(t["nonce"]), H(t["key"]))
        raise SystemExit("invalid xchacha vector opened: " + t["comment"])
    except nacl.exceptions.CryptoError:
        pass
write("xchacha20_poly1305_test.json", "XChaCha20-Poly1305 (IETF AEAD)",
      "draft-irtf-cfrg-xchacha-03, Appendix A.3.1; invalid cases derived from it by single-bit/byte changes", xc)

# ---------------------------------------------------------------- Ed25519 (RFC 8032 §7.1)
rfc8032 = [
  ("TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
   "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
   "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
  ("TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
   "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
   "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
  ("TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
   "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
   "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
  ("TEST 1024", "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
   "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
   "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1"
   "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
   "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a"
   "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
   "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10"
   "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
   "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d"
   "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
   "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b"
   "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
   "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
   "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
   "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d"
   "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
   "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7"
   "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
   "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09"
   "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
   "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161"
   "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
   "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca"
   "c60c905c15fc910840b94c00a0b9d0",
   "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"),
]
assert len(H(rfc8032[3][3])) == 1023
ed = []
for name, seed, pk, m, sig in rfc8032:
    gpk, gsk = b.crypto_sign_seed_keypair(H(seed))
    assert gpk.hex() == pk, name
    assert b.crypto_sign(H(m), gsk)[:64].hex() == sig, name
    ed.append(dict(comment="RFC 8032 7.1 " + name, secretKey=seed, publicKey=pk, msg=m, sig=sig, result="valid"))
L = 2**252 + 27742317777372353535851937790883648493
t1, t2, t3 = rfc8032[0], rfc8032[1], rfc8032[2]
s_plus_l = (int.from_bytes(H(t1[4])[32:], "little") + L).to_bytes(32, "little")
invalid = [
  dict(comment="TEST 2 with modified message", publicKey=t2[2], msg="73", sig=t2[4]),
  dict(comment="TEST 3 with a byte appended to the message", publicKey=t3[2], msg=t3[3] + "00", sig=t3[4]),
  dict(comment="TEST 1 with a message where the RFC has none", publicKey=t1[2], msg="00", sig=t1[4]),
  dict(comment="TEST 2 with a flipped bit in R", publicKey=t2[2], msg=t2[3], sig=flip(t2[4], 0)),
  dict(comment="TEST 2 with a flipped bit in S", publicKey=t2[2], msg=t2[3], sig=flip(t2[4], 40)),
  dict(comment="TEST 1 with non-canonical S (S + L)", publicKey=t1[2], msg=t1[3], sig=t1[4][:64] + s_plus_l.hex()),
  dict(comment="TEST 1 signature under TEST 2's public key", publicKey=t2[2], msg=t1[3], sig=t1[4]),
  dict(comment="TEST 3 with a flipped bit in the public key", publicKey=flip(t3[2], 5), msg=t3[3], sig=t3[4]),
]
for t in invalid:
    try:
        b.crypto_sign_open(H(t["sig"] + t["msg"]), H(t["publicKey"]))
        raise SystemExit("invalid ed25519 vector verified: " + t["comment"])
    except nacl.exceptions.BadSignatureError:
        pass
    ed.append(dict(t, result="invalid"))
write("ed25519_test.json", "Ed25519", "RFC 8032 section 7.1 (TEST 1, 2, 3, 1024); invalid cases derived from them", ed)

# ---------------------------------------------------------------- X25519 (RFC 7748)
x = [
  dict(comment="RFC 7748 5.2 vector 1", privateKey="a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
       publicKey="e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
       shared="c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", result="valid"),
  dict(comment="RFC 7748 5.2 vector 2 (u has its top bit set, which must be masked)",
       privateKey="4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
       publicKey="e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
       shared="95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957", result="valid"),
]
alice = ("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
bob = ("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
K = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
x.append(dict(comment="RFC 7748 6.1 Alice: her public key, and K from Bob's public key", privateKey=alice[0], ownPublicKey=alice[1], publicKey=bob[1], shared=K, result="valid"))
x.append(dict(comment="RFC 7748 6.1 Bob: his public key, and K from Alice's public key", privateKey=bob[0], ownPublicKey=bob[1], publicKey=alice[1], shared=K, result="valid"))
for t in x:
    assert b.crypto_scalarmult(H(t["privateKey"]), H(t["publicKey"])).hex() == t["shared"], t["comment"]
    if "ownPublicKey" in t:
        assert b.crypto_scalarmult_base(H(t["privateKey"])).hex() == t["ownPublicKey"]
for comment, u in [("low-order public key u = 0", "00" * 32), ("low-order public key u = 1", "01" + "00" * 31),
                   ("low-order public key of order 8", "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]:
    try:
        b.crypto_scalarmult(H(alice[0]), H(u))
        raise SystemExit("low-order point accepted")
    except nacl.exceptions.RuntimeError:
        pass
    x.append(dict(comment=comment + " (all-zero shared secret, refused)", privateKey=alice[0], publicKey=u, shared="00" * 32, result="invalid"))
write("x25519_test.json", "X25519", "RFC 7748 sections 5.2 and 6.1; low-order points from the libsodium/Wycheproof blocklist", x)

# ---------------------------------------------------------------- BLAKE2b
key64 = bytes(range(64)).hex()
kat = {  # BLAKE2 reference test vectors (BLAKE2/BLAKE2 testvectors/blake2-kat.json = blake2b-kat.txt, keyed)
 0: "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568",
 1: "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd",
 2: "da2cfbe2d8409a0f38026113884f84b50156371ae304c4430173d08a99d9fb1b983164a3770706d537f49e0c916d9f32b95cc37a95b99d857436f0232c88a965",
 3: "33d0825dddf7ada99b0e7e307104ad07ca9cfd9692214f1561356315e784f3e5a17e364ae9dbb14cb2036df932b77f4b292761365fb328de7afdc6d8998f5fc1",
 63: "bd965bf31e87d70327536f2a341cebc4768eca275fa05ef98f7f1b71a0351298de006fba73fe6733ed01d75801b4a928e54231b38e38c562b2e33ea1284992fa",
 64: "65676d800617972fbd87e4b9514e1c67402b7a331096d3bfac22f1abb95374abc942f16e9ab0ead33b87c91968a6e509e119ff07787b3ef483e1dcdccf6e3022",
 65: "939fa189699c5d2c81ddd1ffc1fa207c970b6a3685bb29ce1d3e99d42f2f7442da53e95a72907314f4588399a3ff5b0a92beb3f6be2694f9f86ecf2952d5b41c",
 255: "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e92484be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461",
}
bl = []
for n, out in kat.items():
    assert hashlib.blake2b(bytes(range(n)), key=H(key64), digest_size=64).hexdigest() == out
    bl.append(dict(comment="blake2b-kat.txt keyed, input length %d" % n, msg=bytes(range(n)).hex(), key=key64, out=out, result="valid"))
abc = ("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
       "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
assert hashlib.blake2b(b"abc").hexdigest() == abc
bl.append(dict(comment="RFC 7693 Appendix A: BLAKE2b-512(\"abc\"), unkeyed", msg=b"abc".hex(), key="", out=abc, result="valid"))
write("blake2b_test.json", "BLAKE2b", "BLAKE2 reference package testvectors (blake2b-kat.txt, key 00..3f) and RFC 7693 Appendix A", bl)

# ---------------------------------------------------------------- Argon2id (computed)
ar = []
for pw, salt, ops, mem, n in [(b"correct horse battery staple", bytes(range(16)), 2, 65536, 32),
                              ("pässwörd 🔑".encode(), bytes(range(0xf0, 0x100)), 3, 131072, 64)]:
    out = nacl.pwhash.argon2id.kdf(n, pw, salt, opslimit=ops, memlimit=mem)
    ref = a2.hash_secret_raw(pw, salt, time_cost=ops, memory_cost=mem // 1024, parallelism=1, hash_len=n, type=a2.Type.ID, version=19)
    assert out == ref
    ar.append(dict(comment="PyNaCl argon2id.kdf(opslimit=%d, memlimit=%d), equal to argon2-cffi hash_secret_raw(t=%d, m=%d KiB, p=1)" % (ops, mem, ops, mem // 1024),
                   password=pw.hex(), salt=salt.hex(), opsLimit=ops, memLimit=mem, out=out.hex(), result="valid"))
write("argon2id_test.json", "Argon2id v1.3 (crypto_pwhash, p = 1)",
      "computed with PyNaCl nacl.pwhash.argon2id.kdf and cross-checked against argon2-cffi (reference libargon2)", ar)

# ---------------------------------------------------------------- Sealed box interop (PyNaCl -> ours)
sk = hashlib.sha256(b"caunoi sealed box interop recipient").digest()
recipient = PrivateKey(sk)
m = b"grant: index key v3 for person 0042"
sealed = SealedBox(recipient.public_key).encrypt(m)
assert SealedBox(recipient).decrypt(sealed) == m
pk = bytes(recipient.public_key).hex()
sb = [dict(comment="PyNaCl SealedBox(PublicKey).encrypt", secretKey=sk.hex(), publicKey=pk, msg=m.hex(), ct=sealed.hex(), result="valid")]
sb.append(dict(sb[0], comment="flipped bit in the ephemeral public key", ct=flip(sealed.hex(), 3), result="invalid"))
sb.append(dict(sb[0], comment="flipped bit in the MAC", ct=flip(sealed.hex(), 40), result="invalid"))
sb.append(dict(sb[0], comment="flipped bit in the ciphertext body", ct=flip(sealed.hex(), len(sealed) - 1), result="invalid"))
other = hashlib.sha256(b"someone else").digest()
sb.append(dict(sb[0], comment="opened by another recipient", secretKey=other.hex(), publicKey=bytes(PrivateKey(other).public_key).hex(), result="invalid"))
for t in sb[1:]:
    try:
        SealedBox(PrivateKey(H(t["secretKey"]))).decrypt(H(t["ct"]))
        raise SystemExit("invalid sealed box opened")
    except nacl.exceptions.CryptoError:
        pass
write("sealed_box_test.json", "crypto_box_seal (X25519-XSalsa20-Poly1305)",
      "ciphertext produced by PyNaCl %s SealedBox(PublicKey).encrypt (random ephemeral key, fixed once here)" % nacl.__version__, sb)
print("ok")
