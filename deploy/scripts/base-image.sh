#!/usr/bin/env bash
# Builds a local base image equivalent to node:20-slim without a registry: a Debian bookworm minbase root
# made with debootstrap, plus this machine's Node 20 binary and npm, and a `node` user (uid 1000) as in
# the official image. Skips the work when the image already exists, so later builds reuse it.
# Usage: base-image.sh [image-name]   (default localhost/cnmcp-base:node-<version>)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"
node_version=$(node --version)
case "$node_version" in v20.*) ;; *) echo "base-image: Node 20 is needed on the PATH (found $node_version)" >&2; exit 1 ;; esac
image="${1:-localhost/cnmcp-base:node-${node_version}}"
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi
for bin in debootstrap podman; do
  command -v "$bin" >/dev/null || { echo "base-image: $bin is missing (apt-get install -y buildah podman debootstrap)" >&2; exit 1; }
done
# The Debian mirror this machine already uses (never hard-coded).
mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 | awk '{print $2}')
[ -n "$mirror" ] || mirror=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v security | head -1 | awk '{print $2}')
[ -n "$mirror" ] || { echo "base-image: no Debian mirror found in the apt sources" >&2; exit 1; }
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >&2
# Node and npm where the official image keeps them.
install -D -m 0755 "$(command -v node)" "$rootfs/usr/local/bin/node"
npm_root=$(npm root -g)
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$npm_root/npm" "$rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" /bin/sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["node"]' - "$image" >&2
echo "$image"
