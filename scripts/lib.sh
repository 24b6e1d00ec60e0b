# Shared by the scripts: install Debian packages that are missing, once, as root or via sudo.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "installing: ${missing[*]}" >&2
    $sudo apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >&2
}

# Country ranges for geolocation with no download from the internet beyond Debian's archive:
# Tor's geoip database from the tor-geoipdb package, unpacked (not installed: no tor daemon).
# Prints the directory holding geoip and geoip6.
ensure_tor_geoip() {
    local cache="${MERIDIAN_CACHE:-$HOME/.cache/meridian}/tor-geoipdb"
    if [[ ! -f "$cache/usr/share/tor/geoip" ]]; then
        local tmp
        tmp="$(mktemp -d)"
        chmod 755 "$tmp"   # apt downloads as _apt when it can
        (cd "$tmp" && apt-get download -q tor-geoipdb >&2) || { rm -rf "$tmp"; echo "could not download tor-geoipdb" >&2; return 1; }
        mkdir -p "$cache"
        dpkg -x "$tmp"/tor-geoipdb_*.deb "$cache"
        rm -rf "$tmp"
    fi
    echo "$cache/usr/share/tor"
}

# Headless Chromium (Debian's) and playwright-core (npm), for the dashboard's browser test.
# Prints the directory holding node_modules/playwright-core.
ensure_browser_test() {
    ensure_packages chromium
    command -v npm >/dev/null && command -v node >/dev/null || ensure_packages nodejs npm
    local dir="${MERIDIAN_CACHE:-$HOME/.cache/meridian}/e2e"
    local pkg="$1"
    mkdir -p "$dir"
    if ! cmp -s "$pkg" "$dir/package.json" || [[ ! -d "$dir/node_modules/playwright-core" ]]; then
        cp "$pkg" "$dir/package.json"
        (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2) || { echo "npm install failed" >&2; return 1; }
    fi
    echo "$dir"
}
