#!/usr/bin/env bash
# How a bank checks a Countersign evidence bundle with standard tools only (README, "Evidence
# bundles"): unzip, sha256sum, openssl 3, jq, base64. The unit tests run this very script.
# usage: check-with-standard-tools.sh <bundle.zip> <key fingerprint the shop gave you>
set -euo pipefail
bundle=$(realpath "$1"); expected=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
unzip -q "$bundle" -d "$dir"; cd "$dir"

# 1. Every file is as the bag lists it (bagit.py --validate does this and more).
sha256sum --quiet -c manifest-sha256.txt
sha256sum --quiet -c tagmanifest-sha256.txt

# 2. The key is the shop's: its fingerprint is the SHA-256 of the raw 32-byte public key.
fp=$(openssl pkey -pubin -in device-key.pem -outform DER | tail -c 32 | sha256sum | cut -d' ' -f1)
[ "$fp" = "$expected" ] || { echo "UNKNOWN_KEY: the bundle key is $fp"; exit 1; }

# 3. The statement's signature: Ed25519 over DSSE's PAE = "DSSEv1 <len type> <type> <len body> <body>".
jq -r .payload evidence.dsse.json | base64 -d > statement.json
jq -r '.signatures[0].sig' evidence.dsse.json | base64 -d > sig.bin
type=$(jq -r .payloadType evidence.dsse.json)
{ printf 'DSSEv1 %d %s %d ' "${#type}" "$type" "$(wc -c < statement.json)"; cat statement.json; } > pae.bin
openssl pkeyutl -verify -pubin -inkey device-key.pem -rawin -in pae.bin -sigfile sig.bin

# 4. The signed statement names exactly the files and digests of the payload manifest.
jq -r '.subject[] | "\(.digest.sha256)  \(.name)"' statement.json | sort > signed.txt
sort manifest-sha256.txt | diff - signed.txt
echo "OK: bag, key and signature check out"
