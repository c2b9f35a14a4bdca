#!/usr/bin/env bash
# Build the Debian package of rnetstat from a built binary:
#
#   pkg/deb.sh BINARY OUTDIR
#
# e.g. pkg/deb.sh target/x86_64-unknown-linux-musl/release/rnetstat target/deb (the static
# binary: the package then depends on nothing). Writes OUTDIR/rnetstat_VERSION_ARCH.deb with
# the binary, the manual and the shell completions in their Debian places:
#
#   /usr/bin/rnetstat
#   /usr/share/man/man1/rnetstat.1.gz
#   /usr/share/bash-completion/completions/rnetstat
#   /usr/share/zsh/vendor-completions/_rnetstat
#   /usr/share/fish/vendor_completions.d/rnetstat.fish
#   /usr/share/doc/rnetstat/copyright
#
# VERSION is the package's version in Cargo.toml, ARCH `dpkg --print-architecture` (or $ARCH),
# the maintainer $MAINTAINER, the compression $COMPRESSION (default xz; gzip or none build
# faster). Only dpkg-deb, gzip, strip and readelf are needed (no cargo-deb to compile);
# tests/package.rs builds a package with it and checks what `dpkg -x` unpacks.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: pkg/deb.sh BINARY OUTDIR" >&2
    exit 1
fi
binary=$1
outdir=$2
src=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$binary" ] || { echo "pkg/deb.sh: $binary: not an executable" >&2; exit 1; }

version=$(awk -F'"' '/^\[package\]/ { p = 1 } p && /^version *=/ { print $2; exit }' "$src/Cargo.toml")
arch=${ARCH:-$(dpkg --print-architecture)}
maintainer=${MAINTAINER:-rnetstat developers <rnetstat@example.org>}
compression=${COMPRESSION:-xz}
description=$(awk -F'"' '/^\[package\]/ { p = 1 } p && /^description *=/ { print $2; exit }' "$src/Cargo.toml")

stage=$(mktemp -d "${TMPDIR:-/tmp}/rnetstat-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/man/man1" \
    "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d" "$root/usr/share/doc/rnetstat"
install -m 0755 "$binary" "$root/usr/bin/rnetstat"
# As dh_strip does: no symbols or debug information in the installed binary.
strip --strip-unneeded "$root/usr/bin/rnetstat"
gzip -9n -c "$src/man/rnetstat.1" > "$root/usr/share/man/man1/rnetstat.1.gz"
install -m 0644 "$src/completions/rnetstat.bash" "$root/usr/share/bash-completion/completions/rnetstat"
install -m 0644 "$src/completions/_rnetstat" "$root/usr/share/zsh/vendor-completions/_rnetstat"
install -m 0644 "$src/completions/rnetstat.fish" "$root/usr/share/fish/vendor_completions.d/rnetstat.fish"
cat > "$root/usr/share/doc/rnetstat/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: rnetstat

Files: *
Copyright: the rnetstat developers
License: MIT or Apache-2.0
 On Debian systems the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0.
 The MIT license: Permission is hereby granted, free of charge, to any person obtaining a
 copy of this software and associated documentation files (the "Software"), to deal in the
 Software without restriction, including without limitation the rights to use, copy, modify,
 merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
 persons to whom the Software is furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
 PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
 FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
 OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
 DEALINGS IN THE SOFTWARE.
COPYRIGHT
chmod 0644 "$root/usr/share/doc/rnetstat/copyright"

# A dynamically linked binary needs the C library; the static (musl) one needs nothing.
depends=""
if readelf -d "$root/usr/bin/rnetstat" 2>/dev/null | grep -q 'NEEDED.*libc\.so\.6'; then
    depends="Depends: libc6"
fi
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
{
    echo "Package: rnetstat"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: $maintainer"
    echo "Installed-Size: $size"
    [ -z "$depends" ] || echo "$depends"
    echo "Section: net"
    echo "Priority: optional"
    echo "Description: $description"
    echo " rnetstat shows sockets, routing tables, interfaces, multicast memberships,"
    echo " protocol statistics and more the way BSD netstat(1) does, with BSD's flags,"
    echo " as classic tables, JSON (--json) or Prometheus metrics (--prometheus)."
} > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

mkdir -p "$outdir"
deb="$outdir/rnetstat_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"$compression" --build "$root" "$deb" >/dev/null
echo "$deb"
