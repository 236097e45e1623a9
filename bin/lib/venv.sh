# Create .venv with the machine's python3 and install a requirements file into it,
# again only when that file changed since the last install. Says what it does: the first
# install takes a couple of minutes.
ensure_venv() {
  local requirements="$1"
  local stamp=".venv/.installed-$(basename "$requirements")"
  local who="${0#./}"
  if [ ! -x .venv/bin/python ]; then
    echo "$who: creating the virtualenv .venv with $(python3 --version)…"
    python3 -m venv .venv
    echo "$who: upgrading pip in .venv…"
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  if [ ! -f "$stamp" ] || [ -n "$(find requirements*.txt -newer "$stamp")" ]; then
    echo "$who: installing $requirements into .venv (the first time takes a couple of minutes)…"
    # One line per package as pip fetches it, not its progress bars; its errors in full.
    local status=0
    .venv/bin/python -m pip install --progress-bar off -r "$requirements" \
      | grep --line-buffered -E '^(Collecting|Successfully installed)' || status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ]; then
      echo "$who: installing $requirements failed (pip's error is above)." >&2
      return 1
    fi
    touch "$stamp"
    echo "$who: $requirements installed."
  fi
}
