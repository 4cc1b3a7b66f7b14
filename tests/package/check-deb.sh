#!/usr/bin/env bash
# The Debian packages as a centre gets them (issue 16 item 4): `cpack -G DEB`
# from this build, then, without installing anything on this machine:
#  - soma holds the program, its shaders, assets, exercises (scripts and
#    native plugins), launcher, icon, metainfo, man page and copyright, and
#    depends on the libraries it links; soma-dev holds the SDK and nothing
#    of the program;
#  - the program unpacked into a root of its own starts from there
#    (--version, the exercises found);
#  - the SDK's template, built against the unpacked soma-dev and installed
#    into that root with its own install rule, is found by that soma.
# Usage: check-deb.sh BUILD_DIR SCRATCH_DIR
set -euo pipefail
build=$1
work=$2
rm -rf "$work"
mkdir -p "$work/debs" "$work/unpacked"
fail() { echo "check-deb: $*" >&2; exit 1; }

(cd "$work/debs" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/debs" > cpack.log 2>&1) ||
  { cat "$work/debs/cpack.log"; fail "cpack failed"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
runtime="$work/debs/soma_${version}_${arch}.deb"
dev="$work/debs/soma-dev_${version}_all.deb"
[ -f "$runtime" ] || fail "no $runtime; cpack made: $(ls "$work/debs")"
[ -f "$dev" ] || fail "no $dev; cpack made: $(ls "$work/debs")"

dpkg-deb -c "$runtime" | awk '{print $6}' > "$work/runtime.txt"
dpkg-deb -c "$dev" | awk '{print $6}' > "$work/dev.txt"
has() { grep -qx -- "$2" "$work/$1.txt" || fail "$1 package lacks $2"; }
hasLike() { grep -q -- "$2" "$work/$1.txt" || fail "$1 package has nothing like $2"; }
lacks() { ! grep -q -- "$2" "$work/$1.txt" || fail "$1 package should not hold $2"; }
has runtime ./usr/bin/soma
hasLike runtime '^./usr/share/soma/shaders/.*\.frag$'
hasLike runtime '^./usr/share/soma/assets/figure/'
hasLike runtime '^./usr/share/soma/assets/catalog/nl.po$'
has runtime ./usr/share/soma/plugins/body-scan/script.toml
has runtime ./usr/lib/soma/plugins/pendulation.so
has runtime ./usr/lib/soma/plugins/personal-scan.so
has runtime ./usr/share/applications/io.soma.Soma.desktop
has runtime ./usr/share/icons/hicolor/scalable/apps/io.soma.Soma.svg
has runtime ./usr/share/metainfo/io.soma.Soma.metainfo.xml
has runtime ./usr/share/man/man1/soma.1.gz
has runtime ./usr/share/doc/soma/copyright
has runtime ./usr/lib/systemd/system/soma-kiosk.service
has runtime ./usr/lib/sysusers.d/soma-kiosk.conf
has runtime ./usr/share/doc/soma/kiosk.md
lacks runtime 'include/soma'
lacks runtime 'fixture'
has dev ./usr/include/soma/plugin.h
has dev ./usr/include/soma/plugin_cpp.h
has dev ./usr/lib/cmake/Soma/SomaConfig.cmake
has dev ./usr/lib/cmake/Soma/SomaConfigVersion.cmake
has dev ./usr/share/soma/sdk/template/CMakeLists.txt
has dev ./usr/share/doc/soma-dev/copyright
lacks dev ./usr/bin/soma

depends=$(dpkg-deb -f "$runtime" Depends)
for lib in libespeak-ng1 libsdl2 libopenal1 libsndfile1 libsodium espeak-ng-data fonts-dejavu-core libegl1 libgl1,; do
  case "$depends" in *"$lib"*) ;; *) fail "soma does not depend on $lib: $depends" ;; esac
done
case "$(dpkg-deb -f "$dev" Depends)" in *"soma (= $version)"*) ;; *) fail "soma-dev does not depend on soma $version" ;; esac
[ "$(dpkg-deb -f "$dev" Architecture)" = all ] || fail "soma-dev is not Architecture: all"
# Unpacked into a root of its own, the program finds its data there.
dpkg-deb -x "$runtime" "$work/unpacked"
dpkg-deb -x "$dev" "$work/unpacked"
gzip -t "$work/unpacked/usr/share/man/man1/soma.1.gz" || fail "the man page is not gzip"
if command -v appstreamcli > /dev/null; then
  appstreamcli validate --no-net "$work/unpacked/usr/share/metainfo/io.soma.Soma.metainfo.xml" > "$work/appstream.log" 2>&1 ||
    { cat "$work/appstream.log"; fail "the metainfo does not validate"; }
fi
dpkg-deb -I "$runtime" postinst | grep -q systemd-sysusers || fail "soma's postinst does not make the kiosk's user"
grep -q '^Type=notify$' "$work/unpacked/usr/lib/systemd/system/soma-kiosk.service" || fail "the kiosk unit is not Type=notify"
grep -q '^ExecStart=/usr/bin/soma kiosk$' "$work/unpacked/usr/lib/systemd/system/soma-kiosk.service" || fail "the kiosk unit does not start soma kiosk"
if command -v systemd-analyze > /dev/null; then
  # Checks the unit's syntax (not that it runs: that needs systemd as PID 1).
  systemd-analyze verify --man=no "$work/unpacked/usr/lib/systemd/system/soma-kiosk.service" 2> "$work/unit.log" || true
  if grep -v -e 'soma: No such file' -e '/usr/bin/soma' -e 'Command .* is not executable' "$work/unit.log" | grep -qi 'unknown\|invalid\|failed to parse'; then
    cat "$work/unit.log"; fail "the kiosk unit has a mistake"
  fi
fi
"$work/unpacked/usr/bin/soma" --version | grep -q "$version" || fail "the unpacked soma does not say its version"
plugins=$(XDG_DATA_HOME="$work/home" "$work/unpacked/usr/bin/soma" plugins)
for id in body-scan pendulation personal-scan; do
  grep -q "^$id\b\|\b$id\b" <<< "$plugins" || fail "the unpacked soma does not find $id: $plugins"
done

# A plugin of a centre's own, from the SDK's template against soma-dev,
# installed by its own rule into that root: the unpacked soma loads it.
cmake -S "$work/unpacked/usr/share/soma/sdk/template" -B "$work/plugin" -DCMAKE_PREFIX_PATH="$work/unpacked/usr" \
  -DCMAKE_INSTALL_PREFIX="$work/unpacked/usr" > "$work/plugin.log" 2>&1 || { cat "$work/plugin.log"; fail "the template does not configure"; }
cmake --build "$work/plugin" >> "$work/plugin.log" 2>&1 || { cat "$work/plugin.log"; fail "the template does not build"; }
cmake --install "$work/plugin" >> "$work/plugin.log" 2>&1 || { cat "$work/plugin.log"; fail "the template does not install"; }
[ -f "$work/unpacked/usr/lib/soma/plugins/my-exercise.so" ] || fail "the template did not install into lib/soma/plugins: $(find "$work/unpacked/usr/lib" -name '*.so' | head)"
plugins=$(XDG_DATA_HOME="$work/home" "$work/unpacked/usr/bin/soma" plugins)
grep -q "my-exercise" <<< "$plugins" || fail "the unpacked soma does not find the template's plugin: $plugins"
echo "check-deb: $(basename "$runtime") ($(du -k "$runtime" | cut -f1) KiB) and $(basename "$dev") hold what they should; the SDK's plugin installs where soma finds it"
